import { expect } from '@open-wc/testing';
import { parseAction } from './action-guards.js';

/** The history actions' data as the widget takes it: paging fields checked, nothing else copied. */
describe('parseAction: getCallHistory and clearCallHistory', () => {
  const action = (name: string, data?: unknown) => ({ type: 'action', group: 'agent', name, id: 'h1', ...(data === undefined ? {} : { data }) });

  const accepted: [string, unknown, unknown][] = [
    ['no data', undefined, undefined],
    ['null data', null, undefined],
    ['an empty page', {}, {}],
    ['the largest page', { limit: 500 }, { limit: 500 }],
    ['a page before a time', { limit: 1, before: 1764400000000 }, { limit: 1, before: 1764400000000 }],
    ['other fields, which are dropped', { limit: 5, extra: true }, { limit: 5 }],
  ];
  for (const [label, data, expected] of accepted) {
    it(`getCallHistory accepts ${label}`, () => {
      const parsed = parseAction(action('getCallHistory', data));
      expect(parsed.ok, JSON.stringify(parsed)).to.equal(true);
      if (parsed.ok) expect(parsed.action.data).to.deep.equal(expected);
    });
  }

  const refused: [string, unknown, RegExp][] = [
    ['a limit of 0', { limit: 0 }, /limit/],
    ['a limit over 500', { limit: 501 }, /limit/],
    ['a fractional limit', { limit: 2.5 }, /limit/],
    ['a limit as text', { limit: '10' }, /limit/],
    ['a negative before', { before: -1 }, /before/],
    ['a before as a date string', { before: '2026-01-01' }, /before/],
    ['a list for data', [{ limit: 1 }], /object/],
  ];
  for (const [label, data, message] of refused) {
    it(`getCallHistory refuses ${label} with invalid_data`, () => {
      const parsed = parseAction(action('getCallHistory', data));
      expect(parsed.ok).to.equal(false);
      if (!parsed.ok) {
        expect([parsed.error.code, parsed.id]).to.deep.equal(['invalid_data', 'h1']);
        expect(parsed.error.message).to.match(message);
      }
    });
  }

  it('clearCallHistory takes no data', () => {
    const parsed = parseAction(action('clearCallHistory', { everything: true }));
    expect(parsed.ok).to.equal(true);
    if (parsed.ok) expect(parsed.action.data).to.equal(undefined);
  });
});
