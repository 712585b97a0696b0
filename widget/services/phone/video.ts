import type { Session } from 'sip.js';
import type { CallInfo } from '../../../src/protocol/index.js';
import { CallState } from '../../state/call-state.js';
import type { Logger } from '../logger.js';
import type { CallVideo, PhoneChange } from '../phone-types.js';
import { peerOf } from './call-media.js';
import type { CallRecord } from './call-record.js';
import type { CallRegistry } from './call-registry.js';
import { hasVideo, isLive, stopTracks } from './video-tracks.js';

/**
 * Video on a call, upgraded and taken back by re-INVITE. A call's `video` says that the call
 * carries a video stream (its video m-line was accepted, port not 0), whoever sends on it; the
 * agent's own camera is `video(callId).local`. Turning the camera on adds it to the call;
 * turning it off stops it and takes the video stream out of the call (port 0), so the call is
 * audio again on both sides.
 *
 * This part is in the phone's first load: it follows every call's negotiations, since the far
 * end may add video at any time. The camera commands load when first used (video-commands.ts).
 * Neither imports the other's code: what both need is in video-tracks.ts (a lazy chunk that
 * imports from the module that loads it makes the bundler split the first load into pieces).
 */
export class CallVideos {
  readonly registry: CallRegistry;
  readonly log: Logger;
  readonly emit: (change: PhoneChange) => void;
  /** Each call's camera while it is on. Weak: a call that ends takes its entry with it (sip.js stops the track). */
  readonly cameras = new WeakMap<Session, MediaStream>();
  readonly #watched = new WeakSet<RTCPeerConnection>();

  constructor(registry: CallRegistry, log: Logger, emit: (change: PhoneChange) => void) {
    this.registry = registry;
    this.log = log;
    this.emit = emit;
  }

  /**
   * Follows a call's negotiations from when it is established: an offer from the far end can
   * add video (the call gains `video`) or take it out (the agent's camera stops).
   */
  watch(record: CallRecord): void {
    const peer = peerOf(record.session);
    if (!peer || this.#watched.has(peer)) return;
    this.#watched.add(peer);
    peer.addEventListener('signalingstatechange', () => {
      if (peer.signalingState === 'stable') this.settle(record);
    });
  }

  /** What the screen shows: the agent's camera, and the far end while the call has video. */
  streams(record: CallRecord | undefined): CallVideo {
    const remote = record?.info.video ? (record.session.sessionDescriptionHandler as { remoteMediaStream?: MediaStream } | undefined)?.remoteMediaStream : undefined;
    return { local: (record && this.cameras.get(record.session)) ?? null, remote: remote ?? null };
  }

  /** Turns the agent's camera on or off for an answered call; see video-commands.ts. */
  async set(record: CallRecord, on: boolean): Promise<CallInfo> {
    const { setCamera } = await import('./video-commands.js');
    return setCamera(this, record, on);
  }

  /**
   * After each negotiation: a camera whose video stream the far end took out stops, and the
   * call's `video` follows what was agreed. Runs inside a browser event: logs, never throws.
   */
  settle(record: CallRecord): void {
    const peer = peerOf(record.session);
    if (!peer || record.info.state !== CallState.Active) return;
    try {
      const camera = this.cameras.get(record.session);
      const track = camera?.getVideoTracks()[0];
      if (camera && !peer.getTransceivers().some((t) => isLive(t) && t.sender.track === track)) {
        this.cameras.delete(record.session);
        stopTracks(camera);
      }
      const video = hasVideo(peer);
      if ((record.info.video ?? false) !== video) this.registry.update(record, { video });
    } catch (error) {
      this.log.error(`could not follow the video of ${record.info.callId}: ${(error as Error).message}`);
    }
  }
}
