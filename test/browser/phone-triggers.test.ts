import { expect, waitUntil } from '@open-wc/testing';
import type { TriggerActivity } from '../../src/index.js';
import type { RingsideTriggerDeliveredEvent } from '../../src/element/triggers/trigger-events.js';
import type { SunkRequest } from '../support/test-server.js';
import { HOST_GRACE_MS } from '../../widget/services/triggers/phone-triggers.js';
import { hears } from '../support/audio.js';
import { mountPhone, unmountAll } from '../support/phone.js';
import { tegsoftHost } from '../support/tegsoft-host.js';

/**
 * Who runs the tenant's URL triggers, on real calls through the dev PBX. Embedded with
 * `<ringside-phone>`, the CRM page runs them and the phone does not (one request, from the
 * CRM page, and the phone's trigger log takes the page's steps). Embedded as a plain iframe
 * with the token in its URL, as the Tegsoft document does, the phone runs them itself: the
 * background request leaves from the phone's own origin, the window trigger becomes an Open
 * button in the phone, a route trigger is refused, and each step reaches the page as an
 * `OnTriggerActivity` event. The requests go to the test server's sink on localhost.
 */

const SINK = 'http://localhost:8000/test-only/trigger-sink';
const settings = async (set: unknown) => (await fetch(`/test-only/tenant-settings?set=${encodeURIComponent(JSON.stringify(set))}`)).json();
const sunk = async (): Promise<SunkRequest[]> => (await fetch('/test-only/trigger-sink-read')).json();

