import { expect } from '@open-wc/testing';
import type { RingsideActionError } from '../../src/index.js';
import { hears, hearsSilence, receives } from '../support/audio.js';
import { mountPhone, unmountAll, waitForAudio, type MountedPhone } from '../support/phone.js';

/**
 * Three-way calls mixed in the agent's browser, on real calls through the dev PBX. Whether a
 * party hears another is read from received audio energy: with the agent's microphone muted,
 * anything a customer hears can only come from the other customer through the mix.
 */
const codeOf = (promise: Promise<unknown>) => promise.then(() => 'ok', (error: RingsideActionError) => error.code);

async function agentWithTwoCustomers(): Promise<{ agent: MountedPhone; first: MountedPhone; second: MountedPhone; firstCall: string; secondCall: string }> {
  const agent = await mountPhone('1001');
  const first = await mountPhone('2001');
  const second = await mountPhone('2002');
  await first.phone.dial('1001');
  const firstCall = (await agent.log.next('OnIncomingCallRinging')).data.call.callId;
  await agent.phone.answer(firstCall);
  await waitForAudio(agent.phone);
  const seen = agent.log.events.length;
  await second.phone.dial('1001');
  const secondCall = (await agent.log.next('OnIncomingCallRinging', seen)).data.call.callId;
  await agent.phone.answer(secondCall);
  await agent.log.next('OnIncomingCallAnswered', seen);
  return { agent, first, second, firstCall, secondCall };
}

describe('conference', () => {
  afterEach(() => unmountAll());

  it('mixes three parties; with the agent muted the customers still hear each other', async () => {
    const { agent, first, second, firstCall, secondCall } = await agentWithTwoCustomers();
    await hearsSilence(first.phone);

    const merged = await agent.phone.sendAction('conference');
    expect(merged.calls.map((c) => [c.callId, c.conference, c.held]).sort()).to.deep.equal([
      [firstCall, true, false],
      [secondCall, true, false],
    ].sort());
    await agent.log.next('OnConferenceStarted');
    await hears(first.phone);
    await hears(second.phone);
    await receives(agent.phone, firstCall);
    await receives(agent.phone, secondCall);

    await agent.phone.mute(firstCall);
    const status = await agent.phone.queryStatus();
    expect(status.calls.every((c) => c.muted)).to.equal(true);
    // The agent is silent now: what each customer hears is the other customer.
    await hears(first.phone);
    await hears(second.phone);
  });

  it('drops one party: the conference ends and the other call goes on as a plain call', async () => {
    const { agent, first, second, firstCall, secondCall } = await agentWithTwoCustomers();
    await agent.phone.sendAction('conference');
    await agent.log.next('OnConferenceStarted');

    await agent.phone.hangUp(secondCall);
    const ended = await agent.log.next('OnConferenceEnded');
    expect(ended.data.calls.map((c) => c.callId)).to.deep.equal([firstCall]);
    await second.log.next('OnIncomingCallHangup').catch(() => second.log.next('OnOutgoingCallHangup'));
    const status = await agent.phone.queryStatus();
    expect(status.calls.map((c) => [c.callId, c.conference, c.held])).to.deep.equal([[firstCall, false, false]]);
    await hears(first.phone);
    await hears(agent.phone, firstCall);
  });

  it('leaves the two customers talking to each other and the agent is out', async () => {
    // The first customer's phone follows the agent's REFER: allow internal numbers (read at login).
    await fetch('/test-only/refer-policy?policy=internal');
    const { agent, first, second } = await agentWithTwoCustomers();
    await agent.phone.sendAction('conference');
    await agent.log.next('OnConferenceStarted');

    const left = await agent.phone.sendAction('leaveConference');
    expect(left.calls.every((c) => c.endReason === undefined || c.endReason === 'transferred')).to.equal(true);
    for (const started = Date.now(); (await agent.phone.queryStatus()).calls.length > 0; ) {
      if (Date.now() - started > 15000) throw new Error('the agent still has calls');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await hears(first.phone);
    await hears(second.phone);
  });

  it('refuses a conference with one line', async () => {
    const agent = await mountPhone('1001');
    const first = await mountPhone('2001');
    await first.phone.dial('1001');
    await agent.log.next('OnIncomingCallRinging');
    await agent.phone.answer();
    await agent.log.next('OnIncomingCallAnswered');
    expect(await codeOf(agent.phone.sendAction('conference'))).to.equal('not_allowed_now');
  });
});
