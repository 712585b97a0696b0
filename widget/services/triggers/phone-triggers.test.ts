import { expect, waitUntil } from '@open-wc/testing';
import type { EventMessage, TriggerActivity } from '../../../src/protocol/index.js';
import { PhoneTriggers, type TriggerCore } from './phone-triggers.js';

/**
 * The phone's own URL triggers (a plain iframe embed, no `<ringside-phone>`), against a small
 * core: when the phone fires and when it leaves the triggers to a host, the grace for a host's
 * hello, the offered windows, route triggers refused, the log of the page's steps and of its
 * own, each own step told to the host, and the log cleared at logout. Real requests go out in
 * test/browser/phone-triggers.test.ts.
 */

const agent = { userId: 'agent-7', extension: '1001', displayName: 'Grace Hopper' };
let seq = 0;
const event = (name: string, data: unknown): EventMessage => ({ type: 'event', group: 'agent', name, data, ns: 'ringside', v: 1, seq: (seq += 1) }) as EventMessage;
/** A number of its own per call: the same call event seen again within 2 s counts as another tab's (queue.ts claimEvent). */
const unique = () => String(Math.floor(Math.random() * 1e9));
const ringing = (number: string) => event('OnIncomingCallRinging', { call: { callId: `c${Math.random().toString(36).slice(2)}`, direction: 'inbound', remoteNumber: number, remoteName: '', queue: '', did: '' } });

interface Fake extends TriggerCore {
  hostRunsTriggers: boolean;
  emitted: TriggerActivity[];
}

function fakeCore(tenantTriggers: unknown[] = []): Fake {
  const emitted: TriggerActivity[] = [];
  return {
    hostRunsTriggers: false,
    tenantTriggers,
    tenantId: 'acme',
    snapshot: () => ({ agent: null, agentState: { state: 'ready', reason: '', since: 0, ready: true } }),
    emit: (name, data) => name === 'OnTriggerActivity' && emitted.push(data as TriggerActivity),
    emitted,
  };
}

const windowTrigger = { name: 'Contact card', event: 'inbound.received', url: 'https://crm.example.com/contacts?phone=<%CALLERID%>', target: 'new' };
const login = (triggers: unknown[]) => event('OnLogin', { agent, triggers });

