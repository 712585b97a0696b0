import { expect, waitUntil } from '@open-wc/testing';
import type { RingsidePhone } from '../../src/index.js';
import type { RingsideTriggerDeliveredEvent, RingsideTriggerFiredEvent } from '../../src/element/triggers/trigger-events.js';
import type { CapturedRequest } from '../fixtures/trigger-crm.js';
import { EventLog, mintToken, mountPhone, unmountAll, waitForAudio, waitForRegistration, type MountedPhone } from '../support/phone.js';
import { clearTriggerStorage as clearOutbox } from '../support/trigger-db.js';

/**
 * The agent's own URL triggers (issue 10, "Editing"): written in the real phone's settings,
 * checked as typed, kept per agent, exported and imported, handed to the element, which runs
 * them on a real call through the dev PBX. The CRM page is test/fixtures/trigger-crm.html (its
 * msw worker captures the background requests to https://crm-log.example/); the widget is on
 * this page's origin so the test can type into its settings as an agent would.
 */

type CrmWindow = Window & typeof globalThis & { crmReady?: Promise<void> };
type Agent = MountedPhone & { fired: RingsideTriggerFiredEvent[]; delivered: RingsideTriggerDeliveredEvent[]; app: () => ShadowRoot };

declare global {
  interface Window {
    crmHooks?: { respond(request: CapturedRequest): number };
  }
}

async function openCrm(): Promise<CrmWindow> {
  const frame = document.createElement('iframe');
  frame.allow = 'microphone; camera; autoplay';
  frame.style.cssText = 'width: 420px; height: 900px';
  frame.src = '/test/fixtures/trigger-crm.html';
  document.body.append(frame);
  await waitUntil(() => (frame.contentWindow as CrmWindow | null)?.crmReady !== undefined, 'the CRM page did not start msw', { timeout: 10000 });
  await (frame.contentWindow as CrmWindow).crmReady;
  return frame.contentWindow as CrmWindow;
}

/** A real phone for `userId` in the CRM page, its widget on this origin; resolves once registered. */
async function mountAgent(crm: CrmWindow, userId: string): Promise<Agent> {
  const phone = crm.document.createElement('ringside-phone') as RingsidePhone;
  const log = new EventLog(phone);
  const fired: RingsideTriggerFiredEvent[] = [];
  const delivered: RingsideTriggerDeliveredEvent[] = [];
  phone.addEventListener('ringside-trigger-fired', (e) => fired.push(e));
  phone.addEventListener('ringside-trigger-delivered', (e) => delivered.push(e));
  phone.token = await mintToken(userId);
  phone.src = 'http://localhost:8000/widget/';
  crm.document.body.append(phone);
  await waitForRegistration(log, 'registered');
  const app = () => phone.shadowRoot!.querySelector('iframe')!.contentDocument!.querySelector('rs-app')!.shadowRoot!;
  return { phone, log, fired, delivered, app };
}

/** The settings' triggers section of an agent's phone, opened as the agent would. */
async function openTriggerSettings(agent: Agent): Promise<ShadowRoot> {
  let button: HTMLButtonElement | null = null;
  await waitUntil(() => (button = agent.app().querySelector<HTMLButtonElement>('.settings-button')), 'no Settings button', { timeout: 10000 });
  button!.click();
  let root: ShadowRoot | null | undefined = null;
  await waitUntil(() => (root = agent.app().querySelector('rs-settings')?.shadowRoot?.querySelector('rs-triggers-settings')?.shadowRoot)?.querySelector('fieldset'), 'the triggers section did not open', { timeout: 10000 });
  return root!;
}

