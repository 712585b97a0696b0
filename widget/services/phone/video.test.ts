import { expect } from '@open-wc/testing';
import { rollback } from './reinvite.js';
import { attachCamera, cameraFailureOf, openCamera, refusal, type CameraFailure } from './video-commands.js';
import { hasVideo, videoTransceiver } from './video-tracks.js';

/**
 * The peer-connection side of video calls on two real RTCPeerConnections in this page (SDP
 * only, no SIP and no ICE), with a canvas as the camera: what each side agrees after the
 * agent's camera goes on, after it goes off, after the far end refuses it; and how a camera
 * that will not open is told to the agent.
 */

/** A "camera": a canvas stream with one video track. */
function fakeCamera(): MediaStream {
  const canvas = document.createElement('canvas');
  canvas.width = 64;
  canvas.height = 36;
  canvas.getContext('2d')!.fillRect(0, 0, 64, 36);
  return canvas.captureStream(5);
}

/**
 * One offer/answer from `offerer` to `answerer`. The answerer answers as sip.js does (every
 * live transceiver sendrecv, sip.js `updateDirection`); `answer` may rewrite its SDP, as a far
 * end other than a browser writes its own.
 */
async function negotiate(offerer: RTCPeerConnection, answerer: RTCPeerConnection, answer: (sdp: string) => string = (sdp) => sdp): Promise<{ offer: string; answer: string }> {
  await offerer.setLocalDescription();
  await answerer.setRemoteDescription(offerer.localDescription!);
  for (const transceiver of answerer.getTransceivers()) if (transceiver.direction !== 'stopped') transceiver.direction = 'sendrecv';
  await answerer.setLocalDescription();
  const sdp = answer(answerer.localDescription!.sdp);
  await offerer.setRemoteDescription({ type: 'answer', sdp });
  return { offer: offerer.localDescription!.sdp, answer: sdp };
}

/** An answer from a phone without video: the video m-line rejected (port 0) and out of the bundle. */
const withoutVideo = (sdp: string) => sdp.replace(/m=video \d+/, 'm=video 0').replace(/a=group:BUNDLE (\S+) \S+/, 'a=group:BUNDLE $1');

/** Agent and customer in an audio call, as the phone has it after answering. */
async function audioCall(): Promise<{ agent: RTCPeerConnection; customer: RTCPeerConnection; close: () => void }> {
  const agent = new RTCPeerConnection();
  const customer = new RTCPeerConnection();
  agent.addTransceiver('audio', { direction: 'sendrecv' });
  await negotiate(agent, customer);
  return { agent, customer, close: () => [agent, customer].forEach((pc) => pc.close()) };
}

describe('video on the peer connection', () => {
  it('an audio call has no video; the camera attached and offered gives both sides video, sent and received', async () => {
    const { agent, customer, close } = await audioCall();
    expect([hasVideo(agent), hasVideo(customer)]).to.deep.equal([false, false]);

    const sent = await attachCamera(agent, fakeCamera());
    const { offer } = await negotiate(agent, customer);

    expect(offer).to.match(/m=video [1-9]/);
    expect([hasVideo(agent), hasVideo(customer)]).to.deep.equal([true, true]);
    expect(sent.currentDirection).to.equal('sendrecv');
    close();
  });

  it('reuses the video stream the far end opened first, adding no second one', async () => {
    const { agent, customer, close } = await audioCall();
    await attachCamera(customer, fakeCamera());
    await negotiate(customer, agent);
    const opened = videoTransceiver(agent);

    const used = await attachCamera(agent, fakeCamera());
    await negotiate(agent, customer);

    expect(used).to.equal(opened);
    expect(agent.getTransceivers()).to.have.length(2);
    expect(used.sender.track?.kind).to.equal('video');
    expect(used.currentDirection).to.equal('sendrecv');
    close();
  });

  it('a stopped video transceiver takes video out at the next offer (port 0), for both sides', async () => {
    const { agent, customer, close } = await audioCall();
    await attachCamera(agent, fakeCamera());
    await negotiate(agent, customer);

    videoTransceiver(agent)!.stop();
    expect(hasVideo(agent)).to.equal(false);
    const { offer } = await negotiate(agent, customer);

    expect(offer).to.match(/m=video 0 /);
    expect([hasVideo(agent), hasVideo(customer)]).to.deep.equal([false, false]);
    expect(videoTransceiver(customer)).to.equal(undefined);
    close();
  });

  it('an answer that rejects the video m-line (port 0) leaves the call without video and the camera transceiver stopped', async () => {
    const { agent, customer, close } = await audioCall();
    const sent = await attachCamera(agent, fakeCamera());

    await negotiate(agent, customer, withoutVideo);

    expect(hasVideo(agent)).to.equal(false);
    expect(sent.currentDirection === 'stopped' || !agent.getTransceivers().includes(sent)).to.equal(true);
    close();
  });

  it('rollback undoes an offer the far end refused (488): stable again, and the next offer has no video', async () => {
    const { agent, customer, close } = await audioCall();
    await attachCamera(agent, fakeCamera());
    await agent.setLocalDescription();
    expect(agent.signalingState).to.equal('have-local-offer');

    await rollback(agent);
    videoTransceiver(agent)?.stop();
    const { offer } = await negotiate(agent, customer);

    expect(agent.signalingState).to.equal('stable');
    expect(offer).not.to.match(/m=video/);
    expect(hasVideo(agent)).to.equal(false);
    close();
  });

  it('rollback leaves a connection that is not waiting for an answer alone', async () => {
    const { agent, close } = await audioCall();
    await rollback(agent);
    await rollback(undefined);
    expect(agent.signalingState).to.equal('stable');
    close();
  });
});

