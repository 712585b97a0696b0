import { expect, waitUntil } from '@open-wc/testing';
import type { RingsideActionError } from '../../src/index.js';
import { mountPhone, mountSameOriginPhone, unmountAll, waitForAudio } from '../support/phone.js';

/**
 * The phone's media edges on real calls: a microphone the browser will not open, the tenant's
 * ring timeout, and keypad tones as SIP INFO.
 */
const codeOf = (promise: Promise<unknown>) => promise.then(() => 'ok', (error: RingsideActionError) => error.code);

async function settings(patch: Record<string, unknown>): Promise<void> {
  await fetch(`/test-only/tenant-settings?set=${encodeURIComponent(JSON.stringify(patch))}`);
}

async function peer<T = Record<string, unknown>>(op: string, params: Record<string, string> = {}): Promise<T> {
  const body = (await (await fetch(`/test-only/sip-peer/${op}?${new URLSearchParams(params)}`)).json()) as T & { error?: string };
  if (body.error) throw new Error(`peer ${op}: ${body.error}`);
  return body;
}

describe('media edges', () => {
  afterEach(async () => {
    unmountAll();
    await settings({ ringTimeoutSeconds: 45, dtmfMode: 'rfc4733', notReadyDirectCalls: true, notReadyRejectStatus: 486 });
    await peer('close').catch(() => undefined);
  });

  it('a denied microphone: answer fails with media_unavailable, the call keeps ringing, the agent is told how to fix it', async () => {
    const agent = await mountSameOriginPhone('1001');
    const customer = await mountPhone('2001');
    const media = agent.widget().navigator.mediaDevices;
    const realGetUserMedia = media.getUserMedia.bind(media);
    media.getUserMedia = () => Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));

    await customer.phone.dial('1001');
    const ringing = await agent.log.next('OnIncomingCallRinging');
    expect(await codeOf(agent.phone.answer())).to.equal('media_unavailable');
    const event = await agent.log.next('OnMediaUnavailable');
    expect(event.data.callId).to.equal(ringing.data.call.callId);
    expect(event.data.error.message).to.match(/allow/i);
    expect((await agent.phone.queryStatus()).calls.map((c) => c.state)).to.deep.equal(['ringing']);
    const notice = () => agent.widget().document.querySelector('rs-app')?.shadowRoot?.querySelector('rs-notice')?.shadowRoot?.querySelector('.notice');
    await waitUntil(() => notice()?.getAttribute('data-code') === 'media_unavailable', 'the phone never showed the microphone problem');

    // Fixed (the agent allowed the microphone): the same call is answered and talks.
    media.getUserMedia = realGetUserMedia;
    await agent.phone.answer();
    await waitForAudio(agent.phone);
    await waitUntil(() => !notice(), 'the notice stayed after the call connected');
  });

  it('misses a call nobody answers within the tenant ring timeout; the caller hears 480', async () => {
    await settings({ ringTimeoutSeconds: 5 });
    const agent = await mountPhone('1001');
    const customer = await mountPhone('2001');
    await customer.phone.dial('1001');
    await agent.log.next('OnIncomingCallRinging');
    const missed = await agent.log.next('OnAgentRingNoAnswer', 0, 12000);
    expect(missed.data.call.endReason).to.equal('missed');
    const cancelled = await customer.log.next('OnOutgoingCallCancelled');
    expect(cancelled.data.call.endReason).to.equal('unavailable');
  });

  it('refuses calls while the agent is not ready when the tenant says so, and rings again once ready', async () => {
    await settings({ notReadyDirectCalls: false, notReadyRejectStatus: 480 });
    const agent = await mountPhone('1001');
    const customer = await mountPhone('2001');
    await agent.phone.notReady('lunch');

    await customer.phone.dial('1001');
    const refused = await customer.log.next('OnOutgoingCallCancelled');
    expect(refused.data.call.endReason).to.equal('unavailable');
    expect(agent.log.names()).not.to.include('OnIncomingCallRinging');

    await agent.phone.ready();
    const seen = customer.log.events.length;
    await customer.phone.dial('1001');
    await agent.log.next('OnIncomingCallRinging');
    await customer.log.next('OnOutgoingCallRinging', seen);
  });

  it('sends keypad tones as SIP INFO when the tenant chose it', async () => {
    await settings({ dtmfMode: 'info' });
    const agent = await mountPhone('1001');
    await peer('open', { user: '2002' });
    await peer('call', { to: '1001' });
    await agent.log.next('OnIncomingCallRinging');
    await agent.phone.answer();
    await peer('answered');
    await agent.phone.sendAction('sendDTMF', { dtmf: '5#' });
    const infos = async () => (await peer<{ requests: { startLine: string; body: string }[] }>('received')).requests.filter((r) => r.startLine.startsWith('INFO'));
    await waitUntil(async () => (await infos()).length === 2, 'the peer never got two INFO requests');
    expect((await infos()).map((r) => /Signal=(.)/.exec(r.body)?.[1])).to.deep.equal(['5', '#']);
  });
});