describe('PhoneTriggers: the phone runs triggers only when no host does', () => {
  let opened: [string, string][];
  let blocked: boolean;
  const open = window.open;
  beforeEach(() => {
    opened = [];
    blocked = false;
    window.open = ((url: string, target: string) => {
      opened.push([url, target]);
      return blocked ? null : ({ opener: window } as unknown as Window);
    }) as typeof window.open;
  });
  afterEach(() => {
    window.open = open;
  });

  it('unframed, offers a window trigger as a button at once, and opens it on the click', () => {
    const core = fakeCore([windowTrigger]);
    const triggers = new PhoneTriggers(core, { framed: false, storage: null });
    triggers.handle(login([windowTrigger]), false);
    triggers.handle(event('OnRegistrationChanged', { state: 'registered' }), false);
    triggers.handle(event('OnAgentStateChanged', { state: 'ready', reason: '' }), false);
    triggers.handle(ringing('+390212345'), false);

    return waitUntil(() => triggers.offers.length === 1, 'no offer').then(() => {
      const [offer] = triggers.offers;
      expect([offer!.trigger, offer!.label, offer!.url, offer!.target]).to.deep.equal(['Contact card', 'Contact card', 'https://crm.example.com/contacts?phone=%2B390212345', '_blank']);
      expect(opened).to.deep.equal([]);
      expect(core.emitted.map((a) => [a.kind, a.trigger, a.mode])).to.deep.equal([['offered', 'Contact card', 'window']]);

      expect(triggers.open('tenant:Contact card')).to.equal(true);

      expect(opened).to.deep.equal([['https://crm.example.com/contacts?phone=%2B390212345', '_blank']]);
      expect(triggers.offers).to.deep.equal([]);
      expect(triggers.lines.map((l) => [l.kind, l.source])).to.deep.equal([['offered', 'phone'], ['fired', 'phone']]);
      expect(core.emitted.at(-1)!.eventId).to.equal(core.emitted[0]!.eventId);
      triggers.dispose();
    });
  });

  it('keeps the offer and logs popup_blocked when even the click is refused (an iframe without allow-popups)', async () => {
    const triggers = new PhoneTriggers(fakeCore(), { framed: false, storage: null });
    triggers.handle(login([windowTrigger]), false);
    triggers.handle(ringing(unique()), false);
    await waitUntil(() => triggers.offers.length === 1, 'no offer');
    blocked = true;

    expect(triggers.open('tenant:Contact card')).to.equal(false);

    expect(triggers.offers).to.have.length(1);
    expect(triggers.lines.map((l) => [l.kind, l.code ?? ''])).to.deep.equal([['offered', ''], ['failed', 'popup_blocked']]);
    triggers.dismiss('tenant:Contact card');
    expect(triggers.offers).to.deep.equal([]);
    triggers.dispose();
  });

  it('shows the newest three offers, one per trigger', async () => {
    const four = ['A', 'B', 'C', 'D'].map((name) => ({ name, event: 'inbound.received', url: `https://crm.example.com/${name}?p=<%CALLERID%>`, target: 'reuse' }));
    const triggers = new PhoneTriggers(fakeCore(), { framed: false, storage: null });
    triggers.handle(login(four), false);
    triggers.handle(ringing(unique()), false);
    await waitUntil(() => triggers.lines.length === 4, 'not every trigger was offered');
    const second = unique();
    triggers.handle(ringing(second), false);
    await waitUntil(() => triggers.lines.length === 8, 'the second call was not offered');

    expect(triggers.offers.map((o) => [o.trigger, o.target, o.url])).to.deep.equal([
      ['B', 'ringside-B', `https://crm.example.com/B?p=${second}`],
      ['C', 'ringside-C', `https://crm.example.com/C?p=${second}`],
      ['D', 'ringside-D', `https://crm.example.com/D?p=${second}`],
    ]);
    triggers.dispose();
  });

  it('refuses a route trigger with needs_element: only the CRM page can change its own route', () => {
    const core = fakeCore();
    const triggers = new PhoneTriggers(core, { framed: false, storage: null });
    triggers.handle(login([{ event: 'login', url: '#/agent/<%USERID%>', target: 'route' }]), false);

    expect(core.emitted.map((a) => [a.kind, a.trigger, a.code, a.url])).to.deep.equal([['failed', 'tenant-1', 'needs_element', '#/agent/agent-7']]);
    triggers.dispose();
  });

  it('fires nothing while a host that runs triggers is connected, or was when the event was sent', async () => {
    const core = fakeCore();
    const triggers = new PhoneTriggers(core, { framed: false, storage: null });
    core.hostRunsTriggers = true;
    triggers.handle(login([{ name: 'Login', event: 'login', url: 'https://crm.example.com/in', target: 'new' }]), true);
    core.hostRunsTriggers = false;
    triggers.handle(login([{ name: 'Login', event: 'login', url: 'https://crm.example.com/in', target: 'new' }]), true);
    await new Promise((resolve) => setTimeout(resolve, 100));

    expect(triggers.lines).to.deep.equal([]);
    expect(core.emitted).to.deep.equal([]);

    triggers.handle(login([{ name: 'Login', event: 'login', url: 'https://crm.example.com/in', target: 'new' }]), false);
    expect(core.emitted.map((a) => a.kind)).to.deep.equal(['offered']);
    triggers.dispose();
  });

  it('framed: holds the first events for a host to say hello, and leaves them to the host that did', async () => {
    const core = fakeCore();
    const started = performance.now();
    const triggers = new PhoneTriggers(core, { framed: true, graceMs: 300, now: () => performance.now() - started, storage: null });
    triggers.handle(login([{ name: 'Login', event: 'login', url: 'https://crm.example.com/in', target: 'new' }]), false);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(triggers.lines).to.deep.equal([]);

    core.hostRunsTriggers = true;
    await new Promise((resolve) => setTimeout(resolve, 400));

    expect(triggers.lines).to.deep.equal([]);
    triggers.dispose();
  });

  it('framed: fires the held events in order once no host said hello in time', async () => {
    const core = fakeCore();
    const started = performance.now();
    const triggers = new PhoneTriggers(core, { framed: true, graceMs: 300, now: () => performance.now() - started, storage: null });
    const list = [
      { name: 'Login', event: 'login', url: 'https://crm.example.com/in?u=<%USERID%>', target: 'new' },
      { name: 'Status', event: 'status', url: 'https://crm.example.com/s?state=<%AGENTSTATE%>', target: 'reuse' },
    ];
    triggers.handle(login(list), false);
    triggers.handle(event('OnAgentStateChanged', { state: 'not_ready', reason: 'lunch' }), false);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(triggers.lines).to.deep.equal([]);

    await waitUntil(() => triggers.lines.length === 2, 'the held events never fired', { timeout: 2000 });

    expect(triggers.lines.map((l) => [l.trigger, l.url])).to.deep.equal([
      ['Login', 'https://crm.example.com/in?u=agent-7'],
      ['Status', 'https://crm.example.com/s?state=not_ready'],
    ]);
    // Past the grace, events are read at once.
    triggers.handle(event('OnAgentStateChanged', { state: 'ready', reason: '' }), false);
    expect(triggers.lines.at(-1)!.url).to.equal('https://crm.example.com/s?state=ready');
    triggers.dispose();
  });

  it("starts from the login when loaded after it: the tenant's and the agent's stored triggers, the agent, the state", () => {
    const storage = window.sessionStorage;
    const key = 'ringside.triggers.acme.agent-7';
    storage.setItem(key, JSON.stringify([{ name: 'Mine', event: 'status', url: 'https://crm.example.com/me?u=<%USERID%>&s=<%AGENTSTATE%>', mode: 'window' }]));
    try {
      const core = fakeCore([windowTrigger]);
      core.snapshot = () => ({ agent, agentState: { state: 'not_ready', reason: 'lunch', since: 0, ready: false } });
      const triggers = new PhoneTriggers(core, { framed: false, storage });
      // Loaded late: nothing fired for the login it did not see.
      expect(triggers.lines).to.deep.equal([]);

      triggers.handle(event('OnAgentStateChanged', { state: 'ready', reason: '' }), false);

      expect(triggers.lines.map((l) => [l.trigger, l.url])).to.deep.equal([['Mine', 'https://crm.example.com/me?u=agent-7&s=ready']]);
      triggers.dispose();
    } finally {
      storage.removeItem(key);
    }
  });

  it("logs the steps a CRM page reports as the page's, and forgets every line and offer at logout", async () => {
    const core = fakeCore();
    const triggers = new PhoneTriggers(core, { framed: false, storage: null });
    triggers.handle(login([windowTrigger]), false);
    triggers.handle(ringing(unique()), false);
    await waitUntil(() => triggers.offers.length === 1, 'no offer');

    expect(triggers.logFromPage([{ kind: 'delivered', trigger: 'crm log', event: 'inbound.received', eventId: 'e-1', url: 'https://crm.example.com/log', delivery: 'confirmed', status: 201, attempts: 2 }])).to.equal(1);
    expect(triggers.lines.map((l) => [l.kind, l.source, l.trigger])).to.deep.equal([
      ['offered', 'phone', 'Contact card'],
      ['delivered', 'page', 'crm log'],
    ]);
    // The page's steps are not told back to the host.
    expect(core.emitted.map((a) => a.kind)).to.deep.equal(['offered']);

    triggers.handle(event('OnLogout', { reason: 'logout' }), false);

    expect([triggers.lines, triggers.offers]).to.deep.equal([[], []]);
    triggers.dispose();
  });
});

