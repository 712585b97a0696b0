import { msg } from '@lit/localize';
import type { Session } from 'sip.js';
import { ErrorCode, type CallInfo, type RingsideError } from '../../../src/protocol/index.js';
import { CallState } from '../../state/call-state.js';
import { PhoneError } from '../phone-types.js';
import { peerOf } from './call-media.js';
import { snapshotOf, type CallRecord } from './call-record.js';
import { mediaDevicesOf, mediaFailureOf, type MediaFailure } from '../media/media-failure.js';
import { REINVITE_TIMEOUT_MS, rollback, untilAcknowledged } from './reinvite.js';
import type { CallVideos } from './video.js';
import { isLive, stopTracks, videoTransceiver } from './video-tracks.js';

/**
 * The camera commands, loaded the first time the agent or the host turns a camera on or off.
 *
 * sip.js 0.21 cannot do this through its media constraints: its handler ignores a "downgrade"
 * (video true → false keeps video), opens a fresh microphone with the camera (which would undo
 * mute and the conference mix), and has no rollback after a refused offer. So the camera track
 * and the video transceiver are handled here, and every re-INVITE asks sip.js for the same
 * audio-only constraints it already has, which it then leaves alone.
 */

/** Turns the agent's camera on or off for an answered call. */
export async function setCamera(videos: CallVideos, record: CallRecord, on: boolean): Promise<CallInfo> {
  if (record.info.state !== CallState.Active) throw videos.registry.notNow(on ? 'turn the camera on for' : 'turn the camera off for', record);
  const peer = peerOf(record.session);
  if (!peer) throw videos.registry.notNow('change the video of', record);
  if (on) await turnOn(videos, record, peer);
  else await turnOff(videos, record, peer);
  return snapshotOf(record);
}

async function turnOn(videos: CallVideos, record: CallRecord, peer: RTCPeerConnection): Promise<void> {
  if (videos.cameras.has(record.session)) return;
  if (record.info.held) throw new PhoneError({ code: ErrorCode.NotAllowedNow, message: 'resume the call before turning the camera on' });
  if (record.info.conference) throw new PhoneError({ code: ErrorCode.NotAllowedNow, message: 'video is not available in a conference' });
  const camera = await openCameraFor(videos, record);
  if (record.info.state !== CallState.Active || videos.cameras.has(record.session)) {
    stopTracks(camera);
    if (record.info.state !== CallState.Active) throw videos.registry.notNow('turn the camera on for', record);
    return;
  }
  const transceiver = await attachCamera(peer, camera);
  videos.cameras.set(record.session, camera);
  let status: number;
  try {
    status = await offer(record.session, false);
  } catch (error) {
    takeOut(videos, record, peer);
    throw error;
  }
  if (status < 300 && sends(transceiver)) {
    // A camera that goes away by itself (unplugged, permission taken back) ends the video.
    camera.getVideoTracks()[0]?.addEventListener('ended', () => void setCamera(videos, record, false).catch(() => undefined));
    return videos.settle(record);
  }
  // Refused: a final refusal of the re-INVITE, or a 2xx whose answer rejected the video
  // m-line (port 0) or would not receive it. The call goes on as audio.
  const accepted = status < 300 && isLive(transceiver);
  takeOut(videos, record, peer);
  // A video m-line the far end accepted without receiving must be taken out again.
  if (accepted) await offer(record.session, false).catch((error: unknown) => videos.log.warn(`could not take refused video out: ${(error as Error).message}`));
  videos.settle(record);
  throw refusal(status);
}

async function turnOff(videos: CallVideos, record: CallRecord, peer: RTCPeerConnection): Promise<void> {
  if (!videos.cameras.has(record.session) && !videoTransceiver(peer)) return;
  // The camera goes off here and now, whatever the far end answers.
  takeOut(videos, record, peer);
  const status = await offer(record.session, record.info.held).catch(() => 0);
  if (status < 200 || status >= 300) videos.log.warn(`camera off, but the other side was not told (${status || 'no answer'})`);
  videos.settle(record);
}

/** Opens the camera; a failure is the command's `media_unavailable` error and a media change. */
async function openCameraFor(videos: CallVideos, record: CallRecord): Promise<MediaStream> {
  try {
    return await openCamera();
  } catch (error) {
    if (error instanceof PhoneError) videos.emit({ kind: 'media', error: error.error, callId: record.info.callId });
    throw error;
  }
}

/** Stops the camera and marks the call's video transceiver to leave at the next offer. */
function takeOut(videos: CallVideos, record: CallRecord, peer: RTCPeerConnection): void {
  const camera = videos.cameras.get(record.session);
  videos.cameras.delete(record.session);
  if (camera) stopTracks(camera);
  const transceiver = videoTransceiver(peer);
  if (!transceiver) return;
  transceiver.sender.replaceTrack(null).catch(() => undefined);
  transceiver.stop();
}

/**
 * The error for a video offer the far end did not take: `not_supported` when it does not do
 * video (an answer without it, 488, 415, 606), else `call_failed` with the status (a 491 when
 * both sides changed the call at once, a server error…), which trying again may cure.
 */
