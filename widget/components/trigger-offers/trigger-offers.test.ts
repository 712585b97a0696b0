import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { EventMessage } from '../../../src/protocol/index.js';
import { fakeCore, provide } from '../../testing/fake-phone.js';
import { LazyPart } from '../../services/lazy-part.js';
import { PhoneTriggers } from '../../services/triggers/phone-triggers.js';
import '../settings/trigger-log.js';
import type { RsTriggerLog } from '../settings/trigger-log.js';
import './trigger-offers.js';
import type { RsTriggerOffers } from './trigger-offers.js';

/**
 * The phone's trigger views with a real core and a real PhoneTriggers: the Open buttons of
 * window triggers the phone runs itself, and the trigger log in the settings, with the page's
 * lines labelled as the page's and URLs as text.
 */
let seq = 0;
const event = (name: string, data: unknown): EventMessage => ({ type: 'event', group: 'agent', name, data, ns: 'ringside', v: 1, seq: (seq += 1) }) as EventMessage;
const agent = { userId: 'agent-9', extension: '1009', displayName: 'Ada' };

describe('<rs-trigger-offers> and <rs-trigger-log>', () => {
  const open = window.open;
  let opened: string[];
  beforeEach(() => {
    opened = [];
    window.open = ((url: string) => (opened.push(url), { opener: window })) as unknown as typeof window.open;
  });
  afterEach(() => {
    window.open = open;
  });

  it('shows an Open button per offered window, opens it on the click and logs it; Dismiss takes it away', async () => {
    const { core } = fakeCore();
    const triggers = new PhoneTriggers(core, { framed: false, storage: null });
    // The core's trigger part is this one (unframed: no wait for a host's hello): the view follows it.
    (core as { triggers: LazyPart<PhoneTriggers> }).triggers = new LazyPart(() => triggers);
    const offers = await provide<RsTriggerOffers>(core, html`<rs-trigger-offers></rs-trigger-offers>`);
    const number = String(Math.floor(Math.random() * 1e9));
    triggers.handle(event('OnLogin', { agent, triggers: [
      { name: 'Contact card', event: 'inbound.received', url: 'https://crm.example.com/c?phone=<%CALLERID%>', target: 'new' },
      { event: 'inbound.received', url: 'https://tickets.example.com/new?from=<%CALLERID%>', target: 'reuse' },
    ] }), false);
    triggers.handle(event('OnIncomingCallRinging', { call: { callId: 'c1', direction: 'inbound', remoteNumber: number } }), false);
    await waitUntil(() => offers.shadowRoot!.querySelectorAll('li').length === 2, 'the offers were not shown');

    const buttons = [...offers.shadowRoot!.querySelectorAll<HTMLButtonElement>('button.open')];
    expect(buttons.map((b) => [b.textContent!.trim(), b.title])).to.deep.equal([
      ['Open Contact card', `https://crm.example.com/c?phone=${number}`],
      ['Open tickets.example.com', `https://tickets.example.com/new?from=${number}`],
    ]);
    buttons[0]!.click();
    await offers.updateComplete;

    expect(opened).to.deep.equal([`https://crm.example.com/c?phone=${number}`]);
    expect([...offers.shadowRoot!.querySelectorAll('li')].map((li) => (li as HTMLElement).dataset.trigger)).to.deep.equal(['tenant-2']);
    offers.shadowRoot!.querySelector<HTMLButtonElement>('button.dismiss')!.click();
    await offers.updateComplete;
    expect(offers.shadowRoot!.querySelector('ul')).to.equal(null);

    const log = await fixture<RsTriggerLog>(html`<rs-trigger-log .source=${{ load: () => Promise.resolve(triggers) }}></rs-trigger-log>`);
    await waitUntil(() => log.shadowRoot!.querySelectorAll('li').length === 3, 'the log did not show three lines');
    const lines = [...log.shadowRoot!.querySelectorAll<HTMLElement>('li')].map((li) => [li.dataset.kind, li.dataset.source, li.textContent!.replace(/\s+/g, ' ').includes('run by the phone')]);
    // Newest first: the Contact card opened on the click, then the two offers.
    expect(lines).to.deep.equal([
      ['fired', 'phone', true],
      ['offered', 'phone', true],
      ['offered', 'phone', true],
    ]);
    triggers.dispose();
  });

  it("labels the page's steps as the page's, shows failures with their code and whether they will be retried, and never links a URL", async () => {
    const { core } = fakeCore();
    const triggers = new PhoneTriggers(core, { framed: false, storage: null });
    const log = await fixture<RsTriggerLog>(html`<rs-trigger-log .source=${{ load: () => Promise.resolve(triggers) }}></rs-trigger-log>`);
    await waitUntil(() => log.shadowRoot!.querySelector('.note'), 'no empty log');
    expect(log.shadowRoot!.querySelector('.note')!.textContent).to.equal('No trigger has fired in this login yet.');

    triggers.logFromPage([
      { kind: 'failed', trigger: 'CRM log', event: 'inbound.hangup', eventId: 'e-1', url: 'https://crm.example.com/log', code: 'http_error', message: 'the endpoint answered 503', willRetry: true, attempts: 1 },
      { kind: 'delivered', trigger: 'CRM log', event: 'inbound.hangup', eventId: 'e-1', url: 'https://crm.example.com/log', delivery: 'confirmed', status: 201, attempts: 2 },
      { kind: 'delivered', trigger: 'Opaque', event: 'inbound.hangup', eventId: 'e-2', url: 'https://other.example.com/<img src=x>', delivery: 'sent', status: 0, attempts: 1 },
    ]);
    await waitUntil(() => log.shadowRoot!.querySelectorAll('li').length === 3, 'the page lines were not shown');

    const text = [...log.shadowRoot!.querySelectorAll('li')].map((li) => li.textContent!.replace(/\s+/g, ' ').trim());
    expect(text[0]).to.contain('Opaque · inbound.hangup · reported by the CRM page').and.contain("Sent after 1 attempt(s); the endpoint allows no CORS").and.contain('https://other.example.com/<img src=x>');
    expect(text[1]).to.contain('Delivered: HTTP 201 after 2 attempt(s).');
    expect(text[2]).to.contain('Failed (http_error): the endpoint answered 503').and.contain('It will be tried again.');
    expect(log.shadowRoot!.querySelector('a, img')).to.equal(null);
    triggers.dispose();
  });
});
