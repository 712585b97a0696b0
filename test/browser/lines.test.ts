import { expect } from '@open-wc/testing';
import type { RingsideActionError } from '../../src/index.js';
import { hears, hearsSilence } from '../support/audio.js';
import { mountPhone, unmountAll, waitForAudio, type MountedPhone } from '../support/phone.js';

/**
 * The agent's lines on real calls through the dev PBX: call waiting, answering a second call
 * (which holds the first), switching lines, and consultations that end on their own. What a
 * party hears is read from received audio energy, not from SIP states.
 */
const codeOf = (promise: Promise<unknown>) => promise.then(() => 'ok', (error: RingsideActionError) => error.code);

/** Agent 1001 talking to customer 2001; customer 2002 logged in. */
async function agentWithCustomer(): Promise<{ agent: MountedPhone; first: MountedPhone; second: MountedPhone; firstCall: string }> {
  const agent = await mountPhone('1001');
  const first = await mountPhone('2001');
  const second = await mountPhone('2002');
  await first.phone.dial('1001');
  const ringing = await agent.log.next('OnIncomingCallRinging');
  await agent.phone.answer();
  await waitForAudio(agent.phone);
  return { agent, first, second, firstCall: ringing.data.call.callId };
}

describe('lines', () => {
  afterEach(() => unmountAll());

  it('rings a second call as waiting; answering it holds the first, who stops hearing the agent', async () => {
    const { agent, first, second, firstCall } = await agentWithCustomer();
    await hears(first.phone);

    const seen = agent.log.events.length;
    await second.phone.dial('1001');
    const waiting = await agent.log.next('OnIncomingCallRinging', seen);
    const secondCall = waiting.data.call.callId;
    const status = await agent.phone.queryStatus();
    expect(status.calls.map((c) => [c.callId, c.state, c.held])).to.deep.equal([
      [firstCall, 'active', false],
      [secondCall, 'ringing', false],
    ]);

    await agent.phone.answer(secondCall);
    await agent.log.next('OnHold', seen);
    await agent.log.next('OnIncomingCallAnswered', seen);
    const after = await agent.phone.queryStatus();
    expect(after.calls.map((c) => [c.callId, c.state, c.held])).to.deep.equal([
      [firstCall, 'active', true],
      [secondCall, 'active', false],
    ]);
    // Only the second customer hears the agent now; the agent hears only the second.
    await hears(second.phone);
    await hearsSilence(first.phone);
    await hearsSilence(agent.phone, firstCall);
    await hears(agent.phone, secondCall);
  });

  it('switches lines: resuming the held call holds the other, and audio follows', async () => {
    const { agent, first, second, firstCall } = await agentWithCustomer();
    const seen = agent.log.events.length;
    await second.phone.dial('1001');
    const secondCall = (await agent.log.next('OnIncomingCallRinging', seen)).data.call.callId;
    await agent.phone.answer(secondCall);
    await agent.log.next('OnIncomingCallAnswered', seen);

    await agent.phone.unhold(firstCall);
    const status = await agent.phone.queryStatus();
    expect(status.calls.map((c) => [c.callId, c.held])).to.deep.equal([
      [firstCall, false],
      [secondCall, true],
    ]);
    await hears(first.phone);
    await hearsSilence(second.phone);

    const switched = await agent.phone.sendAction('changeActiveLine');
    expect(switched.call.callId).to.equal(secondCall);
    await hears(second.phone);
    await hearsSilence(first.phone);
  });

  it('rejects the waiting call with 486 while the first call goes on', async () => {
    const { agent, first, second } = await agentWithCustomer();
    const seen = agent.log.events.length;
    await second.phone.dial('1001');
    const secondCall = (await agent.log.next('OnIncomingCallRinging', seen)).data.call.callId;
    await agent.phone.reject(secondCall);
    const cancelled = await second.log.next('OnOutgoingCallCancelled');
    expect(cancelled.data.call.endReason).to.equal('busy');
    expect((await agent.phone.queryStatus()).calls.map((c) => [c.state, c.held])).to.deep.equal([['active', false]]);
    await hears(first.phone);
  });

  it('a consultation whose target does not exist ends by itself and takes the caller off hold', async () => {
    const { agent, first } = await agentWithCustomer();
    const seen = agent.log.events.length;
    await agent.phone.sendAction('attendedTransfer', { extension: '1099' });
    const cancelled = await agent.log.next('OnAttendedTransferCancelled', seen);
    expect(cancelled.data.reason).to.equal('failed');
    await agent.log.next('OnUnhold', seen);
    expect((await agent.phone.queryStatus()).calls.map((c) => [c.state, c.held])).to.deep.equal([['active', false]]);
    await hears(first.phone);
    expect(await codeOf(agent.phone.sendAction('completeAttendedTransfer'))).to.equal('not_allowed_now');
  });

  it('a consulted party who hangs up ends the consultation and the caller is back on the line', async () => {
    const { agent, first } = await agentWithCustomer();
    const colleague = await mountPhone('1002');
    const seen = agent.log.events.length;
    await agent.phone.sendAction('attendedTransfer', { extension: '1002' });
    await colleague.log.next('OnIncomingCallRinging');
    await colleague.phone.answer();
    await agent.log.next('OnAttendedTransferConnected', seen);

    await colleague.phone.hangUp();
    const cancelled = await agent.log.next('OnAttendedTransferCancelled', seen);
    expect(cancelled.data.reason).to.equal('hung_up');
    await agent.log.next('OnUnhold', seen);
    await hears(first.phone);
  });
});
