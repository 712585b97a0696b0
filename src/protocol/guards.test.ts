import { expect } from '@open-wc/testing';
import { isHello, isWidgetMessage, looksLikeAction, parseAction } from './guards.js';
import { domEventType, eventNames } from './events.js';

describe('parseAction', () => {
  const ok = [
    { label: 'Tegsoft queryStatus, no ns/v/id', raw: { type: 'action', group: 'agent', name: 'queryStatus' } },
    { label: 'dial with ctiData', raw: { type: 'action', group: 'agent', name: 'dial', data: { numberToDial: '+12125550100', ctiData: { variables: { CONTID: 'abc-1' }, ctiVariableNames: ['CONTID'] } } } },
    { label: 'dial with * and #', raw: { type: 'action', group: 'agent', name: 'dial', data: { numberToDial: '*72#' } } },
    { label: 'hangUp with a callId', raw: { type: 'action', group: 'agent', name: 'hangUp', data: { callId: 'c1' }, ns: 'ringside', v: 1, id: 'x' } },
    { label: 'answer with empty data', raw: { type: 'action', group: 'agent', name: 'answer', data: {} } },
  ];
  for (const { label, raw } of ok) {
    it(`accepts ${label}`, () => {
      const parsed = parseAction(raw);
      expect(parsed.ok, JSON.stringify(parsed)).to.equal(true);
    });
  }

  const bad = [
    { label: 'unknown name', raw: { type: 'action', group: 'agent', name: 'fly', id: 'a' }, code: 'unknown_action' },
    { label: 'inherited name', raw: { type: 'action', group: 'agent', name: 'toString', id: 'a' }, code: 'unknown_action' },
    { label: 'missing numberToDial', raw: { type: 'action', group: 'agent', name: 'dial', data: {}, id: 'a' }, code: 'invalid_data' },
    { label: 'newer version', raw: { type: 'action', group: 'agent', name: 'dial', v: 2, id: 'a' }, code: 'unsupported_version' },
    { label: 'bad group', raw: { type: 'action', group: 'root', name: 'dial', id: 'a' }, code: 'invalid_data' },
  ];
  for (const { label, raw, code } of bad) {
    it(`refuses ${label} with ${code} and keeps the id`, () => {
      const parsed = parseAction(raw);
      expect(parsed.ok).to.equal(false);
      if (!parsed.ok) {
        expect(parsed.error.code).to.equal(code);
        expect(parsed.id).to.equal('a');
      }
    });
  }

  it('copies only known fields, so prototype keys never reach the phone', () => {
    const raw = JSON.parse('{"type":"action","group":"agent","name":"dial","data":{"numberToDial":"2001","__proto__":{"admin":true},"extra":1}}');
    const parsed = parseAction(raw);
    expect(parsed.ok).to.equal(true);
    if (parsed.ok) expect(parsed.action.data).to.deep.equal({ numberToDial: '2001' });
    expect(({} as Record<string, unknown>).admin).to.equal(undefined);
  });
});

describe('message guards', () => {
  const cases: [string, unknown, boolean][] = [
    ['an action', { type: 'action' }, true],
    ['an event', { type: 'event' }, false],
    ['null', null, false],
    ['an array', [{ type: 'action' }], false],
    ['an inherited type', Object.create({ type: 'action' }), false],
  ];
  for (const [label, value, expected] of cases) {
    it(`looksLikeAction(${label}) is ${expected}`, () => expect(looksLikeAction(value)).to.equal(expected));
  }

  it('knows a hello only with our namespace', () => {
    expect(isHello({ ns: 'ringside', type: 'hello', v: 1 })).to.equal(true);
    expect(isHello({ type: 'hello' })).to.equal(false);
    expect(isHello({ ns: 'ringside', type: 'hello', token: 5 })).to.equal(false);
  });

  it('knows widget messages only with our namespace and a seq on events', () => {
    expect(isWidgetMessage({ ns: 'ringside', type: 'event', name: 'status', seq: 1 })).to.equal(true);
    expect(isWidgetMessage({ ns: 'ringside', type: 'event', name: 'status' })).to.equal(false);
    expect(isWidgetMessage({ type: 'event', name: 'status', seq: 1 })).to.equal(false);
  });
});

describe('domEventType', () => {
  const cases: [Parameters<typeof domEventType>[0], string][] = [
    ['OnIncomingCallRinging', 'ringside-incoming-call-ringing'],
    ['OnAgentRingNoAnswer', 'ringside-agent-ring-no-answer'],
    ['status', 'ringside-status'],
    ['OnLoginFailed', 'ringside-login-failed'],
  ];
  for (const [name, type] of cases) it(`${name} → ${type}`, () => expect(domEventType(name)).to.equal(type));

  it('gives every event a distinct DOM type', () => {
    expect(new Set(eventNames.map(domEventType)).size).to.equal(eventNames.length);
  });
});

describe('protocol versions', () => {
  const cases: [string, unknown, string | null][] = [
    ['no v (Tegsoft)', undefined, null],
    ['v 1', 1, null],
    ['v 2 (newer host)', 2, 'unsupported_version'],
    ['v 0', 0, 'unsupported_version'],
    ['v "1" (string)', '1', 'unsupported_version'],
  ];
  for (const [label, v, code] of cases) {
    it(`${label} → ${code ?? 'served'}`, () => {
      const raw: Record<string, unknown> = { type: 'action', group: 'agent', name: 'queryStatus' };
      if (v !== undefined) raw.v = v;
      const parsed = parseAction(raw);
      expect(parsed.ok ? null : parsed.error.code).to.equal(code);
    });
  }
});
