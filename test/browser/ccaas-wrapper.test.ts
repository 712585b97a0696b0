import { expect } from '@open-wc/testing';
import type { RingsidePhone } from '../../src/index.js';
import { mintToken, mountPhone, unmountAll, waitForAudio } from '../support/phone.js';

/**
 * The CCaaS wrapper-library contract on real calls through the dev PBX: a CRM page
 * (test/fixtures/ccaas-host.html) whose wrapper library (test/fixtures/ccaas-wrapper.js) is
 * written from the document alone. The test reads what the wrapper's contract functions were
 * called with, and drives the wrapper's callback as its CRM would.
 */

interface WrapperCall {
  fn: string;
  params: Record<string, unknown> | null;
}

interface CcaasHost extends Window {
  wrapperCalls: WrapperCall[];
  wrapperEvents: { type: string; code?: string; fn?: string; cause?: string; url?: string }[];
  crmSoftphone: {
    getPresence(): Promise<void>;
    updatePresence(softphoneId: string): Promise<void>;
    startCall(dialTo: string): Promise<void>;
    send(eventType: unknown, payload?: unknown): Promise<void>;
  };
}

interface Crm {
  win: CcaasHost;
  phone: RingsidePhone;
  calls: (fn: string, from?: number) => WrapperCall[];
}

const READY = 'a1b2c3d4-0000-4000-8000-000000000001';
const LUNCH = 'a1b2c3d4-0000-4000-8000-000000000002';
const DND = 'a1b2c3d4-0000-4000-8000-000000000003';
const WRAP_UP = 'a1b2c3d4-0000-4000-8000-000000000004';
const PARTNER = '215fd887-39be-4935-981f-2670d6afeaa7';

