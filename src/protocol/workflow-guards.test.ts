import { expect } from '@open-wc/testing';
import { parseAction } from './action-guards.js';

/** The contact-center workflow's actions at the boundary: what gets through, what is refused, and what is copied. */
const action = (name: string, data?: unknown) => ({ type: 'action', group: 'agent', name, id: 'a', ...(data === undefined ? {} : { data }) });

describe('parseAction: agent workflow actions', () => {
  const ok: [string, ReturnType<typeof action>, unknown][] = [
    ['setAgentState ready', action('setAgentState', { state: 'ready' }), { state: 'ready' }],
    ['setAgentState not_ready with a reason', action('setAgentState', { state: 'not_ready', reason: 'lunch' }), { state: 'not_ready', reason: 'lunch' }],
    ['setAgentState dnd', action('setAgentState', { state: 'dnd' }), { state: 'dnd' }],
    ['getAfterCallWork', action('getAfterCallWork'), undefined],
    ['submitAfterCallWork with nothing', action('submitAfterCallWork'), undefined],
    ['submitAfterCallWork in full', action('submitAfterCallWork', { callId: 'c1', disposition: 'resolved', notes: 'line one\nline two\ttabbed', nextState: 'not_ready', reason: 'break' }), { callId: 'c1', disposition: 'resolved', notes: 'line one\nline two\ttabbed', nextState: 'not_ready', reason: 'break' }],
    ['submitAfterCallWork with empty notes', action('submitAfterCallWork', { notes: '' }), { notes: '' }],
    ['setCallNotes of 4000 characters', action('setCallNotes', { notes: 'n'.repeat(4000) }), { notes: 'n'.repeat(4000) }],
    ['setCallNotes for a call', action('setCallNotes', { notes: 'ok', callId: 'c2' }), { notes: 'ok', callId: 'c2' }],
  ];
  for (const [label, raw, data] of ok) {
    it(`accepts ${label} and copies only its fields`, () => {
      const parsed = parseAction({ ...raw, ...(raw.data ? { data: { ...(raw.data as object), extra: 1 } } : {}) });
      expect(parsed.ok, JSON.stringify(parsed)).to.equal(true);
      if (parsed.ok) expect(parsed.action.data).to.deep.equal(data);
    });
  }

  const bad: [string, ReturnType<typeof action>][] = [
    ['setAgentState without data', action('setAgentState')],
    ['setAgentState after_call_work (the phone enters it, nobody chooses it)', action('setAgentState', { state: 'after_call_work' })],
    ['setAgentState with an unknown state', action('setAgentState', { state: 'away' })],
    ['setAgentState ready with a reason', action('setAgentState', { state: 'ready', reason: 'lunch' })],
    ['setAgentState not_ready with a bad reason', action('setAgentState', { state: 'not_ready', reason: 'a;b' })],
    ['submitAfterCallWork with a bad disposition', action('submitAfterCallWork', { disposition: 'no good' })],
    ['submitAfterCallWork with notes that are not a string', action('submitAfterCallWork', { notes: 42 })],
    ['submitAfterCallWork with a NUL in the notes', action('submitAfterCallWork', { notes: 'a\u0000b' })],
    ['submitAfterCallWork with a reason but no next state', action('submitAfterCallWork', { reason: 'lunch' })],
    ['submitAfterCallWork with a bad next state', action('submitAfterCallWork', { nextState: 'after_call_work' })],
    ['submitAfterCallWork with a bad callId', action('submitAfterCallWork', { callId: '../x' })],
    ['setCallNotes without notes', action('setCallNotes', {})],
    ['setCallNotes longer than 4000 characters', action('setCallNotes', { notes: 'n'.repeat(4001) })],
    ['setCallNotes with an escape character', action('setCallNotes', { notes: '\u001b[31m' })],
  ];
  for (const [label, raw] of bad) {
    it(`refuses ${label} with invalid_data`, () => {
      const parsed = parseAction(raw);
      expect(parsed.ok).to.equal(false);
      if (!parsed.ok) expect([parsed.error.code, parsed.id]).to.deep.equal(['invalid_data', 'a']);
    });
  }
});
