import { expect, waitUntil } from '@open-wc/testing';
import type { RingsideActionError, RingsidePhone } from '../../src/index.js';
import { hears } from '../support/audio.js';
import { mountSameOriginPhone, unmountAll, waitForAudio, type SameOriginPhone } from '../support/phone.js';

/**
 * Video on real calls through the dev PBX, with Chromium's fake camera: upgrading a call by
 * re-INVITE and taking it back, through the protocol and the call card's Camera button; a far
 * end that refuses video, and a camera the browser will not open, each leave the call going
 * on as audio. Both phones are on this page's origin, so the test can look at the pictures
 * each one shows (and the CRM iframe's `allow="microphone"` does not block the camera there).
 */
const codeOf = (promise: Promise<unknown>) => promise.then(() => 'ok', (error: RingsideActionError) => error.code);

type VideoPhone = SameOriginPhone;

async function peer<T = Record<string, unknown>>(op: string, params: Record<string, string> = {}): Promise<T> {
  const body = (await (await fetch(`/test-only/sip-peer/${op}?${new URLSearchParams(params)}`)).json()) as T & { error?: string };
  if (body.error) throw new Error(`peer ${op}: ${body.error}`);
  return body;
}

/** The call card of a phone, inside its widget. */
const card = (party: VideoPhone) => party.widget().document.querySelector('rs-app')?.shadowRoot?.querySelector('rs-active-call')?.shadowRoot ?? null;
const cameraButton = (party: VideoPhone) => card(party)?.querySelector<HTMLButtonElement>('button.camera') ?? null;
const videos = (party: VideoPhone) => [...(card(party)?.querySelector('rs-video')?.shadowRoot?.querySelectorAll('video') ?? [])];
const remoteVideo = (party: VideoPhone) => videos(party).find((video) => video.classList.contains('remote'));

/** Resolves once the phone shows moving pictures from the far end: a size, and frames that keep coming. */
async function seesTheOtherSide(party: VideoPhone, timeoutMs = 10000): Promise<void> {
  const frames = () => remoteVideo(party)?.getVideoPlaybackQuality().totalVideoFrames ?? 0;
  await waitUntil(() => (remoteVideo(party)?.videoWidth ?? 0) > 0, 'no picture from the other side', { timeout: timeoutMs });
  const first = frames();
  await waitUntil(() => frames() > first + 5, 'the picture from the other side stands still', { timeout: timeoutMs });
}

const videoOf = async (phone: RingsidePhone) => (await phone.queryStatus()).calls.map((c) => [c.state, c.video ?? false]);

/** Agent 1001 talking to customer 2001, both Ringside phones on this origin. */
async function inCall(): Promise<{ agent: VideoPhone; customer: VideoPhone }> {
  const agent = await mountSameOriginPhone('1001');
  const customer = await mountSameOriginPhone('2001');
  await customer.phone.dial('1001');
  await agent.log.next('OnIncomingCallRinging');
  await agent.phone.answer();
  await waitForAudio(agent.phone);
  return { agent, customer };
}

