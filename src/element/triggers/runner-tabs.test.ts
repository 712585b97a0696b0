import { expect } from '@open-wc/testing';
import { TriggerRunner } from './runner.js';

/**
 * Two CRM tabs (two elements with a runner each, sharing the page's IndexedDB as same-origin
 * tabs do) get the same forked call. Each trigger is fired by one tab only; a trigger only one
 * tab has is fired by that tab, even when the other tab fired the triggers both have.
 */
describe('TriggerRunner across tabs', () => {
  const hash = location.hash;
  afterEach(() => history.replaceState(history.state, '', location.pathname + location.search + hash));

  function tab(triggers: unknown[]): { fired: string[]; runner: TriggerRunner; element: HTMLElement } {
    const element = document.createElement('div');
    element.attachShadow({ mode: 'open' });
    document.body.append(element);
    const fired: string[] = [];
    element.addEventListener('ringside-trigger-fired', (event) => fired.push((event as Event & { trigger: string }).trigger));
    const runner = new TriggerRunner(element, () => undefined);
    runner.setTriggers(triggers);
    return { fired, runner, element };
  }

  it("fires each trigger once across tabs, and a tab's own trigger even after another tab fired the shared one", async () => {
    const shared = { name: 'Contact card', event: 'inbound.received', url: '#/contacts?phone=<%CALLERID%>', mode: 'route' };
    const own = { name: 'Ticket', event: 'inbound.received', url: '#/tickets/new?phone=<%CALLERID%>', mode: 'route' };
    const first = tab([shared]);
    const second = tab([shared, own]);
    const call = { callId: `c${Math.random().toString(36).slice(2)}`, direction: 'inbound', remoteNumber: `+1555${Date.now() % 10_000_000}`, remoteName: '', state: 'ringing', muted: false, held: false, startedAt: new Date().toISOString(), answeredAt: null, endedAt: null, duration: 0 };
    const login = { agent: { userId: 'agent-7', extension: '1001', displayName: 'Grace Hopper' } };
    for (const { runner } of [first, second]) runner.handle('OnLogin', login);

    first.runner.handle('OnIncomingCallRinging', { call });
    await new Promise((resolve) => setTimeout(resolve, 300));
    second.runner.handle('OnIncomingCallRinging', { call });
    await new Promise((resolve) => setTimeout(resolve, 300));

    expect(first.fired).to.deep.equal(['Contact card']);
    expect(second.fired).to.deep.equal(['Ticket']);
    for (const { runner, element } of [first, second]) {
      runner.dispose();
      element.remove();
    }
  });
});
