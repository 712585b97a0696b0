import { expect } from '@open-wc/testing';
import { memoryStorage } from '../testing/fake-phone.js';
import { AgentState } from './agent-state.js';
import { ManualClock } from './clock.js';

/** The agent state's own rules: when the time in state restarts, and what a saved state must be to be believed. */
describe('AgentState', () => {
  it('restarts the time in state only when the state or the reason changes', () => {
    const clock = new ManualClock();
    const state = new AgentState(clock, null);
    state.begin('1001');
    clock.advance(1000);
    const notReadySince = state.set(false, 'lunch').since;

    clock.advance(1000);
    expect(state.set(false, 'lunch').since).to.equal(notReadySince);
    clock.advance(1000);
    expect(state.set(false, 'break').since).to.equal(clock.now());
  });

  it('names a not-ready state without a reason NOT_READY', () => {
    const state = new AgentState(new ManualClock(), null);

    expect(state.set(false)).to.include({ ready: false, reason: 'NOT_READY' });
  });

  const unbelievable: [string, string][] = [
    ['garbage', '{not json'],
    ['a wrong shape', JSON.stringify({ ready: 'no', reason: 'lunch', since: 0 })],
    ['a reason too long', JSON.stringify({ ready: false, reason: 'x'.repeat(65), since: 0 })],
    ['a start in the future', JSON.stringify({ ready: false, reason: 'lunch', since: Date.parse('2027-01-01T00:00:00Z') })],
  ];
  for (const [label, saved] of unbelievable) {
    it(`starts ready instead of believing ${label} in storage`, () => {
      const clock = new ManualClock();
      const storage = memoryStorage();
      storage.setItem('ringside.agent-state.1001', saved);
      const state = new AgentState(clock, storage);

      state.begin('1001');

      expect(state.snapshot).to.deep.equal({ ready: true, reason: '', since: clock.now() });
    });
  }
});
