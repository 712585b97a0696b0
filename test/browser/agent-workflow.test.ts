import { expect, waitUntil } from '@open-wc/testing';
import type { RingsideActionError } from '../../src/index.js';
import { mountPhone, mountSameOriginPhone, unmountAll, waitForAudio, type MountedPhone, type SameOriginPhone } from '../support/phone.js';

/**
 * The contact-center workflow on real calls through the dev PBX: after an answered call the
 * phone enters after-call work, the host (or the agent in the phone's panel) submits a
 * disposition and notes, the events carry them, and the agent is ready again; while in
 * after-call work or do-not-disturb a new call is refused 486 and the caller hears busy; the
 * Tegsoft status counts the call.
 */
const codeOf = (promise: Promise<unknown>) => promise.then(() => 'ok', (error: RingsideActionError) => error.code);

async function settings(patch: Record<string, unknown>): Promise<void> {
  await fetch(`/test-only/tenant-settings?set=${encodeURIComponent(JSON.stringify(patch))}`);
}

const defaults = { afterCallWork: { enabled: true, maxSeconds: 120, requireDisposition: false }, notReadyDirectCalls: true, notReadyRejectStatus: 486 };

/** The customer calls the agent, the agent answers, audio flows. */
async function answeredCall(agent: MountedPhone, customer: MountedPhone): Promise<string> {
  const seen = agent.log.events.length;
  await customer.phone.dial('1001');
  const ringing = await agent.log.next('OnIncomingCallRinging', seen);
  await agent.phone.answer();
  await waitForAudio(agent.phone);
  return ringing.data.call.callId;
}

/** The customer calls again and is refused busy; the agent's phone never rings. */
async function refusedBusy(agent: MountedPhone, customer: MountedPhone): Promise<void> {
  const seenAgent = agent.log.events.length;
  const seen = customer.log.events.length;
  await customer.phone.dial('1001');
  const refused = await customer.log.next('OnOutgoingCallCancelled', seen);
  expect(refused.data.call.endReason).to.equal('busy');
  expect(agent.log.names().slice(seenAgent)).not.to.include('OnIncomingCallRinging');
}