describe('video calls', () => {
  afterEach(async () => {
    unmountAll();
    await peer('close').catch(() => undefined);
  });

  it('turnOnCamera upgrades the call by re-INVITE: both phones have video and each sees the other once both cameras are on', async () => {
    const { agent, customer } = await inCall();
    const seen = { agent: agent.log.events.length, customer: customer.log.events.length };

    const { call } = await agent.phone.sendAction('turnOnCamera');

    expect(call.video).to.equal(true);
    expect((await agent.log.next('OnVideoStarted', seen.agent)).data.call.callId).to.equal(call.callId);
    await customer.log.next('OnVideoStarted', seen.customer);
    expect(await videoOf(customer.phone)).to.deep.equal([['active', true]]);
    await seesTheOtherSide(customer);

    await customer.phone.sendAction('turnOnCamera');
    await seesTheOtherSide(agent);
    expect(videos(agent)).to.have.length(2);
    await hears(customer.phone);
  });

  it('turnOfCamera (Tegsoft spelling) takes the call back to audio on both sides; the audio goes on', async () => {
    const { agent, customer } = await inCall();
    await agent.phone.sendAction('turnOnCamera');
    await customer.phone.sendAction('turnOnCamera');
    await seesTheOtherSide(agent);
    const seen = { agent: agent.log.events.length, customer: customer.log.events.length };

    const { call } = await agent.phone.sendAction('turnOfCamera');

    expect(call.video).to.equal(false);
    await agent.log.next('OnVideoStopped', seen.agent);
    await customer.log.next('OnVideoStopped', seen.customer);
    expect(await videoOf(agent.phone)).to.deep.equal([['active', false]]);
    expect(await videoOf(customer.phone)).to.deep.equal([['active', false]]);
    // Neither camera is left running: the far end's stopped with the video stream.
    await waitUntil(() => !card(customer)?.querySelector('rs-video') && cameraButton(customer)?.getAttribute('aria-pressed') === 'false', 'the customer still shows video');
    expect(cameraButton(agent)?.getAttribute('aria-pressed')).to.equal('false');
    await hears(customer.phone);
    await hears(agent.phone);

    // turnOffCamera is the same action under its right name; with the camera off it changes nothing.
    expect((await agent.phone.sendAction('turnOffCamera')).call.video).to.equal(false);
  });

  it('toggleCamera turns the camera on, then off again', async () => {
    const { agent } = await inCall();
    const seen = agent.log.events.length;

    expect((await agent.phone.sendAction('toggleCamera')).call.video).to.equal(true);
    await agent.log.next('OnVideoStarted', seen);
    expect((await agent.phone.sendAction('toggleCamera')).call.video).to.equal(false);
    await agent.log.next('OnVideoStopped', seen);
    await hears(agent.phone);
  });

  it('the Camera button toggles video, showing the far end and the agent’s own camera', async () => {
    const { agent, customer } = await inCall();
    await waitUntil(() => cameraButton(agent), 'the call card has no Camera button');
    expect(cameraButton(agent)!.getAttribute('aria-pressed')).to.equal('false');

    cameraButton(agent)!.click();
    await waitUntil(() => cameraButton(agent)?.getAttribute('aria-pressed') === 'true', 'the Camera button never showed pressed');
    await waitUntil(() => videos(agent).length === 2, 'the video view never showed two pictures');
    const [remote, local] = [remoteVideo(agent)!, videos(agent).find((video) => video.classList.contains('local'))!];
    expect([local.muted, local.playsInline, remote.muted, remote.playsInline]).to.deep.equal([true, true, true, true]);
    await waitUntil(() => local.videoWidth > 0, 'the agent never saw their own camera');
    await seesTheOtherSide(customer);

    cameraButton(agent)!.click();
    await waitUntil(() => cameraButton(agent)?.getAttribute('aria-pressed') === 'false', 'the Camera button stayed pressed');
    await waitUntil(() => !card(agent)?.querySelector('rs-video'), 'the video view stayed');
    expect(await videoOf(agent.phone)).to.deep.equal([['active', false]]);
  });

  it('a far end that rejects the video m-line (port 0): not_supported, the call goes on as audio', async () => {
    const agent = await mountSameOriginPhone('1001');
    await peer('open', { user: '2002' });
    await peer('reinvite', { answer: 'no-video' });
    await peer('call', { to: '1001' });
    await agent.log.next('OnIncomingCallRinging');
    await agent.phone.answer();
    await peer('answered');
    const seen = agent.log.events.length;

    const error = await agent.phone.sendAction('turnOnCamera').then(() => null, (e: RingsideActionError) => e);

    expect(error?.code).to.equal('not_supported');
    expect(error?.message).to.match(/does not accept video/);
    const invites = (await peer<{ requests: { startLine: string; body: string }[] }>('received')).requests.filter((r) => r.startLine.startsWith('INVITE'));
    expect(invites.at(-1)?.body, 'the phone offered video').to.match(/m=video [1-9]/);
    expect(await videoOf(agent.phone)).to.deep.equal([['active', false]]);
    expect(agent.log.names().slice(seen)).not.to.include('OnVideoStarted');
    // The camera is not part of the call's info: the card shows it off by its next redraw.
    await waitUntil(() => cameraButton(agent)?.getAttribute('aria-pressed') === 'false', 'the Camera button stayed pressed');
    // The call's media still negotiates: a hold goes through and comes back.
    await agent.phone.hold();
    await agent.log.next('OnHold', seen);
    expect(await videoOf(agent.phone)).to.deep.equal([['active', false]]);
  });

  it('a far end that answers the video re-INVITE with 488: not_supported, and the call can still be held', async () => {
    const agent = await mountSameOriginPhone('1001');
    await peer('open', { user: '2002' });
    await peer('call', { to: '1001' });
    await agent.log.next('OnIncomingCallRinging');
    await agent.phone.answer();
    await peer('answered');
    await peer('reinvite', { answer: '488' });
    const seen = agent.log.events.length;

    expect(await codeOf(agent.phone.sendAction('turnOnCamera'))).to.equal('not_supported');

    expect(await videoOf(agent.phone)).to.deep.equal([['active', false]]);
    // Without a rollback of the refused offer, the next re-INVITE could not even be built;
    // and it offers no video again.
    await peer('reinvite', { answer: 'no-video' });
    await agent.phone.hold();
    await agent.log.next('OnHold', seen);
    const invites = (await peer<{ requests: { startLine: string; body: string }[] }>('received')).requests.filter((r) => r.startLine.startsWith('INVITE'));
    expect(invites.at(-1)?.body).not.to.match(/m=video [1-9]/);
  });

  it('a camera the browser will not open: media_unavailable, and the call goes on as audio', async () => {
    const { agent, customer } = await inCall();
    const media = agent.widget().navigator.mediaDevices;
    const real = media.getUserMedia.bind(media);
    media.getUserMedia = (constraints) => (constraints?.video ? Promise.reject(new DOMException('Permission denied', 'NotAllowedError')) : real(constraints));
    const seen = agent.log.events.length;

    expect(await codeOf(agent.phone.sendAction('turnOnCamera'))).to.equal('media_unavailable');

    const event = await agent.log.next('OnMediaUnavailable', seen);
    expect(event.data.error.message).to.match(/camera/i);
    expect(await videoOf(agent.phone)).to.deep.equal([['active', false]]);
    expect(customer.log.names()).not.to.include('OnVideoStarted');
    await hears(customer.phone);
  });
});