export function refusal(status: number): PhoneError {
  if (status < 300 || status === 488 || status === 415 || status === 606) {
    const why = status >= 300 ? ` (${status})` : '';
    return new PhoneError({ code: ErrorCode.NotSupported, message: `the other side does not accept video${why}; the call goes on as audio` });
  }
  return new PhoneError({ code: ErrorCode.CallFailed, message: `the other side refused the video request (${status}); the call goes on as audio` });
}

/** Whether the agreed direction lets the far end receive what this side sends. */
const sends = (transceiver: RTCRtpTransceiver) => transceiver.currentDirection === 'sendrecv' || transceiver.currentDirection === 'sendonly';

/**
 * Puts the camera on the call: on the video transceiver the far end already opened (it added
 * video first), else on a new one. Either way the next offer sends video both ways.
 */
export async function attachCamera(peer: RTCPeerConnection, camera: MediaStream): Promise<RTCRtpTransceiver> {
  const [track] = camera.getVideoTracks();
  if (!track) throw new Error('the camera stream has no video track');
  const existing = videoTransceiver(peer);
  if (!existing) return peer.addTransceiver(track, { direction: 'sendrecv', streams: [camera] });
  await existing.sender.replaceTrack(track);
  existing.sender.setStreams(camera);
  existing.direction = 'sendrecv';
  return existing;
}

// --- signalling ----------------------------------------------------------------------------

/**
 * Sends a re-INVITE with the call's current media and resolves with the final status: 2xx
 * once the answer is applied, or the refusal's code once the offer is rolled back. Unlike
 * `reinvite()`, whose callers only need "accepted or not", video needs the code to tell a peer
 * that refuses video (488) from one that does not answer (`call_failed`). Audio-only
 * constraints, as the call already has, so that sip.js neither opens media nor reads them as
 * a change.
 */
export async function offer(session: Session, hold: boolean): Promise<number> {
  await untilAcknowledged(session);
  session.sessionDescriptionHandlerOptionsReInvite = { hold, constraints: { audio: true, video: false } } as typeof session.sessionDescriptionHandlerOptionsReInvite;
  return new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new PhoneError({ code: ErrorCode.CallFailed, message: 'no answer to the video request' })), REINVITE_TIMEOUT_MS);
    const settle = (status: number) => {
      clearTimeout(timer);
      resolve(status);
    };
    session
      .invite({
        requestDelegate: {
          onAccept: (response) => settle(response.message.statusCode ?? 200),
          onReject: (response) => void rollback(peerOf(session)).then(() => settle(response.message.statusCode ?? 500)),
        },
      })
      .catch((error: unknown) => {
        clearTimeout(timer);
        reject(new PhoneError({ code: ErrorCode.NotAllowedNow, message: `cannot change the video now: ${(error as Error).message}` }));
      });
  });
}

// --- the camera ----------------------------------------------------------------------------

/** Why the camera did not open; each has its own fix. */
export type CameraFailure = MediaFailure;

/**
 * What to tell the agent, in words that say how to fix it and that the call goes on. A
 * function, as for the microphone, so the words are in the language in effect at the time.
 */
export function cameraFailureMessage(reason: CameraFailure): string {
  switch (reason) {
    case 'denied':
      return msg('The browser is not allowing the camera for this site. Allow it in the address bar (the camera icon) or in the site settings, then try again. The call goes on as audio.', { id: 'video.camera-denied' });
    case 'blocked_by_frame':
      return msg('The CRM page does not let the phone use the camera. Ask your CRM administrator to add camera to the allow attribute of the iframe that holds the phone. The call goes on as audio.', { id: 'video.camera-blocked-by-frame' });
    case 'missing':
      return msg('No camera was found. Connect a camera, then try again. The call goes on as audio.', { id: 'video.camera-missing' });
    case 'busy':
      return msg('Another application is using the camera. Close it, then try again. The call goes on as audio.', { id: 'video.camera-busy' });
    case 'insecure':
      return msg('The camera is only available on a secure (https) page. The call goes on as audio.', { id: 'video.camera-insecure' });
    case 'failed':
      return msg('The camera could not be opened. The call goes on as audio.', { id: 'video.camera-failed' });
  }
}

/** Opens the default camera; throws `media_unavailable` with the reason in words. */
export async function openCamera(doc: Document = document): Promise<MediaStream> {
  const devices = mediaDevicesOf(doc);
  if (typeof devices?.getUserMedia !== 'function') throw cameraError('insecure');
  try {
    return await devices.getUserMedia({ audio: false, video: { width: { ideal: 640 }, height: { ideal: 360 } } });
  } catch (error) {
    throw cameraError(cameraFailureOf(error, doc), error);
  }
}

/** The reason for a getUserMedia error: "not allowed" is the agent's to fix, unless the frame's policy forbids the camera. */
export const cameraFailureOf = (error: unknown, doc?: Document): CameraFailure => mediaFailureOf(error, doc, 'camera');

function cameraError(reason: CameraFailure, cause?: unknown): PhoneError {
  const name = reason === 'failed' && cause instanceof Error && cause.name ? ` (${cause.name})` : '';
  const error: RingsideError = { code: ErrorCode.MediaUnavailable, message: cameraFailureMessage(reason) + name };
  return new PhoneError(error);
}
