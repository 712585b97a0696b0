import { expect } from '@open-wc/testing';
import type { RingsidePhone } from '../../src/index.js';
import type { AgentDesktopApi } from '../../src/compat/agentdesktop.js';
import { mintToken, mountPhone, unmountAll, waitForAudio } from '../support/phone.js';

/**
 * A CRM written from the AgentDesktop Widget SDK document (test/fixtures/agentdesktop-host.html),
 * on real calls through the dev PBX: its direct-transfer and consultation-transfer walkthroughs
 * replayed, and the events its callback gets compared with the document's, event by event.
 */

type Received = Record<string, string> & { event: string };

interface AgentDesktopHost extends Window {
  received: Received[];
  eventTypes: { type: string; namespace: string }[];
  AGENTDESKTOP: AgentDesktopApi;
}

interface Crm {
  win: AgentDesktopHost;
  phone: RingsidePhone;
  /** The widget's window (same origin as the test), to see what the agent sees. */
  widget: () => Window;
}

async function agentDesktopHost(userId: string): Promise<Crm> {
  const frame = document.createElement('iframe');
  frame.src = `/test/fixtures/agentdesktop-host.html?token=${encodeURIComponent(await mintToken(userId))}`;
  frame.style.width = '420px';
  frame.style.height = '700px';
  document.body.append(frame);
  await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  const win = frame.contentWindow as AgentDesktopHost;
  const phone = win.document.getElementById('phone') as RingsidePhone;
  const widget = () => phone.shadowRoot!.querySelector('iframe')!.contentWindow!;
  await until('AGENT:LOGGEDIN', () => win.received.find((e) => e.event === 'AGENT:LOGGEDIN'));
  return { win, phone, widget };
}

