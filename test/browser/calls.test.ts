import { expect } from '@open-wc/testing';
import { RingsideIncomingCallRingingEvent, type RingsideEvent } from '../../src/index.js';
import { mountPhone, unmountAll, waitForAudio } from '../support/phone.js';

describe('real calls through the dev PBX', () => {
  afterEach(() => unmountAll());

  it('rings the agent, the host answers, audio flows both ways, the caller hangs up', async () => {
    // Arrange: agent 1001 and a caller 2001, each a real widget in a cross-origin iframe.
    const agent = await mountPhone('1001');
    const caller = await mountPhone('2001');
    let domRinging: RingsideEvent<'OnIncomingCallRinging'> | null = null;
    agent.phone.addEventListener('ringside-incoming-call-ringing', (event) => (domRinging = event));

    // Act: the caller dials; the host answers with the `answer` action.
    await caller.phone.dial('1001');
    const ringing = await agent.log.next('OnIncomingCallRinging');
    const answered = await agent.phone.answer();

    // Assert: caller id on the ringing event, answered on both sides, audio both ways.
    expect(domRinging!.type).to.equal('ringside-incoming-call-ringing');
    expect(domRinging).to.be.instanceOf(RingsideIncomingCallRingingEvent);
    expect(domRinging!.data).to.deep.equal(ringing.data);
    expect(ringing.data.call.remoteNumber).to.equal('2001');
    expect(ringing.data.call.remoteName).to.equal('Customer Phone');
    expect(ringing.data.activeCallProperties.callerId).to.equal('2001');
    expect(ringing.data.activeCallProperties.DIRECTION).to.equal('INBOUND');
    expect(answered.call.callId).to.equal(ringing.data.call.callId);
    await agent.log.next('OnIncomingCallAnswered');
    await caller.log.next('OnOutgoingCallAnswered');
    const agentAudio = await waitForAudio(agent.phone);
    const callerAudio = await waitForAudio(caller.phone);
    expect(agentAudio.bytesReceived).to.be.greaterThan(0);
    expect(callerAudio.bytesReceived).to.be.greaterThan(0);

    // Act: the caller hangs up. Assert: the host hears it, with the call ended remotely.
    await caller.phone.hangUp();
    const hangup = await agent.log.next('OnIncomingCallHangup');
    expect(hangup.data.call.state).to.equal('ended');
    expect(hangup.data.call.endReason).to.equal('remote_hangup');
    expect((await agent.phone.queryStatus()).calls).to.have.length(0);
  });

  it('places a call with `dial`, the callee answers, audio flows, the agent hangs up', async () => {
    const agent = await mountPhone('1001');
    const customer = await mountPhone('2001');

    const { call } = await agent.phone.dial('2001');
    expect(call.direction).to.equal('outbound');
    await agent.log.next('OnOutgoingCallInitialized');
    const ringing = await customer.log.next('OnIncomingCallRinging');
    expect(ringing.data.call.remoteNumber).to.equal('1001');
    await agent.log.next('OnOutgoingCallRinging');
    await customer.phone.answer();
    const answered = await agent.log.next('OnOutgoingCallAnswered');
    expect(answered.data.call.remoteNumber).to.equal('2001');
    await waitForAudio(agent.phone);
    await waitForAudio(customer.phone);

    await agent.phone.hangUp();
    const hangup = await agent.log.next('OnOutgoingCallHangup');
    expect(hangup.data.call.endReason).to.equal('local_hangup');
    await customer.log.next('OnIncomingCallHangup');
  });

  it('tells the host when the caller gives up before an answer', async () => {
    const agent = await mountPhone('1001');
    const caller = await mountPhone('2001');

    await caller.phone.dial('1001');
    await agent.log.next('OnIncomingCallRinging');
    await caller.phone.hangUp();

    const missed = await agent.log.next('OnAgentRingNoAnswer');
    expect(missed.data.call.endReason).to.equal('missed');
    await caller.log.next('OnOutgoingCallCancelled');
    expect((await agent.phone.queryStatus()).calls).to.have.length(0);
  });

  it('mutes and unmutes the current call with events', async () => {
    const agent = await mountPhone('1001');
    const caller = await mountPhone('2001');
    await caller.phone.dial('1001');
    await agent.log.next('OnIncomingCallRinging');
    await agent.phone.answer();
    await agent.log.next('OnIncomingCallAnswered');

    const muted = await agent.phone.mute();
    expect(muted.call.muted).to.equal(true);
    await agent.log.next('OnMute');
    await agent.phone.unmute();
    await agent.log.next('OnUnmute');
    await agent.phone.hangUp();
  });

  it('reports an offline or unknown number as a cancelled outbound call', async () => {
    const agent = await mountPhone('1001');

    await agent.phone.dial('1003'); // a known user who is not registered
    const offline = await agent.log.next('OnOutgoingCallCancelled');
    expect(offline.data.call.endReason).to.equal('unavailable');

    const before = agent.log.events.length;
    await agent.phone.dial('9999'); // nobody
    const unknown = await agent.log.next('OnOutgoingCallCancelled', before);
    expect(unknown.data.call.endReason).to.equal('not_found');
  });
});