describe("who runs the tenant's URL triggers", () => {
  const number = () => String(Math.floor(Math.random() * 1e6));
  afterEach(async () => {
    unmountAll();
    for (const frame of document.querySelectorAll('iframe')) frame.remove();
    await settings({ urlTriggers: [] });
    await sunk();
  });

  it('a plain iframe embed: the phone runs them itself, and the agent answers a call that really carries audio', async () => {
    const tag = number();
    await settings({
      urlTriggers: [
        { name: 'Ring log', event: 'inbound.received', url: `${SINK}/ring?tag=${tag}&from=<%CALLERID%>`, target: 'background', method: 'POST', body: { json: { caller: '<%CALLERID%>', id: '<%EVENTID%>' } } },
        { name: 'Contact card', event: 'inbound.received', url: 'https://crm.example.com/contacts?phone=<%CALLERID%>', target: 'new' },
        { name: 'CRM route', event: 'inbound.received', url: '#/calls/<%CALLID%>', target: 'route' },
      ],
    });
    await sunk();
    const crm = await tegsoftHost('1001');
    await waitUntil(() => crm.received.some((m) => m.name === 'OnRegistrationChanged' && m.data.state === 'registered'), 'the plain embed never registered', { timeout: 15000 });
    const customer = await mountPhone('2001');

    await customer.phone.dial('1001');
    await waitUntil(() => crm.received.some((m) => m.name === 'OnIncomingCallRinging'), 'the agent never rang', { timeout: 15000 });
    const steps = () => crm.received.filter((m) => m.name === 'OnTriggerActivity').map((m) => m.data as TriggerActivity);
    await waitUntil(() => steps().some((s) => s.kind === 'delivered'), `the background trigger was not delivered: ${JSON.stringify(steps())}`, { timeout: 15000 });

    const byTrigger = Object.fromEntries(['Ring log', 'Contact card', 'CRM route'].map((name) => [name, steps().filter((s) => s.trigger === name).map((s) => [s.kind, s.code ?? s.delivery ?? s.mode])]));
    expect(byTrigger).to.deep.equal({
      'Ring log': [['fired', 'background'], ['delivered', 'confirmed']],
      'Contact card': [['offered', 'window']],
      'CRM route': [['failed', 'needs_element']],
    });
    expect(steps().find((s) => s.trigger === 'Contact card')!.url).to.equal('https://crm.example.com/contacts?phone=2001');
    const requests = (await sunk()).filter((r) => r.url.includes(`tag=${tag}`));
    const delivered = steps().find((s) => s.kind === 'delivered')!;
    expect(requests.map((r) => [r.method, r.url, r.origin, r.idempotencyKey, r.contentType])).to.deep.equal([
      ['POST', `/test-only/trigger-sink/ring?tag=${tag}&from=2001`, 'http://127.0.0.1:8000', delivered.eventId, 'application/json'],
    ]);
    expect(JSON.parse(requests[0]!.body)).to.deep.equal({ caller: '2001', id: delivered.eventId });

    // The call itself goes on: answered from the CRM page, and the caller hears the agent.
    crm.sendAction({ type: 'action', group: 'agent', name: 'answer' });
    await waitUntil(() => crm.received.some((m) => m.name === 'OnIncomingCallAnswered'), 'the agent never answered', { timeout: 15000 });
    await hears(customer.phone);
    crm.sendAction({ type: 'action', group: 'agent', name: 'hangUp' });
    await waitUntil(() => crm.received.some((m) => m.name === 'OnIncomingCallHangup'), 'the call never ended', { timeout: 15000 });
  });

  it('with <ringside-phone>: the CRM page runs them, the phone does not, and the phone logs the page’s steps', async () => {
    const tag = number();
    await settings({ urlTriggers: [{ name: 'Ring log', event: 'inbound.received', url: `${SINK}/ring?tag=${tag}&from=<%CALLERID%>`, target: 'background' }] });
    await sunk();
    const { phone } = await mountPhone('1001');
    const customer = await mountPhone('2001');
    // Read what the element's trigger runner sends the phone for its log.
    const logged: Promise<unknown>[] = [];
    const send = phone.sendAction.bind(phone);
    phone.sendAction = ((name, data, options) => {
      const result = send(name, data, options);
      if (name === 'logTriggerActivity') logged.push(result);
      return result;
    }) as typeof phone.sendAction;
    const delivered: RingsideTriggerDeliveredEvent[] = [];
    const activity: Event[] = [];
    phone.addEventListener('ringside-trigger-delivered', (event) => delivered.push(event as RingsideTriggerDeliveredEvent));
    phone.addEventListener('ringside-trigger-activity', (event) => activity.push(event));

    await customer.phone.dial('1001');
    await waitUntil(() => delivered.length === 1 && logged.length === 2, 'the page did not deliver and log its trigger', { timeout: 15000 });
    // Time for a second request, had the phone sent one too: past the phone's wait for a host's hello (HOST_GRACE_MS).
    await new Promise((resolve) => setTimeout(resolve, HOST_GRACE_MS + 1000));

    const requests = (await sunk()).filter((r) => r.url.includes(`tag=${tag}`));
    // A same-origin GET carries no Origin: it came from the CRM page (the phone's would say http://127.0.0.1:8000).
    expect(requests.map((r) => [r.method, r.origin, r.idempotencyKey])).to.deep.equal([['GET', '', delivered[0]!.eventId]]);
    expect(await Promise.all(logged)).to.deep.equal([{ logged: 1 }, { logged: 1 }]);
    expect(activity).to.deep.equal([]);
    await customer.phone.hangUp();
  });

  it("a tenant route trigger changes the CRM page's own route through the element", async () => {
    const before = location.hash;
    await settings({ urlTriggers: [{ name: 'Agent page', event: 'login', url: '#/agents/<%USEREXT%>?since=<%SYSTIME%>', target: 'route' }] });
    const fired: { trigger: string; mode: string; url: string }[] = [];
    const onFired = (event: Event) => fired.push(event as unknown as { trigger: string; mode: string; url: string });
    addEventListener('ringside-trigger-fired', onFired);
    try {
      await mountPhone('1001');
      await waitUntil(() => fired.length === 1, 'the route trigger did not fire', { timeout: 10000 });

      expect([fired[0]!.trigger, fired[0]!.mode]).to.deep.equal(['Agent page', 'route']);
      expect(location.hash).to.match(/^#\/agents\/1001\?since=\d{4}-\d\d-\d\dT\d\d%3A\d\d%3A\d\dZ$/);
      expect(fired[0]!.url).to.equal(location.hash);
    } finally {
      removeEventListener('ringside-trigger-fired', onFired);
      history.replaceState(history.state, '', location.pathname + location.search + before);
    }
  });
});
