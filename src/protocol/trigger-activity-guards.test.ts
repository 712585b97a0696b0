import { expect } from '@open-wc/testing';
import { parseAction } from './action-guards.js';
import { clipActivity } from './triggers/activity.js';

/**
 * `logTriggerActivity` at the boundary: the steps a CRM page reports for the phone's trigger
 * log are checked field by field, bounded, and copied without anything else.
 */
const action = (data?: unknown) => ({ type: 'action', group: 'agent', name: 'logTriggerActivity', id: 'a', ...(data === undefined ? {} : { data }) });
const step = { kind: 'failed', trigger: 'CRM log', event: 'inbound.hangup', eventId: '6f1c2d3e-0000-4000-8000-000000000001', url: 'https://crm.example.com/log?x=%2B1', code: 'http_error', message: 'the endpoint answered 503', willRetry: true, attempts: 3 };

describe('parseAction: logTriggerActivity', () => {
  it('accepts up to 20 steps of every kind and copies only their known fields', () => {
    const delivered = { kind: 'delivered', trigger: 't', event: 'login', eventId: 'e', url: 'https://x.example/', delivery: 'sent', status: 0, attempts: 1 };
    const refusedWhenSet = { kind: 'failed', trigger: 'trigger-2', event: '', eventId: '', code: 'scheme_not_allowed', message: 'only http and https', willRetry: false, attempts: 0, field: 'url' };
    const fired = { kind: 'fired', trigger: 'Route', event: 'OnIncomingCallRinging', eventId: 'e2', mode: 'route', url: '#/calls/1' };
    const parsed = parseAction(action({ activity: [{ ...step, extra: 1, __proto__: { polluted: true } }, delivered, refusedWhenSet, fired, { kind: 'blocked', trigger: 'w', event: 'login', eventId: 'e3', url: 'https://x.example/' }], more: 2 }));

    expect(parsed.ok, JSON.stringify(parsed)).to.equal(true);
    if (parsed.ok) expect(parsed.action.data).to.deep.equal({ activity: [step, delivered, refusedWhenSet, fired, { kind: 'blocked', trigger: 'w', event: 'login', eventId: 'e3', url: 'https://x.example/' }] });
    expect(parseAction(action({ activity: Array.from({ length: 20 }, () => step) })).ok).to.equal(true);
  });

  const bad: [string, unknown][] = [
    ['no data', undefined],
    ['no list', { activity: 'fired' }],
    ['an empty list', { activity: [] }],
    ['21 steps', { activity: Array.from({ length: 21 }, () => step) }],
    ['a step that is not an object', { activity: ['fired'] }],
    ['an unknown kind', { activity: [{ ...step, kind: 'exploded' }] }],
    ["offered, which only the phone's own buttons are", { activity: [{ ...step, kind: 'offered' }] }],
    ['no trigger', { activity: [{ ...step, trigger: undefined }] }],
    ['a trigger name of 121 characters', { activity: [{ ...step, trigger: 't'.repeat(121) }] }],
    ['a control character in the message', { activity: [{ ...step, message: 'a\u001b[31mb' }] }],
    ['an event id with other characters', { activity: [{ ...step, eventId: '<script>' }] }],
    ['a URL longer than 2048 characters', { activity: [{ ...step, url: `https://x.example/${'a'.repeat(2048)}` }] }],
    ['a code that is not a lower-case code', { activity: [{ ...step, code: 'HTTP ERROR' }] }],
    ['an unknown mode', { activity: [{ ...step, mode: 'popup' }] }],
    ['an unknown delivery', { activity: [{ ...step, delivery: 'maybe' }] }],
    ['a status that is not a whole number', { activity: [{ ...step, status: 200.5 }] }],
    ['attempts below zero', { activity: [{ ...step, attempts: -1 }] }],
    ['willRetry that is not a boolean', { activity: [{ ...step, willRetry: 'yes' }] }],
  ];
  for (const [label, data] of bad) {
    it(`refuses ${label} with invalid_data`, () => {
      const parsed = parseAction(action(data));
      expect(parsed.ok).to.equal(false);
      if (!parsed.ok) expect([parsed.error.code, parsed.id]).to.deep.equal(['invalid_data', 'a']);
    });
  }

  it('takes every step the element sends: clipActivity cuts long and control-laden texts to what the check accepts', () => {
    const long = {
      ...step,
      trigger: 'T'.repeat(500),
      message: `<%${'K'.repeat(290)}\n%> is not a key`,
      url: `https://crm.example.com/log?notes=${'n'.repeat(5000)}`,
      field: 'url',
      attempts: 5000,
    };
    expect(parseAction(action({ activity: [long] })).ok, 'unclipped').to.equal(false);

    const parsed = parseAction(action({ activity: [clipActivity(long as never)] }));

    expect(parsed.ok, JSON.stringify(parsed).slice(0, 300)).to.equal(true);
    if (parsed.ok && parsed.action.name === 'logTriggerActivity') {
      const [clipped] = parsed.action.data!.activity;
      expect([clipped!.trigger.length, clipped!.message!.length, clipped!.url!.length, clipped!.attempts, clipped!.message!.includes('\n')]).to.deep.equal([120, 300, 2048, 1000, false]);
    }
  });
});
