import { expect } from '@open-wc/testing';
import { parseAction } from './action-guards.js';

/** The data of `showNotice` (AgentDesktop's error message) and `setDispositionCodes` (a CCaaS wrapper's list). */
const action = (name: string, data: unknown) => parseAction({ type: 'action', group: 'agent', name, data, id: 'a' });

describe('showNotice and setDispositionCodes data', () => {
  const ok: [string, string, unknown, unknown][] = [
    ['a message', 'showNotice', { text: 'Destination Number non valido' }, { text: 'Destination Number non valido' }],
    ['a message with its seconds, markup kept as text', 'showNotice', { text: '<b>4</b> seconds', seconds: 4 }, { text: '<b>4</b> seconds', seconds: 4 }],
    ['codes with labels', 'setDispositionCodes', { codes: [{ code: 'd3', label: 'Call back later' }] }, { codes: [{ code: 'd3', label: 'Call back later' }] }],
    ['no codes (the tenant’s again)', 'setDispositionCodes', { codes: [] }, { codes: [] }],
  ];
  for (const [label, name, data, value] of ok) {
    it(`takes ${label}`, () => {
      const parsed = action(name, data);
      expect(parsed.ok && parsed.action.data).to.deep.equal(value);
    });
  }

  const bad: [string, string, unknown][] = [
    ['no text', 'showNotice', {}],
    ['empty text', 'showNotice', { text: '' }],
    ['a control character', 'showNotice', { text: 'a\u0007b' }],
    ['text over 256 characters', 'showNotice', { text: 'x'.repeat(257) }],
    ['0 seconds', 'showNotice', { text: 'x', seconds: 0 }],
    ['61 seconds', 'showNotice', { text: 'x', seconds: 61 }],
    ['seconds as a string', 'showNotice', { text: 'x', seconds: '4' }],
    ['no codes', 'setDispositionCodes', {}],
    ['a code with a space', 'setDispositionCodes', { codes: [{ code: 'call back', label: 'Call back' }] }],
    ['a code twice', 'setDispositionCodes', { codes: [{ code: 'a', label: 'A' }, { code: 'a', label: 'B' }] }],
    ['a label with a line break', 'setDispositionCodes', { codes: [{ code: 'a', label: 'A\nB' }] }],
    ['101 codes', 'setDispositionCodes', { codes: Array.from({ length: 101 }, (_, i) => ({ code: `c${i}`, label: `C${i}` })) }],
    ['a string for a code', 'setDispositionCodes', { codes: ['code1'] }],
  ];
  for (const [label, name, data] of bad) {
    it(`refuses ${label} with invalid_data`, () => {
      const parsed = action(name, data);
      expect(parsed.ok ? 'ok' : parsed.error.code).to.equal('invalid_data');
    });
  }
});
