import { expect } from '@open-wc/testing';
import type { RingsideActionError, RingsidePhone } from '../../src/index.js';
import { mountPhone, unmountAll, waitForAudio, waitForRegistration, type MountedPhone } from '../support/phone.js';

async function inCall(): Promise<{ agent: MountedPhone; customer: MountedPhone }> {
  const agent = await mountPhone('1001');
  const customer = await mountPhone('2001');
  await agent.phone.dial('2001');
  await customer.log.next('OnIncomingCallRinging');
  await customer.phone.answer();
  await agent.log.next('OnOutgoingCallAnswered');
  await waitForAudio(agent.phone);
  return { agent, customer };
}

async function bytesIn(phone: RingsidePhone): Promise<number> {
  return (await phone.getCallStats()).calls[0]!.bytesReceived;
}

/** Resolves once inbound audio has stopped (two reads 300 ms apart agree), or fails. */
async function audioStops(phone: RingsidePhone, timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  let last = await bytesIn(phone);
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 300));
    const now = await bytesIn(phone);
    if (now === last) return;
    if (Date.now() - started > timeoutMs) throw new Error('inbound audio never stopped');
    last = now;
  }
}

async function audioFlows(phone: RingsidePhone, timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  const first = await bytesIn(phone);
  while ((await bytesIn(phone)) === first) {
    if (Date.now() - started > timeoutMs) throw new Error('inbound audio never resumed');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Customer 2001 calls agent 1001, who answers (audio flowing); colleague 1002 is logged in. */
async function customerOnTheLine(): Promise<{ agent: MountedPhone; colleague: MountedPhone; customer: MountedPhone }> {
  const agent = await mountPhone('1001');
  const colleague = await mountPhone('1002');
  const customer = await mountPhone('2001');
  await customer.phone.dial('1001');
  await agent.log.next('OnIncomingCallRinging');
  await agent.phone.answer();
  await waitForAudio(agent.phone);
  return { agent, colleague, customer };
}

const codeOf = (promise: Promise<unknown>) => promise.then(() => 'ok', (error: RingsideActionError) => error.code);

describe('agent actions', () => {
  afterEach(() => unmountAll());

  it('holds and resumes a call: the held side stops hearing, then hears again', async () => {
    const { agent, customer } = await inCall();

    const held = await agent.phone.hold();
    await agent.log.next('OnHold');
    await audioStops(agent.phone);
    expect(held.call.held).to.equal(true);
    expect(await codeOf(agent.phone.hold())).to.equal('not_allowed_now');

    await agent.phone.unhold();
    await agent.log.next('OnUnhold');
    await audioFlows(agent.phone);
    await customer.phone.hangUp();
  });

  it('sends DTMF in a call, and refuses tones that are not DTMF', async () => {
    const { agent, customer } = await inCall();

    expect(await codeOf(agent.phone.sendDTMF('123#'))).to.equal('ok');
    expect(await codeOf(agent.phone.sendDTMF('12x'))).to.equal('invalid_data');
    await customer.phone.hangUp();
    await agent.log.next('OnOutgoingCallHangup');
    expect(await codeOf(agent.phone.sendDTMF('1'))).to.equal('not_allowed_now');
  });

  it('sends the CTI data it was given as X- headers on the next call', async () => {
    const agent = await mountPhone('1001');
    const customer = await mountPhone('2001');

    await agent.phone.setCtiData({ variables: { CONTID: 'a219063a', Campaign: 'Spring-2026' } });
    expect((await agent.phone.getCtiData()).ctiData).to.deep.equal({ variables: { CONTID: 'a219063a', Campaign: 'Spring-2026' } });
    await agent.phone.dial('2001');
    const ringing = await customer.log.next('OnIncomingCallRinging');
    await agent.phone.hangUp();
    await agent.phone.removeCtiData();

    expect(ringing.data.call.variables).to.deep.equal({ CONTID: 'a219063a', Campaign: 'Spring-2026' });
    expect((await agent.phone.getCtiData()).ctiData).to.equal(null);
  });

  it('reports ready and not ready with a reason, in events and in status', async () => {
    const { phone, log } = await mountPhone('1001');

    await phone.notReady('BREAK');
    const notReady = await log.next('OnNotready');
    const away = (await phone.queryStatus()).agent!;
    await phone.ready();
    await log.next('OnReady');
    const back = (await phone.queryStatus()).agent!;

    expect(notReady.data.reason).to.equal('BREAK');
    expect([away.ready, away.notReadyReason]).to.deep.equal([false, 'BREAK']);
    expect(back.ready).to.equal(true);
    expect(await codeOf(phone.notReady('no;semicolons'))).to.equal('invalid_data');
  });

  it('refuses the camera actions with no call to turn video on or off in (video on calls: video.test.ts)', async () => {
    const { phone } = await mountPhone('1001');

    for (const name of ['turnOnCamera', 'turnOfCamera', 'turnOffCamera', 'toggleCamera'] as const) {
      expect(await codeOf(phone.sendAction(name))).to.equal('not_allowed_now');
    }
  });

  it('logs out: unregistered, logged-out events, and calls refused afterwards', async () => {
    const { phone, log } = await mountPhone('1001');

    await phone.logout();
    await log.next('OnLogout');
    await waitForRegistration(log, 'logged_out');

    expect((await phone.queryStatus()).registration).to.equal('logged_out');
    expect(await codeOf(phone.dial('2001'))).to.equal('not_logged_in');
    const registered = await (await fetch('/test-only/register-attempts?user=1001')).json();
    expect(registered.attempts).to.be.greaterThan(0);
  });
});

describe('blind transfer', () => {
  afterEach(() => unmountAll());

  it('hands the customer to a colleague: the colleague rings with the customer, they talk, the agent is out', async () => {
    const { agent, colleague, customer } = await customerOnTheLine();

    // Act
    await agent.phone.blindTransfer('1002');
    const initialized = await agent.log.next('OnBlindTransferInitialized');
    const completed = await agent.log.next('OnBlindTransferCompleted');
    const agentLeg = await agent.log.next('OnIncomingCallHangup');
    const ringing = await colleague.log.next('OnIncomingCallRinging');
    await colleague.phone.answer();
    await colleague.log.next('OnIncomingCallAnswered');

    // Assert
    expect([initialized.data.target, completed.data.target]).to.deep.equal(['1002', '1002']);
    expect(agentLeg.data.call.endReason).to.equal('transferred');
    expect(ringing.data.call.remoteNumber).to.equal('2001');
    await waitForAudio(colleague.phone);
    expect((await agent.phone.queryStatus()).calls).to.deep.equal([]);
    await colleague.phone.hangUp();
    await customer.log.next('OnOutgoingCallHangup');
  });

  it('refuses a transfer without a call, or to a target that is not dialable', async () => {
    const { phone } = await mountPhone('1001');

    expect(await codeOf(phone.blindTransfer('1002'))).to.equal('not_allowed_now');
    expect(await codeOf(phone.blindTransfer('<sip:evil@example.com>'))).to.equal('invalid_data');
  });
});

describe('attended transfer', () => {
  afterEach(() => unmountAll());

  it('consults a colleague while the customer holds, then hands the customer over', async () => {
    const { agent, colleague, customer } = await customerOnTheLine();

    // Act: consult
    const { call: consult } = await agent.phone.attendedTransfer('1002');
    await agent.log.next('OnAttendedTransferInitialized');
    await agent.log.next('OnHold');
    expect(await codeOf(agent.phone.completeAttendedTransfer())).to.equal('not_allowed_now'); // not answered yet
    const consultRinging = await colleague.log.next('OnIncomingCallRinging');
    await colleague.phone.answer();
    await agent.log.next('OnAttendedTransferConnected');
    const talking = colleague.log.events.length;

    // Act: complete
    await agent.phone.completeAttendedTransfer();
    const completed = await agent.log.next('OnAttendedTransferCompleted');
    const takenOver = await colleague.log.next('OnIncomingCallRinging', talking);
    const consultEnded = await colleague.log.next('OnIncomingCallHangup', talking);
    await colleague.log.next('OnIncomingCallAnswered', talking);

    // Assert: the colleague now talks to the customer; the agent has no calls left.
    expect(consult.remoteNumber).to.equal('1002');
    expect(consultRinging.data.call.remoteNumber).to.equal('1001');
    expect(completed.data.target).to.equal('1002');
    expect(takenOver.data.call.remoteNumber).to.equal('2001');
    expect(consultEnded.data.call.endReason).to.equal('transferred');
    await waitForAudio(colleague.phone);
    const started = Date.now();
    while ((await agent.phone.queryStatus()).calls.length && Date.now() - started < 5000) await new Promise((r) => setTimeout(r, 50));
    expect((await agent.phone.queryStatus()).calls).to.deep.equal([]);
    const beforeHangUp = customer.log.events.length;
    await colleague.phone.hangUp();
    // The customer's phone followed the REFER with a new call to the colleague: that one ends now.
    const ended = await customer.log.next('OnOutgoingCallHangup', beforeHangUp);
    expect(ended.data.call.state).to.equal('ended');
  });

  it('cancels the consultation: the colleague is hung up and the customer is taken off hold', async () => {
    const { agent, colleague } = await customerOnTheLine();

    await agent.phone.attendedTransfer('1002');
    await colleague.log.next('OnIncomingCallRinging');
    await colleague.phone.answer();
    await agent.log.next('OnAttendedTransferConnected');
    const { call } = await agent.phone.cancelAttendedTransfer();

    await agent.log.next('OnAttendedTransferCancelled');
    await colleague.log.next('OnIncomingCallHangup');
    expect(call.held).to.equal(false);
    expect(call.remoteNumber).to.equal('2001');
    expect(await codeOf(agent.phone.cancelAttendedTransfer())).to.equal('not_allowed_now');
    await agent.phone.hangUp();
  });
});

describe('changeActiveLine', () => {
  afterEach(() => unmountAll());

  it('switches between the caller and the consulted colleague, with Tegsoft switch events', async () => {
    const { agent, colleague } = await customerOnTheLine();
    const [primary] = (await agent.phone.queryStatus()).calls;
    expect(await codeOf(agent.phone.changeActiveLine())).to.equal('not_allowed_now'); // one line only
    await agent.phone.attendedTransfer('1002');
    await colleague.log.next('OnIncomingCallRinging');
    await colleague.phone.answer();
    await agent.log.next('OnAttendedTransferConnected');

    const back = await agent.phone.changeActiveLine();
    await agent.log.next('OnAttendedTransferSwitchToPrimarySession');
    const statusOnPrimary = (await agent.phone.queryStatus()).calls;
    const again = await agent.phone.changeActiveLine();
    await agent.log.next('OnAttendedTransferSwitchToSecondarySession');

    expect(back.call.callId).to.equal(primary!.callId);
    expect(statusOnPrimary.map((c) => [c.remoteNumber, c.held])).to.deep.equal([['2001', false], ['1002', true]]);
    expect(again.call.remoteNumber).to.equal('1002');
    await agent.phone.cancelAttendedTransfer();
    await agent.log.next('OnAttendedTransferCancelled');
    await agent.phone.hangUp();
  });
});