async function until<T>(what: string, probe: () => T | undefined | null | false, timeoutMs = 15000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The contact record's fields, in the document's printout order. */
const CONTACT_FIELDS = ['id', 'uuid', 'chat_id', 'type', 'media_type', 'content_type', 'content_description', 'job_type', 'job_state', 'ani', 'dnis', 'queue', 'reason'];

/** The events after `from` that concern the contacts `ids`, as `[event, id]`. */
const sequence = (crm: Crm, from: number) => crm.win.received.slice(from).filter((e) => !e.event.startsWith('AGENT:'));

/** What the document prints of each event, minus the values that are the call's own (ids, numbers). */
const shape = (e: Received) => ({ event: e.event, type: e.type, media_type: e.media_type, content_type: e.content_type, job_type: e.job_type, job_state: e.job_state, chat_id: e.chat_id, content_description: e.content_description, reason: e.reason });

const inboundContact = { type: 'inbound', media_type: 'telephony', content_type: 'live', job_type: 'inbound', chat_id: '', content_description: '' };
const consultContact = { type: 'outbound', media_type: 'telephony', content_type: '', job_type: 'manual', job_state: '', chat_id: '', content_description: '' };

/** The customer calls the agent; the agent answers with the phone's Answer button; they hear each other. */
async function customerOnTheLine(crm: Crm) {
  const customer = await mountPhone('2001');
  await customer.phone.dial('1001');
  const popup = await until('POPUP', () => crm.win.received.find((e) => e.event === 'POPUP'));
  const answer = await until('the Answer button', () => crm.widget().document.querySelector('rs-app')?.shadowRoot?.querySelector('rs-incoming-call')?.shadowRoot?.querySelector<HTMLButtonElement>('button.ok'));
  answer.click();
  await until('ESTABLISHED', () => crm.win.received.find((e) => e.event === 'ESTABLISHED' && e.id === popup.id));
  await waitForAudio(crm.phone);
  return { customer, contactId: popup.id };
}

/** After-call work on, no disposition required, the default codes. */
const TENANT = {
  afterCallWork: { enabled: true, maxSeconds: 120, requireDisposition: false },
  dispositionCodes: [
    { code: 'resolved', label: 'Resolved' },
    { code: 'callback', label: 'Call back' },
  ],
  referPolicy: 'internal',
};

describe('host code written for the AgentDesktop widget SDK', () => {
  // The tenant settings these tests rely on (other test files change them; sessions read them at login).
  before(() => fetch(`/test-only/tenant-settings?set=${encodeURIComponent(JSON.stringify(TENANT))}`));

  afterEach(() => {
    unmountAll();
    for (const frame of document.querySelectorAll('iframe')) frame.remove();
  });

  it('replays the direct-transfer walkthrough: HELD, TRANSFERRED, CONNECTIONCLEARED, JOBCHANGED, JOBFINISHED', async () => {
    // Arrange: the CRM (agent 1001), a colleague (1002), the customer (2001) on the line.
    const crm = await agentDesktopHost('1001');
    const colleague = await mountPhone('1002');
    const { contactId } = await customerOnTheLine(crm);
    const popup = crm.win.received.find((e) => e.event === 'POPUP')!;
    const from = crm.win.received.length;

    // Act: the document's direct transfer of the current contact to 1002.
    const result = await crm.win.AGENTDESKTOP.CONTACT.Transfer(contactId, '1002');
    const ringing = await colleague.log.next('OnIncomingCallRinging');
    await until('JOBCHANGED', () => crm.win.received.find((e) => e.event === 'JOBCHANGED'));
    // "Una volta esitato lo Script": the agent wraps the call up in the phone's panel.
    const panel = await until('the wrap-up panel', () => crm.widget().document.querySelector('rs-app')?.shadowRoot?.querySelector('rs-after-call')?.shadowRoot?.querySelector('section'));
    const disposition = panel.querySelector<HTMLSelectElement>('select#disposition')!;
    disposition.value = 'resolved';
    disposition.dispatchEvent(new Event('change'));
    for (let tries = 0; (await crm.phone.getAfterCallWork()).afterCallWork?.disposition !== 'resolved'; tries += 1) {
      if (tries > 100) throw new Error('the disposition chosen in the panel never reached the phone');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    panel.querySelector<HTMLButtonElement>('.actions button')!.click();
    await until('JOBFINISHED', () => crm.win.received.find((e) => e.event === 'JOBFINISHED'));

    // Assert: the document's sequence, event by event, all on the main contact.
    expect(result.ok).to.equal(true);
    const events = sequence(crm, from);
    expect(events.map(shape)).to.deep.equal([
      { event: 'HELD', ...inboundContact, job_state: 'online', reason: '' },
      { event: 'TRANSFERRED', ...inboundContact, job_state: 'online', reason: '' },
      { event: 'CONNECTIONCLEARED', ...inboundContact, job_state: 'online', reason: 'transferred' },
      { event: 'JOBCHANGED', ...inboundContact, job_state: 'offline', reason: 'transferred' },
      { event: 'JOBFINISHED', ...inboundContact, job_state: 'finished', reason: 'transferred' },
    ]);
    for (const e of events) {
      expect(Object.keys(e)).to.deep.equal(['event', ...CONTACT_FIELDS]);
      expect([e.id, e.uuid, e.ani, e.dnis, e.queue]).to.deep.equal([contactId, popup.uuid, '2001', '', '']);
    }
    expect(popup.uuid).to.match(/^[0-9a-f-]{36}$/);
    // The first argument is jQuery-event-like, named after the event.
    expect(crm.win.eventTypes.slice(from).map((t) => t.type)).to.deep.equal(events.map((e) => e.event));

    // And the customer now talks to the colleague.
    expect(ringing.data.call.remoteNumber).to.equal('2001');
    await colleague.phone.answer();
    await waitForAudio(colleague.phone);
  });

  it('replays the consultation-transfer walkthrough and completes it with Transfer_Complete', async () => {
    const crm = await agentDesktopHost('1001');
    const colleague = await mountPhone('1002');
    const { contactId } = await customerOnTheLine(crm);
    const from = crm.win.received.length;

    // Act: consult 1002 while the customer holds; the colleague answers; complete.
    const consultation = crm.win.AGENTDESKTOP.CONTACT.Transfer_Consultation(contactId, '1002');
    await colleague.log.next('OnIncomingCallRinging');
    expect((await consultation).ok).to.equal(true);
    await colleague.phone.answer();
    const established = await until('the consultation ESTABLISHED', () => sequence(crm, from).find((e) => e.event === 'ESTABLISHED'));
    await waitForAudio(colleague.phone);
    const talking = colleague.log.events.length;
    expect((await crm.win.AGENTDESKTOP.CONTACT.Transfer_Complete()).ok).to.equal(true);
    await until('JOBCHANGED', () => sequence(crm, from).find((e) => e.event === 'JOBCHANGED'));

    // Assert: the document's sequence, event by event, on the main contact and the consultation.
    const consultId = established.id;
    const events = sequence(crm, from);
    expect(events.map((e) => [e.event, e.id === contactId ? 'main' : e.id === consultId ? 'consultation' : e.id])).to.deep.equal([
      ['HELD', 'main'],
      ['CONNECTIONSTARTED', 'consultation'],
      ['DIALING', 'consultation'],
      ['ESTABLISHED', 'consultation'],
      ['TRANSFERRED', 'main'],
      ['CONNECTIONCLEARED', 'main'],
      ['CONNECTIONCLEARED', 'consultation'],
      ['JOBCHANGED', 'main'],
    ]);
    expect(events.map(shape)).to.deep.equal([
      { event: 'HELD', ...inboundContact, job_state: 'online', reason: '' },
      { event: 'CONNECTIONSTARTED', ...consultContact, reason: '' },
      { event: 'DIALING', ...consultContact, reason: '' },
      { event: 'ESTABLISHED', ...consultContact, reason: '' },
      { event: 'TRANSFERRED', ...inboundContact, job_state: 'online', reason: '' },
      { event: 'CONNECTIONCLEARED', ...inboundContact, job_state: 'online', reason: 'transferred' },
      { event: 'CONNECTIONCLEARED', ...consultContact, reason: 'transferred' },
      { event: 'JOBCHANGED', ...inboundContact, job_state: 'offline', reason: 'transferred' },
    ]);
    const consult = events.find((e) => e.id === consultId)!;
    expect([consult.ani, consult.dnis, consult.queue]).to.deep.equal(['1001', 'consultation', '']);
    expect(consult.uuid).to.not.equal(events[0]!.uuid);

    // The colleague now has the customer, and hears them.
    const takenOver = await colleague.log.next('OnIncomingCallRinging', talking);
    expect(takenOver.data.call.remoteNumber).to.equal('2001');
    await colleague.log.next('OnIncomingCallAnswered', talking);
    await waitForAudio(colleague.phone);
  });

  it('cancels a consultation with Hangup of the consultation\'s id: the customer is back (RETRIEVED)', async () => {
    const crm = await agentDesktopHost('1001');
    const colleague = await mountPhone('1002');
    const { contactId, customer } = await customerOnTheLine(crm);
    const from = crm.win.received.length;
    void crm.win.AGENTDESKTOP.CONTACT.Transfer_Consultation(contactId, '1002');
    await colleague.log.next('OnIncomingCallRinging');
    await colleague.phone.answer();
    const established = await until('the consultation ESTABLISHED', () => sequence(crm, from).find((e) => e.event === 'ESTABLISHED'));

    expect((await crm.win.AGENTDESKTOP.CONTACT.Hangup(established.id)).ok).to.equal(true);
    await until('RETRIEVED', () => sequence(crm, from).find((e) => e.event === 'RETRIEVED'));

    const events = sequence(crm, from).map((e): [string, string, string] => [e.event, e.id === contactId ? "main" : "consultation", e.reason ?? ""]);
    expect(events).to.deep.include.members([
      ['CONNECTIONCLEARED', 'consultation', 'local_hangup'],
      ['RETRIEVED', 'main', ''],
    ]);
    expect(events.filter(([event]) => event.startsWith('JOB'))).to.deep.equal([]);
    // The agent and the customer hear each other again.
    await waitForAudio(crm.phone);
    await colleague.log.next('OnIncomingCallHangup');
    expect((await customer.phone.queryStatus()).calls.map((c) => c.state)).to.deep.equal(['active']);
  });

  it('completes a consultation as a three-way conference with Transfer_Complete_Conference', async () => {
    const crm = await agentDesktopHost('1001');
    const colleague = await mountPhone('1002');
    const { contactId } = await customerOnTheLine(crm);
    const from = crm.win.received.length;
    void crm.win.AGENTDESKTOP.CONTACT.Transfer_Consultation(contactId, '1002');
    await colleague.log.next('OnIncomingCallRinging');
    await colleague.phone.answer();
    await until('the consultation ESTABLISHED', () => sequence(crm, from).find((e) => e.event === 'ESTABLISHED'));

    expect((await crm.win.AGENTDESKTOP.CONTACT.Transfer_Complete_Conference()).ok).to.equal(true);
    await until('CONFERENCED', () => sequence(crm, from).filter((e) => e.event === 'CONFERENCED').length === 2);

    const conferenced = sequence(crm, from).filter((e) => e.event === 'CONFERENCED').map((e) => (e.id === contactId ? 'main' : 'consultation'));
    expect(conferenced.sort()).to.deep.equal(['consultation', 'main']);
    // The colleague hears the customer through the agent's mix.
    await waitForAudio(colleague.phone);
  });

  it('pops up a queue call with its queue, dialled number and contact id (queue 7000 of the dev PBX)', async () => {
    const crm = await agentDesktopHost('1001');
    const customer = await mountPhone('2001');

    await customer.phone.dial('7000');
    const popup = await until('POPUP', () => crm.win.received.find((e) => e.event === 'POPUP'));
    await crm.phone.answer();
    await until('ESTABLISHED', () => crm.win.received.find((e) => e.event === 'ESTABLISHED'));
    await waitForAudio(crm.phone);
    const { calls } = await crm.phone.queryStatus();
    await customer.phone.hangUp();
    await until('CONNECTIONCLEARED', () => crm.win.received.find((e) => e.event === 'CONNECTIONCLEARED'));

    // The document's sample has queue QUEUE25 and dnis 225727273: here the dev queue's own.
    expect(popup).to.include({ type: 'inbound', job_type: 'inbound', job_state: 'online', content_type: 'live', ani: '2001', queue: 'Support', dnis: '+15550107000', reason: '' });
    expect(popup.uuid).to.equal(calls[0]!.variables!['Contact-Id']);
    expect(crm.win.received.find((e) => e.event === 'CONNECTIONCLEARED')).to.include({ reason: 'remote_hangup', queue: 'Support' });
  });

  it('tells the agent\'s state: AGENT:LOGGEDIN, AGENT:PAUSE with the reason (or dnd), back, AGENT:LOGGEDOUT', async () => {
    const crm = await agentDesktopHost('1001');
    const from = crm.win.received.length;

    await crm.phone.setAgentState('not_ready', 'lunch');
    await until('AGENT:PAUSE', () => crm.win.received.slice(from).find((e) => e.event === 'AGENT:PAUSE'));
    await crm.phone.setAgentState('ready');
    await until('AGENT:LOGGEDIN', () => crm.win.received.slice(from).find((e) => e.event === 'AGENT:LOGGEDIN'));
    await crm.phone.setAgentState('dnd');
    await until('AGENT:PAUSE (dnd)', () => crm.win.received.slice(from).find((e) => e.event === 'AGENT:PAUSE' && e.reason === 'dnd'));
    await crm.phone.logout();
    await until('AGENT:LOGGEDOUT', () => crm.win.received.slice(from).find((e) => e.event === 'AGENT:LOGGEDOUT'));

    expect(crm.win.received.slice(from)).to.deep.equal([
      { event: 'AGENT:PAUSE', reason: 'lunch' },
      { event: 'AGENT:LOGGEDIN' },
      { event: 'AGENT:PAUSE', reason: 'dnd' },
      { event: 'AGENT:LOGGEDOUT' },
    ]);
    expect(crm.win.document.getElementById('agentState')!.textContent).to.equal('sloggato');
  });

  it('places a manual call with MakeCall, and shows a wrong number\'s error in the phone for 4 seconds, as text', async () => {
    const crm = await agentDesktopHost('1001');
    const customer = await mountPhone('2001');
    const input = crm.win.document.getElementById('destination') as HTMLInputElement;
    const button = crm.win.document.getElementById('makeCall') as HTMLButtonElement;
    const notice = () => crm.widget().document.querySelector('rs-app')?.shadowRoot?.querySelector('rs-notice')?.shadowRoot?.querySelector<HTMLElement>('.notice');

    // Act: a wrong number, as the document's example.
    input.value = '12ab';
    button.click();
    const shown = await until('the error message', notice);
    const shownAt = Date.now();

    // Assert: the message as text (no markup made of it), gone after its 4 seconds.
    expect(shown.dataset.code).to.equal('host_notice');
    expect(shown.querySelector('p')!.textContent).to.equal('Destination Number non valido: <12ab>');
    expect(shown.querySelector('p')!.children.length).to.equal(0);
    // Said to be the CRM's, so a page can never speak as the phone.
    expect(shown.querySelector('.from')!.textContent).to.equal('From the CRM:');
    await until('the message gone', () => !notice(), 8000);
    expect(Date.now() - shownAt).to.be.within(3000, 5500);

    // Act: a good number: MakeCall places a manual call (CONNECTIONSTARTED, job_type manual).
    const from = crm.win.received.length;
    input.value = '2001';
    button.click();
    await customer.log.next('OnIncomingCallRinging');
    await customer.phone.answer();
    await until('ESTABLISHED', () => sequence(crm, from).find((e) => e.event === 'ESTABLISHED'));
    await waitForAudio(crm.phone);
    await crm.phone.hangUp();
    await until('JOBCHANGED', () => sequence(crm, from).find((e) => e.event === 'JOBCHANGED'));
    await crm.phone.submitAfterCallWork({ disposition: 'resolved' });
    await until('JOBFINISHED', () => sequence(crm, from).find((e) => e.event === 'JOBFINISHED'));

    const events = sequence(crm, from);
    expect(events.map((e) => [e.event, e.type, e.job_type, e.job_state, e.dnis, e.reason])).to.deep.equal([
      ['CONNECTIONSTARTED', 'outbound', 'manual', '', '2001', ''],
      ['DIALING', 'outbound', 'manual', '', '2001', ''],
      ['ESTABLISHED', 'outbound', 'manual', '', '2001', ''],
      ['CONNECTIONCLEARED', 'outbound', 'manual', '', '2001', 'local_hangup'],
      ['JOBCHANGED', 'outbound', 'manual', 'offline', '2001', 'local_hangup'],
      ['JOBFINISHED', 'outbound', 'manual', 'finished', '2001', 'local_hangup'],
    ]);
    expect(await crm.win.AGENTDESKTOP.CONTACT.MakeCall('<sip:evil@example.com>')).to.deep.include({ ok: false });
  });
});