async function until<T>(what: string, probe: () => T | undefined | null | false, timeoutMs = 15000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function ccaasHost(userId: string, query = ''): Promise<Crm> {
  const frame = document.createElement('iframe');
  frame.src = `/test/fixtures/ccaas-host.html?token=${encodeURIComponent(await mintToken(userId))}${query}`;
  document.body.append(frame);
  await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  const win = frame.contentWindow as CcaasHost;
  const phone = win.document.getElementById('phone') as RingsidePhone;
  await until('the wrapper loaded or refused', () => win.wrapperEvents?.length);
  // load(callback) comes once the phone is registered.
  if (win.wrapperEvents[0]?.type === 'ringside-wrapper-loaded') await until('load()', () => win.wrapperCalls?.some((call) => call.fn === 'load'));
  const calls = (fn: string, from = 0) => (win.wrapperCalls ?? []).slice(from).filter((call) => call.fn === fn);
  return { win, phone, calls };
}

/** Like `until`, for a probe that has to ask the phone. */
async function untilAsked<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 15000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Waits for the wrapper's `fn` to be called (after call number `from`); its params. */
const called = (crm: Crm, fn: string, from = 0) => until(`${fn}()`, () => crm.calls(fn, from)[0]).then((call) => call.params ?? {});

async function setTenant(settings: Record<string, unknown>): Promise<void> {
  await fetch(`/test-only/tenant-settings?set=${encodeURIComponent(JSON.stringify(settings))}`);
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

describe('a CCaaS wrapper library written from the contract document', () => {
  // The tenant settings these tests rely on (other test files change them; sessions read them at login).
  before(() => fetch(`/test-only/tenant-settings?set=${encodeURIComponent(JSON.stringify(TENANT))}`));

  afterEach(async () => {
    unmountAll();
    for (const frame of document.querySelectorAll('iframe')) frame.remove();
    await setTenant({ wrapperUrl: '', wrapperPresence: {} });
  });

  it('is loaded and hands its codes and partner to the phone: load(callback), disposition, partner_config', async () => {
    const crm = await ccaasHost('1001');

    expect(crm.win.wrapperEvents[0]).to.include({ type: 'ringside-wrapper-loaded', url: 'http://localhost:8000/test/fixtures/ccaas-wrapper.js' });
    expect(crm.calls('load')).to.have.length(1);
    // The wrapper's disposition list is what after-call work offers (a string that is no code keeps its words as the label).
    const customer = await mountPhone('2001');
    await customer.phone.dial('1001');
    await called(crm, 'incomingCall');
    await crm.phone.answer();
    await customer.log.next('OnOutgoingCallAnswered');
    await customer.phone.hangUp();
    const afterCallWork = await untilAsked('after-call work', async () => (await crm.phone.getAfterCallWork()).afterCallWork);
    expect(afterCallWork.codes).to.deep.equal([
      { code: 'code1', label: 'code1' },
      { code: 'code2', label: 'code2' },
      { code: 'd3', label: 'Call back later' },
    ]);
  });

  it('follows an inbound call: incomingCall, callAccepted, then callNotesSubmitted and callEnded with the wrap-up\'s disposition and notes', async () => {
    // Arrange: the agent's CRM (its phone on this origin, to work its screen), and a customer
    // calling with what an IVR would add as headers.
    const crm = await ccaasHost('1001', `&widget=${encodeURIComponent('http://localhost:8000/widget/')}`);
    const customer = await mountPhone('2001');

    // Act: the call rings, the agent answers, they talk, notes are taken, the customer hangs up.
    await customer.phone.dial('1001', { variables: { ivrExitPath: 'billing', language: 'it_IT', recordingStatus: 'ON', specialEvent: 'birthday' } });
    const incoming = await called(crm, 'incomingCall');
    await crm.phone.answer();
    const accepted = await called(crm, 'callAccepted');
    await waitForAudio(crm.phone);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await crm.phone.setCallNotes('wants a refund');
    await customer.phone.hangUp();
    const wrapUp = await untilAsked('the wrap-up', async () => (await crm.phone.getAfterCallWork()).afterCallWork);
    expect(crm.calls('callEnded')).to.deep.equal([]); // not before the wrap-up ends
    // The agent wraps up in the phone: the wrapper's list is the drop-down.
    const widget = (crm.phone.shadowRoot!.querySelector('iframe')!.contentWindow as Window).document;
    const panel = await until('the wrap-up panel', () => widget.querySelector('rs-app')?.shadowRoot?.querySelector('rs-after-call')?.shadowRoot?.querySelector('section'));
    const select = panel.querySelector<HTMLSelectElement>('select#disposition')!;
    const offered = [...select.options].slice(1).map((option) => option.textContent!.trim());
    select.value = 'd3';
    select.dispatchEvent(new Event('change'));
    const notes = panel.querySelector<HTMLTextAreaElement>('textarea#notes')!;
    notes.value = 'wants a refund; call back Monday';
    notes.dispatchEvent(new Event('input'));
    await untilAsked('the disposition chosen', async () => (await crm.phone.getAfterCallWork()).afterCallWork?.disposition === 'd3');
    panel.querySelector<HTMLButtonElement>('.actions button')!.click();
    const submitted = await called(crm, 'callNotesSubmitted');
    const ended = await called(crm, 'callEnded');

    // Assert: the document's fields, with this call's values.
    const conversationId = incoming.conversationId as string;
    expect(conversationId).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(incoming).to.deep.equal({ partnerId: PARTNER, conversationId, callerANI: '2001', language: 'it_IT' });
    expect(accepted).to.deep.equal({
      partnerId: PARTNER,
      conversationId,
      callerANI: '2001',
      language: 'it_IT',
      ivrExitPath: 'billing',
      channelName: '',
      reservationStartDate: '',
      specialEvent: 'birthday',
      escalationType: '',
      // The caller sent recordingStatus ON: a claim, never passed on as a fact.
      recordingStatus: 'OFF',
    });
    expect(wrapUp).to.include({ notes: 'wants a refund' });
    expect(offered).to.deep.equal(['code1', 'code2', 'Call back later']);
    expect(submitted).to.deep.equal({ partnerId: PARTNER, conversationId, disposition: 'Call back later', notes: 'wants a refund; call back Monday' });
    expect(ended).to.include({ partnerId: PARTNER, conversationId, disposition: 'Call back later', notes: 'wants a refund; call back Monday', callType: 'inbound' });
    expect(ended.duration).to.be.a('number').and.to.be.at.least(1);
    expect(crm.calls('callEnded')).to.have.length(1);
  });

  it('reports a rejected call as callRejected: active when the agent rejects, passive when it is not answered', async () => {
    const crm = await ccaasHost('1001');
    const customer = await mountPhone('2001');

    await customer.phone.dial('1001');
    const first = await called(crm, 'incomingCall');
    await crm.phone.reject();
    const active = await called(crm, 'callRejected');
    await customer.log.next('OnOutgoingCallCancelled').catch(() => customer.log.next('OnOutgoingCallHangup'));
    const before = crm.win.wrapperCalls.length;
    await customer.phone.dial('1001');
    const second = await called(crm, 'incomingCall', before);
    await customer.phone.hangUp();
    const passive = await called(crm, 'callRejected', before);

    expect(active).to.deep.equal({ partnerId: PARTNER, conversationId: first.conversationId, reason: 'active' });
    expect(passive).to.deep.equal({ partnerId: PARTNER, conversationId: second.conversationId, reason: 'passive' });
    expect(second.conversationId).to.not.equal(first.conversationId);
    expect(crm.calls('callEnded')).to.deep.equal([]);
  });

  it('places a real call on start_call (no outboundCallInitiated for it); an agent\'s own call gets outboundCallInitiated', async () => {
    const crm = await ccaasHost('1001');
    const customer = await mountPhone('2001');

    // Act: the CRM asks the softphone to call.
    await crm.win.crmSoftphone.startCall('2001');
    const ringing = await customer.log.next('OnIncomingCallRinging');
    await customer.phone.answer();
    await waitForAudio(crm.phone);
    await waitForAudio(customer.phone);
    await crm.phone.hangUp();
    await customer.log.next('OnIncomingCallHangup');

    // Assert: the far end rings from the agent, with the start_call fields as X- headers.
    expect(ringing.data.call.remoteNumber).to.equal('1001');
    expect(ringing.data.call.variables).to.include({ partnerId: PARTNER, dialFrom: '+18449401117', participantType: 'Traveler/Supplier/Agent' });
    expect(crm.calls('outboundCallInitiated')).to.deep.equal([]);

    // Act: the agent dials on their own (the phone's dial pad or the host's dial).
    const from = crm.win.wrapperCalls.length;
    await crm.phone.dial('2001');
    const initiated = await called(crm, 'outboundCallInitiated', from);
    await customer.log.next('OnIncomingCallRinging', customer.log.events.indexOf(ringing) + 1);
    await crm.phone.hangUp();

    expect(initiated).to.have.keys(['partnerId', 'conversationId', 'dialledTo']);
    expect(initiated).to.include({ partnerId: PARTNER, dialledTo: '2001' });
  });

  it('answers get_presence with statusChanged, and update_presence changes the agent state', async () => {
    const crm = await ccaasHost('1001');

    // Act + Assert: presence asked → the current state's softphoneId.
    await crm.win.crmSoftphone.getPresence();
    expect(await called(crm, 'statusChanged')).to.deep.equal({ softphoneId: READY });

    // Act: the CRM sets the agent not ready (lunch), then do-not-disturb, then ready.
    let from = crm.win.wrapperCalls.length;
    await crm.win.crmSoftphone.updatePresence(LUNCH);
    const lunch = await untilAsked('not_ready', async () => {
      const { agent } = await crm.phone.queryStatus();
      return agent?.agentState === 'not_ready' ? agent : null;
    });
    expect(await called(crm, 'statusChanged', from)).to.deep.equal({ softphoneId: LUNCH });
    expect(lunch).to.include({ notReadyReason: 'lunch' });

    from = crm.win.wrapperCalls.length;
    await crm.win.crmSoftphone.updatePresence(DND);
    expect(await called(crm, 'statusChanged', from)).to.deep.equal({ softphoneId: DND });
    expect((await crm.phone.queryStatus()).agent?.agentState).to.equal('dnd');

    // The agent changes state in the phone: the wrapper is told.
    from = crm.win.wrapperCalls.length;
    await crm.phone.setAgentState('ready');
    expect(await called(crm, 'statusChanged', from)).to.deep.equal({ softphoneId: READY });

    // An id the phone has no state for, and after-call work (the phone's own), are refused with a code.
    await crm.win.crmSoftphone.updatePresence('no-such-status');
    await crm.win.crmSoftphone.updatePresence(WRAP_UP);
    const refused = crm.win.wrapperEvents.filter((e) => e.type === 'ringside-wrapper-error');
    expect(refused.map((e) => [e.code, e.fn])).to.deep.equal([
      ['wrapper_bad_callback', 'update_presence'],
      ['wrapper_bad_callback', 'update_presence'],
    ]);
    expect((await crm.phone.queryStatus()).agent?.agentState).to.equal('ready');
  });

  it('keeps the phone working when the wrapper throws or calls back with nonsense, and reports each with a code', async () => {
    const crm = await ccaasHost('1001', '&throw=incomingCall&throw=callAccepted');
    const customer = await mountPhone('2001');

    await crm.win.crmSoftphone.send('launch_rockets', {});
    await crm.win.crmSoftphone.send('start_call', { dialFrom: '+1' });
    await crm.win.crmSoftphone.send('disposition', 'not json');
    await customer.phone.dial('1001');
    await called(crm, 'incomingCall');
    await crm.phone.answer();
    await called(crm, 'callAccepted');
    await waitForAudio(crm.phone);

    const errors = crm.win.wrapperEvents.filter((e) => e.type === 'ringside-wrapper-error').map((e) => [e.code, e.fn]);
    expect(errors).to.deep.equal([
      ['wrapper_bad_callback', 'launch_rockets'],
      ['wrapper_bad_callback', 'start_call'],
      ['wrapper_bad_callback', 'disposition'],
      ['wrapper_threw', 'incomingCall'],
      ['wrapper_threw', 'callAccepted'],
    ]);
    await crm.phone.hangUp();
  });

  it('refuses a wrapper URL that is not http(s), and reports one that does not load', async () => {
    const bad = await ccaasHost('1001', `&wrapper=${encodeURIComponent('javascript:alert(1)')}`);
    const missing = await ccaasHost('1002', `&wrapper=${encodeURIComponent('/test/fixtures/no-such-wrapper.js')}`);

    expect(bad.win.wrapperEvents.map((e) => e.code)).to.deep.equal(['wrapper_url_invalid']);
    expect(missing.win.wrapperEvents.map((e) => e.code)).to.deep.equal(['wrapper_load_failed']);
    expect((await bad.phone.queryStatus()).registration).to.equal('registered');
  });

  it('loads the tenant\'s wrapper (wrapperUrl, wrapperPresence) on a page that names none', async () => {
    await setTenant({ wrapperUrl: 'http://localhost:8000/test/fixtures/ccaas-wrapper.js', wrapperPresence: { 'tenant-ready': 'ready' } });
    const crm = await ccaasHost('1001', '&tenant');

    await crm.win.crmSoftphone.getPresence();

    expect(crm.win.wrapperEvents[0]).to.include({ type: 'ringside-wrapper-loaded' });
    expect(await called(crm, 'statusChanged')).to.deep.equal({ softphoneId: 'tenant-ready' });
  });
});