async function settle(root: ShadowRoot): Promise<void> {
  await (root.host as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
}

function type(control: Element | null, value: string): void {
  const input = control as HTMLInputElement;
  input.value = value;
  input.dispatchEvent(new Event(input.tagName === 'SELECT' ? 'change' : 'input'));
}

/** The stored triggers of `userId` (whatever the test tenant's id). */
function stored(userId: string): unknown {
  const key = Object.keys(localStorage).find((k) => k.startsWith('ringside.triggers.') && k.endsWith(`.${userId}`));
  return key ? JSON.parse(localStorage.getItem(key)!) : null;
}

/** The agents' saved triggers, the outbox and the cross-tab notes: no test gets another test's. */
function clearTriggerStorage(): Promise<void> {
  for (const key of Object.keys(localStorage)) if (key.startsWith('ringside.triggers.')) localStorage.removeItem(key);
  return clearOutbox();
}

const SAVED = [{ name: 'log-answer', event: 'inbound.accepted', url: 'https://crm-log.example/answered?caller=<%CALLERID%>&name=<%CALLERNAME%>', mode: 'background', method: 'GET' }];

describe("The agent's own URL triggers", () => {
  beforeEach(() => clearTriggerStorage());
  afterEach(async () => {
    window.crmHooks = undefined;
    for (const frame of document.querySelectorAll('iframe')) frame.remove();
    unmountAll();
    await clearTriggerStorage();
  });

  it('written in the settings (refused with its code until fixed, previewed), stored, sent to the element and fired on a real call', async () => {
    const requests: CapturedRequest[] = [];
    window.crmHooks = { respond: (request) => (requests.push(request), 200) };
    const crm = await openCrm();
    const agent = await mountAgent(crm, '1001');
    const root = await openTriggerSettings(agent);
    const $ = (selector: string) => root.querySelector<HTMLElement>(selector);

    // A bad URL: refused with its code, the Save button off, nothing stored or sent.
    $('button.add')!.click();
    await settle(root);
    type($('#trigger-name'), 'log-answer');
    type($('#trigger-event'), 'inbound.accepted');
    type($('#trigger-mode'), 'background');
    type($('#trigger-url'), 'javascript:alert(<%CALLERID%>)');
    await settle(root);
    expect($('#trigger-check')!.getAttribute('data-code')).to.equal('scheme_not_allowed');
    expect($('#trigger-check')!.textContent).to.match(/^Refused \(scheme_not_allowed\): /);
    expect(($('button.save') as HTMLButtonElement).disabled).to.equal(true);
    ($('button.save') as HTMLButtonElement).click();
    expect(stored('1001')).to.equal(null);
    expect(agent.log.names()).not.to.include('OnAgentTriggersChanged');

    // Fixed: the preview shows the URL for the sample call, encoded; saved, stored, sent.
    type($('#trigger-url'), SAVED[0]!.url);
    await settle(root);
    expect($('#trigger-check')!.textContent).to.equal('https://crm-log.example/answered?caller=%2B0702007722&name=Ada%20Lovelace');
    const mark = agent.log.events.length;
    ($('button.save') as HTMLButtonElement).click();
    const changed = await agent.log.next('OnAgentTriggersChanged', mark);
    expect(changed.data.triggers).to.deep.equal(SAVED);
    expect(stored('1001')).to.deep.equal(SAVED);

    // A real call: the customer calls, the agent answers; the trigger's request reaches the CRM's log.
    const customer = await mountPhone('2001');
    await customer.phone.dial('1001');
    await agent.log.next('OnIncomingCallRinging');
    await agent.phone.answer();
    await waitForAudio(agent.phone);
    await waitUntil(() => agent.delivered.length === 1, 'the agent trigger was not delivered', { timeout: 10000 });
    await customer.phone.hangUp();
    await agent.log.next('OnIncomingCallHangup');

    expect(requests.map((r) => [r.method, r.url])).to.deep.equal([['GET', 'https://crm-log.example/answered?caller=2001&name=Customer%20Phone']]);
    expect(agent.fired.map((e) => [e.trigger, e.event, e.mode])).to.deep.equal([['log-answer', 'inbound.accepted', 'background']]);
    expect([agent.delivered[0]!.trigger, agent.delivered[0]!.delivery]).to.deep.equal(['log-answer', 'confirmed']);
  });

  it('kept across a new load of the phone, exported, and imported into another agent (the refused one listed)', async () => {
    const crm = await openCrm();
    // Saved by a first load (through the settings, as above).
    let agent = await mountAgent(crm, '1001');
    let root = await openTriggerSettings(agent);
    root.querySelector<HTMLButtonElement>('button.add')!.click();
    await settle(root);
    type(root.querySelector('#trigger-name'), SAVED[0]!.name);
    type(root.querySelector('#trigger-event'), SAVED[0]!.event);
    type(root.querySelector('#trigger-mode'), 'background');
    type(root.querySelector('#trigger-url'), SAVED[0]!.url);
    await settle(root);
    root.querySelector<HTMLButtonElement>('button.save')!.click();
    await agent.log.next('OnAgentTriggersChanged');
    agent.phone.remove();

    // A new load of the phone for the same agent: the trigger is handed over at login and listed.
    agent = await mountAgent(crm, '1001');
    const login = await agent.log.next('OnLogin');
    expect(login.data.agentTriggers).to.deep.equal(SAVED);
    root = await openTriggerSettings(agent);
    expect([...root.querySelectorAll('.own-triggers li')].map((li) => li.getAttribute('data-trigger'))).to.deep.equal(['log-answer']);
    root.querySelector<HTMLButtonElement>('button.export')!.click();
    await settle(root);
    const exported = root.querySelector<HTMLTextAreaElement>('#trigger-export')!.value;
    expect(JSON.parse(exported)).to.deep.equal(SAVED);
    agent.phone.remove();

    // Another agent with none: the import keeps the valid one and lists the refused one.
    const other = await mountAgent(crm, '1002');
    expect((await other.log.next('OnLogin')).data.agentTriggers).to.equal(undefined);
    root = await openTriggerSettings(other);
    expect(root.querySelector('.own-triggers')).to.equal(null);
    const bad = { event: 'inbound.received', mode: 'window', url: 'ftp://crm.example.com/<%CALLERID%>' };
    type(root.querySelector('#trigger-import'), JSON.stringify([...JSON.parse(exported), bad]));
    root.querySelector<HTMLButtonElement>('button.import')!.click();
    const changed = await other.log.next('OnAgentTriggersChanged');
    await settle(root);

    expect(changed.data.triggers).to.deep.equal(SAVED);
    expect(stored('1002')).to.deep.equal(SAVED);
    expect([...root.querySelectorAll('.refused li')].map((li) => [li.getAttribute('data-code'), li.textContent!.startsWith('Trigger 2: refused (scheme_not_allowed)')])).to.deep.equal([['scheme_not_allowed', true]]);
  });

  it('the element checks them again: a stored trigger edited by hand is refused with its code as agent-<n>, the others run', async () => {
    // Written straight into the phone's storage (the settings never save one like this).
    localStorage.setItem('ringside.triggers.dev.1001', JSON.stringify([{ event: 'login', mode: 'window', url: 'data:text/html,<%CALLERID%>' }, { event: 'login', mode: 'route', url: '#/logged-in/<%USEREXT%>' }]));
    const crm = await openCrm();
    const failed: { trigger: string; code: string }[] = [];
    const phone = crm.document.createElement('ringside-phone') as RingsidePhone;
    phone.addEventListener('ringside-trigger-failed', (e) => failed.push({ trigger: e.trigger, code: e.code }));
    const log = new EventLog(phone);
    phone.token = await mintToken('1001');
    phone.src = 'http://localhost:8000/widget/';
    crm.document.body.append(phone);
    await waitForRegistration(log, 'registered');

    await waitUntil(() => crm.location.hash === '#/logged-in/1001', 'the valid agent trigger did not run', { timeout: 5000 });
    expect(failed).to.deep.equal([{ trigger: 'agent-1', code: 'scheme_not_allowed' }]);
  });
});