describe('agent workflow on real calls', () => {
  afterEach(async () => {
    unmountAll();
    await settings(defaults);
  });

  it('after an answered call: wrap-up, refusal 486 while in it, the host submits disposition and notes, ready again, the call counted', async () => {
    // Direct calls are refused too while the agent is not ready, so the caller's refusal is the agent's state.
    await settings({ afterCallWork: { enabled: true, maxSeconds: 120, requireDisposition: true }, notReadyDirectCalls: false, notReadyRejectStatus: 486 });
    const agent = await mountPhone('1001');
    const customer = await mountPhone('2001');
    const callId = await answeredCall(agent, customer);
    await agent.phone.setCallNotes('asked about the invoice');
    expect((await agent.log.next('OnCallNotesSubmitted')).data).to.deep.equal({ callId, notes: 'asked about the invoice' });
    await new Promise((resolve) => setTimeout(resolve, 1100)); // at least a second of talk

    await customer.phone.hangUp();
    const hangup = await agent.log.next('OnIncomingCallHangup');
    const started = await agent.log.next('OnAfterCallWorkStarted');
    expect(agent.log.events.indexOf(hangup)).to.be.lessThan(agent.log.events.indexOf(started));
    expect(started.data.afterCallWork).to.deep.include({ callId, notes: 'asked about the invoice', disposition: '', requireDisposition: true });
    expect(started.data.afterCallWork.deadline - started.data.afterCallWork.startedAt).to.equal(120_000);
    expect(started.data.afterCallWork.codes.map((c) => c.code)).to.deep.equal(['resolved', 'callback']);
    const inAcw = (await agent.phone.queryStatus()).agent!;
    expect([inAcw.agentState, inAcw.ready, inAcw.notReadyReason]).to.deep.equal(['after_call_work', false, 'ACW']);

    await refusedBusy(agent, customer);

    expect(await codeOf(agent.phone.submitAfterCallWork({ notes: 'no disposition' }))).to.equal('disposition_required');
    expect(await codeOf(agent.phone.submitAfterCallWork({ disposition: 'sale' }))).to.equal('unknown_disposition');
    expect((await agent.phone.getAfterCallWork()).afterCallWork).to.deep.include({ callId, notes: 'asked about the invoice' });

    const seen = agent.log.events.length;
    const { afterCallWork } = await agent.phone.submitAfterCallWork({ disposition: 'resolved', notes: 'invoice resent' });
    expect(afterCallWork).to.deep.include({ callId, disposition: 'resolved', notes: 'invoice resent' });
    expect((await agent.log.next('OnAfterCallWorkEnded', seen)).data).to.deep.equal({ callId, disposition: 'resolved', notes: 'invoice resent', endedBy: 'host' });
    expect((await agent.log.next('OnCallNotesSubmitted', seen)).data).to.deep.equal({ callId, notes: 'invoice resent' });
    expect((await agent.log.next('OnAgentStateChanged', seen)).data.state).to.equal('ready');
    expect((await agent.phone.getAfterCallWork()).afterCallWork).to.equal(null);

    const status = (await agent.phone.queryStatus()).agent!;
    expect(status).to.deep.include({ agentState: 'ready', ready: true, INBOUND: 1, OUTBOUND: 0, TOTALCALLCOUNT: 1, ANSWERED: 1, EXTEN: '1001', INTERFACE: 'SIP/1001' });
    expect(status.TALKDURATION).to.be.greaterThan(0);
    expect(status.AVGTALK).to.equal(status.TALKDURATION);
    expect(status.busy).to.be.at.least(status.TALKDURATION);
    // Every field of the Tegsoft document's status sample is there (notReadyReason only while not ready).
    const sample = ['ready', 'busy', 'lastStateChange', 'lastStateChangeDuration', 'phoneAccess', 'popup_mode', 'dialoutpopup', 'EXTEN', 'INTERFACE', 'REMOTEINTERFACE', 'EXTID', 'PHONETYPE', 'seatType', 'UID', 'USERCODE', 'USERNAME', 'SURNAME', 'DISPLAYNAME', 'PHOTOURL', 'isActivityMandatory', 'isActivityMandatoryAfterAnswer', 'autoAnswerActive', 'STATEDURATION', 'LOGINDURATION', 'NOTREADYDURATION', 'TOTALLOGINDURATION', 'TOTALNOTREADYDURATION', 'TALKDURATION', 'INBOUND', 'OUTBOUND', 'TOTALCALLCOUNT', 'ANSWERED', 'AVGTALK', 'WEBCHAT', 'CAMPAIGN'];
    expect(sample.filter((field) => !(field in status))).to.deep.equal([]);
    expect(status).to.deep.include({ isActivityMandatory: true, PHONETYPE: 'WebRTCPhone', EXTID: '1001', UID: '1001' });
    expect(status.REMOTEINTERFACE).to.match(/^SIP\/[a-z0-9.-]+\/1001$/);
    expect(status.LOGINDURATION).to.be.at.least(status.STATEDURATION);
    expect(status.TOTALLOGINDURATION).to.be.at.least(status.LOGINDURATION);

    // Ready again: the next call rings.
    const seenCustomer = customer.log.events.length;
    await customer.phone.dial('1001');
    await agent.log.next('OnIncomingCallRinging', seen);
    await customer.log.next('OnOutgoingCallRinging', seenCustomer);
  });

  it('do not disturb refuses a new call with 486, and the call rings again once ready', async () => {
    await settings({ notReadyDirectCalls: false, notReadyRejectStatus: 486 });
    const agent = await mountPhone('1001');
    const customer = await mountPhone('2001');

    const { agentState } = await agent.phone.setAgentState('dnd');
    expect(agentState.state).to.equal('dnd');
    expect((await agent.log.next('OnAgentStateChanged')).data.state).to.equal('dnd');
    await refusedBusy(agent, customer);

    await agent.phone.setAgentState('ready');
    const seen = agent.log.events.length;
    await customer.phone.dial('1001');
    await agent.log.next('OnIncomingCallRinging', seen);
  });

  it('the agent wraps up in the phone: the panel shows the notes, the agent picks a disposition, writes, and finishes', async () => {
    const agent: SameOriginPhone = await mountSameOriginPhone('1001');
    const customer = await mountPhone('2001');
    const callId = await answeredCall(agent, customer);
    await agent.phone.setCallNotes('typed during the call');
    await customer.phone.hangUp();
    await agent.log.next('OnAfterCallWorkStarted');

    const panel = () => agent.widget().document.querySelector('rs-app')?.shadowRoot?.querySelector('rs-after-call')?.shadowRoot ?? null;
    await waitUntil(() => panel()?.querySelector('textarea'), 'the wrap-up panel never showed');
    const root = panel()!;
    const notes = root.querySelector('textarea')!;
    expect(notes.value).to.equal('typed during the call');
    expect(root.querySelector('[role="timer"]')?.textContent).to.match(/^[12]:\d\d$/);

    const disposition = root.querySelector<HTMLSelectElement>('#disposition')!;
    disposition.value = 'callback';
    disposition.dispatchEvent(new Event('change'));
    notes.value = 'typed during the call; call back on Monday';
    notes.dispatchEvent(new Event('input'));
    const seen = agent.log.events.length;
    root.querySelector<HTMLButtonElement>('.actions button')!.click();

    expect((await agent.log.next('OnAfterCallWorkEnded', seen)).data).to.deep.equal({ callId, disposition: 'callback', notes: 'typed during the call; call back on Monday', endedBy: 'agent' });
    await waitUntil(() => !panel()?.querySelector('section'), 'the panel stayed after Done');
    const state = agent.widget().document.querySelector('rs-app')?.shadowRoot?.querySelector('rs-agent-state')?.shadowRoot?.querySelector('.state');
    expect(state?.getAttribute('data-state')).to.equal('ready');
  });

  it('keeps the wrap-up across a reload of the phone page within the login', async () => {
    const agent: SameOriginPhone = await mountSameOriginPhone('1001');
    const customer = await mountPhone('2001');
    const callId = await answeredCall(agent, customer);
    await customer.phone.hangUp();
    const started = await agent.log.next('OnAfterCallWorkStarted');
    await agent.phone.setCallNotes('before the reload');

    const seen = agent.log.events.length;
    agent.widget().location.reload();
    await agent.log.next('OnLogin', seen);

    const { afterCallWork } = await agent.phone.getAfterCallWork();
    expect(afterCallWork).to.deep.include({ callId, notes: 'before the reload', startedAt: started.data.afterCallWork.startedAt, deadline: started.data.afterCallWork.deadline });
    expect((await agent.phone.queryStatus()).agent?.agentState).to.equal('after_call_work');
  });
});