describe('opening the camera', () => {
  /** A document whose permissions policy allows the camera or not. */
  const documentThat = (allowsCamera: boolean) => ({ permissionsPolicy: { allowsFeature: (feature: string) => feature !== 'camera' || allowsCamera } }) as unknown as Document;
  const named = (name: string) => new DOMException('no', name);

  const table: [string, unknown, Document | undefined, CameraFailure][] = [
    ['the agent said no', named('NotAllowedError'), documentThat(true), 'denied'],
    ["the CRM's iframe does not allow the camera", named('NotAllowedError'), documentThat(false), 'blocked_by_frame'],
    ['no camera', named('NotFoundError'), undefined, 'missing'],
    ['a camera the constraints cannot fit', named('OverconstrainedError'), undefined, 'missing'],
    ['a camera another application holds', named('NotReadableError'), undefined, 'busy'],
    ['anything else', new TypeError('odd'), undefined, 'failed'],
  ];
  for (const [when, error, doc, reason] of table) {
    it(`${when} → ${reason}`, () => {
      expect(cameraFailureOf(error, doc)).to.equal(reason);
    });
  }

  it('a refused camera is media_unavailable, with how to fix it and that the call goes on', async () => {
    const mediaDevices = { getUserMedia: () => Promise.reject(named('NotAllowedError')) };
    const doc = { defaultView: { navigator: { mediaDevices } } } as unknown as Document;

    const error = await openCamera(doc).then(() => null, (e: { error: { code: string; message: string } }) => e.error);

    expect(error?.code).to.equal('media_unavailable');
    expect(error?.message).to.match(/allow it/i).and.match(/goes on as audio/);
  });

  it('asks only for the camera: the microphone the call already has is left alone', async () => {
    const asked: MediaStreamConstraints[] = [];
    const mediaDevices = { getUserMedia: (constraints: MediaStreamConstraints) => (asked.push(constraints), Promise.resolve(fakeCamera())) };
    const doc = { defaultView: { navigator: { mediaDevices } } } as unknown as Document;

    const stream = await openCamera(doc);

    expect(stream.getVideoTracks()).to.have.length(1);
    expect(asked.map((c) => [c.audio, Boolean(c.video)])).to.deep.equal([[false, true]]);
  });
});

describe('a refused video offer', () => {
  const table: [number, string][] = [
    [200, 'not_supported'],
    [488, 'not_supported'],
    [415, 'not_supported'],
    [606, 'not_supported'],
    [491, 'call_failed'],
    [500, 'call_failed'],
  ];
  for (const [status, code] of table) {
    it(`${status} → ${code}, and the call goes on as audio`, () => {
      const { error } = refusal(status);
      expect(error.code).to.equal(code);
      expect(error.message).to.match(/goes on as audio/);
    });
  }
});
