import { expect } from '@open-wc/testing';
import { memoryStorage } from '../testing/fake-phone.js';
import { AgentState } from './agent-state.js';
import { ManualClock } from './clock.js';

/** The agent state's own rules: when the time in state restarts, and what a saved state must be to be believed. */
describe('AgentState', () => {
  it('restarts the time in state only when the state or the reason changes', () => {
    const clock = new ManualClock();
    const state = new AgentState(clock, null);
    state.begin('1001', 'login-1');
    clock.advance(1000);
    const notReadySince = state.set('not_ready', 'lunch').current.since;

    clock.advance(1000);
    expect(state.set('not_ready', 'lunch').current.since).to.equal(notReadySince);
    clock.advance(1000);
    expect(state.set('not_ready', 'break').current.since).to.equal(clock.now());
    clock.advance(1000);
    expect(state.set('dnd').current).to.deep.include({ state: 'dnd', reason: '', ready: false, since: clock.now() });
  });

  it('names a not-ready state without a reason NOT_READY, and keeps reasons for not ready only', () => {
    const state = new AgentState(new ManualClock(), null);

    expect(state.set('not_ready').current).to.include({ state: 'not_ready', ready: false, reason: 'NOT_READY' });
    expect(state.set('after_call_work', 'lunch').current).to.include({ state: 'after_call_work', reason: '' });
  });

  it('comes back after a reload of the same login, and starts ready for a new login', () => {
    const clock = new ManualClock();
    const storage = memoryStorage();
    const before = new AgentState(clock, storage);
    before.begin('1001', 'login-1');
    const since = before.set('dnd').current.since;
    clock.advance(60_000);

    const reloaded = new AgentState(clock, storage);
    reloaded.begin('1001', 'login-1');
    expect(reloaded.snapshot).to.deep.include({ state: 'dnd', since });

    const nextLogin = new AgentState(clock, storage);
    nextLogin.begin('1001', 'login-2');
    expect(nextLogin.snapshot).to.deep.include({ state: 'ready', since: clock.now() });
  });

  const unbelievable: [string, string][] = [
    ['garbage', '{not json'],
    ['a wrong shape', JSON.stringify({ state: 'away', reason: 'lunch', since: 0, login: 'login-1' })],
    ['the old shape without a login', JSON.stringify({ ready: false, reason: 'lunch', since: 0 })],
    ['a reason too long', JSON.stringify({ state: 'not_ready', reason: 'x'.repeat(65), since: 0, login: 'login-1' })],
    ['a start in the future', JSON.stringify({ state: 'not_ready', reason: 'lunch', since: Date.parse('2027-01-01T00:00:00Z'), login: 'login-1' })],
  ];
  for (const [label, saved] of unbelievable) {
    it(`starts ready instead of believing ${label} in storage`, () => {
      const clock = new ManualClock();
      const storage = memoryStorage();
      storage.setItem('ringside.agent-state.1001', saved);
      const state = new AgentState(clock, storage);

      state.begin('1001', 'login-1');

      expect(state.snapshot).to.deep.equal({ state: 'ready', ready: true, reason: '', since: clock.now() });
    });
  }
});