describe('PhoneTriggers: one agent, one login', () => {
  const SINK = 'http://localhost:8000/test-only/trigger-sink';
  const sunk = async (): Promise<{ url: string; status: number; idempotencyKey: string }[]> => (await fetch('/test-only/trigger-sink-read')).json();
  const other = { userId: 'agent-8', extension: '1008', displayName: 'Ada Lovelace' };
  const open = window.open;
  beforeEach(() => {
    window.open = (() => ({ opener: window })) as unknown as typeof window.open;
  });
  afterEach(() => {
    window.open = open;
  });

  it("delivers one agent's waiting request during the next agent's login without a word to them", async () => {
    const tag = unique();
    const bg = { name: 'Login log', event: 'login', url: `${SINK}/fail-once/${tag}?u=<%USERID%>`, target: 'background' };
    const core = fakeCore();
    const triggers = new PhoneTriggers(core, { framed: false, storage: null });
    await sunk();
    triggers.handle(login([bg]), false);
    await waitUntil(() => triggers.lines.some((l) => l.kind === 'failed' && l.willRetry), "the first agent's first attempt did not fail", { timeout: 5000 });
    const first = triggers.lines[0]!.eventId;

    triggers.handle(event('OnLogout', { reason: 'logout' }), false);
    triggers.handle(event('OnLogin', { agent: other, triggers: [bg] }), false);
    await waitUntil(() => triggers.lines.some((l) => l.kind === 'delivered'), "the second agent's request was not delivered", { timeout: 8000 });
    // Long past the first agent's retry (1 s, with jitter).
    await new Promise((resolve) => setTimeout(resolve, 2500));

    const requests = (await sunk()).filter((r) => r.url.includes(tag));
    expect(requests.filter((r) => r.url.endsWith('u=agent-7')).map((r) => [r.status, r.idempotencyKey])).to.deep.equal([[503, first], [200, first]]);
    expect(requests.filter((r) => r.url.endsWith('u=agent-8')).map((r) => r.status)).to.deep.equal([503, 200]);
    expect(triggers.lines.some((l) => l.eventId === first), 'a line of the first agent in the second one’s log').to.equal(false);
    expect(core.emitted.filter((a) => a.eventId === first).map((a) => a.kind), 'told to the host').to.deep.equal(['fired', 'failed']);
    triggers.dispose();
  });

  it("sends a logout trigger's request at once, tells its steps to the host, and keeps them out of the emptied log", async () => {
    const tag = unique();
    const core = fakeCore();
    const triggers = new PhoneTriggers(core, { framed: false, storage: null });
    await sunk();
    triggers.handle(login([{ name: 'Logout log', event: 'logout', url: `${SINK}/fail-once/${tag}?u=<%USERID%>`, target: 'background' }]), false);
    triggers.handle(event('OnLogout', { reason: 'logout' }), false);

    await waitUntil(() => core.emitted.some((a) => a.kind === 'delivered'), 'the logout request was not delivered', { timeout: 8000 });

    expect(core.emitted.map((a) => [a.kind, a.trigger, a.willRetry ?? null])).to.deep.equal([
      ['fired', 'Logout log', null],
      ['failed', 'Logout log', true],
      ['delivered', 'Logout log', null],
    ]);
    expect((await sunk()).filter((r) => r.url.includes(tag)).map((r) => [r.url.split('?')[1], r.status])).to.deep.equal([['u=agent-7', 503], ['u=agent-7', 200]]);
    expect([triggers.lines, triggers.offers]).to.deep.equal([[], []]);
    triggers.dispose();
  });

  it('reports refused triggers only where it runs them, and each once', () => {
    const bad = [{ event: 'login', url: 'https://crm.example.com/?q=<%NOPE%>', target: 'new' }];
    const hosted = fakeCore();
    hosted.hostRunsTriggers = true;
    const quiet = new PhoneTriggers(hosted, { framed: false, storage: null });
    quiet.handle(login(bad), true);
    expect([quiet.lines, hosted.emitted]).to.deep.equal([[], []]);

    const core = fakeCore(bad);
    core.snapshot = () => ({ agent, agentState: { state: 'ready', reason: '', since: 0, ready: true } });
    const alone = new PhoneTriggers(core, { framed: false, storage: null });
    alone.handle(login(bad), false);
    expect(core.emitted.map((a) => [a.kind, a.trigger, a.code])).to.deep.equal([['failed', 'tenant-1', 'unknown_key']]);
    quiet.dispose();
    alone.dispose();
  });

  it('a status change queued behind the login that loaded the part fires', () => {
    const core = fakeCore();
    // The snapshot is already past the login (ready), as when the part loads after both events.
    core.snapshot = () => ({ agent, agentState: { state: 'ready', reason: '', since: 0, ready: true } });
    const triggers = new PhoneTriggers(core, { framed: false, storage: null });
    triggers.handle(login([{ name: 'Status', event: 'status', url: 'https://crm.example.com/s?state=<%AGENTSTATE%>', target: 'reuse' }]), false);
    triggers.handle(event('OnAgentStateChanged', { state: 'ready', reason: '' }), false);

    expect(triggers.lines.map((l) => [l.trigger, l.url])).to.deep.equal([['Status', 'https://crm.example.com/s?state=ready']]);
    triggers.dispose();
  });

  it('a lost session takes the log and the Open buttons away, and nothing is offered until the next login', async () => {
    const core = fakeCore();
    const triggers = new PhoneTriggers(core, { framed: false, storage: null });
    triggers.handle(login([windowTrigger]), false);
    triggers.handle(ringing(unique()), false);
    await waitUntil(() => triggers.offers.length === 1, 'no offer');
    triggers.handle(event('OnLoginFailed', { error: { code: 'token_expired', message: 'the session could not be renewed' } }), false);
    expect([triggers.lines, triggers.offers]).to.deep.equal([[], []]);

    triggers.handle(ringing(unique()), false);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect([triggers.lines, triggers.offers]).to.deep.equal([[], []]);
    triggers.handle(login([windowTrigger]), false);
    triggers.handle(ringing(unique()), false);
    await waitUntil(() => triggers.offers.length === 1, 'no offer after the next login');
    triggers.dispose();
  });

  it("gives a tenant's and an agent's trigger of the same name a button each, in every tab the call rings in", async () => {
    const card = (source: string) => ({ name: 'Card', event: 'inbound.received', url: `https://${source}.example.com/card?p=<%CALLERID%>`, ...(source === 'tenant' ? { target: 'new' } : { mode: 'window' }) });
    const tabs = [new PhoneTriggers(fakeCore(), { framed: false, storage: null }), new PhoneTriggers(fakeCore(), { framed: false, storage: null })];
    const call = ringing(unique());
    for (const tab of tabs) {
      tab.handle(event('OnLogin', { agent, triggers: [card('tenant')], agentTriggers: [card('agent')] }), false);
      tab.handle(call, false);
    }
    await waitUntil(() => tabs.every((tab) => tab.offers.length === 2), `not every tab offered both: ${tabs.map((t) => t.offers.length)}`);

    for (const tab of tabs) expect(tab.offers.map((o) => [o.key, new URL(o.url).host])).to.deep.equal([['tenant:Card', 'tenant.example.com'], ['agent:Card', 'agent.example.com']]);
    tabs[0]!.dismiss('agent:Card');
    expect(tabs[0]!.offers.map((o) => o.key)).to.deep.equal(['tenant:Card']);
    for (const tab of tabs) tab.dispose();
  });

  it('fires nothing once disposed, not even for a claim still in flight', async () => {
    const core = fakeCore();
    const triggers = new PhoneTriggers(core, { framed: false, storage: null });
    triggers.handle(login([{ name: 'Ring log', event: 'inbound.received', url: `${SINK}/ring?x=<%CALLERID%>`, target: 'background' }]), false);
    triggers.handle(ringing(unique()), false);
    triggers.dispose();
    await new Promise((resolve) => setTimeout(resolve, 300));

    expect(core.emitted).to.deep.equal([]);
  });
});
