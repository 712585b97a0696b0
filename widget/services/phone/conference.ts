import type { Web } from 'sip.js';
import { ErrorCode, type CallInfo } from '../../../src/protocol/index.js';
import { CallState } from '../../state/call-state.js';
import type { Logger } from '../logger.js';
import { PhoneError, type PhoneChange } from '../phone-types.js';
import { snapshotOf, type CallRecord } from './call-record.js';
import type { CallRegistry } from './call-registry.js';
import { ConferenceMixer } from './conference-mixer.js';
import { peerOf } from './call-media.js';
import { replacesHeader } from './sip-uri.js';
import { replacesReferTo } from './sip-helpers.js';

/**
 * A conference of the agent's lines, mixed in the browser: each party is sent the agent's
 * microphone plus every other party, and the agent hears all parties through one element.
 * No conference server is involved, so any two calls can be merged; the price is that the
 * parties hear each other only while the agent's phone is in the call.
 */
export class Conference {
  readonly #registry: CallRegistry;
  readonly #log: Logger;
  readonly #emit: (change: PhoneChange) => void;
  #mixer: ConferenceMixer | null = null;
  #speaker: HTMLAudioElement | null = null;
  /** Each party's own microphone track, put back when the conference ends. */
  readonly #original = new Map<CallRecord, MediaStreamTrack | null>();

  constructor(registry: CallRegistry, log: Logger, emit: (change: PhoneChange) => void) {
    this.#registry = registry;
    this.#log = log;
    this.#emit = emit;
  }

  get parties(): CallRecord[] {
    return [...this.#original.keys()];
  }

  /** Mixes `records` (answered, off hold) into one conference; the agent's mic is `microphone`. */
  async merge(records: CallRecord[], speakerId: string): Promise<CallInfo[]> {
    const mixer = (this.#mixer ??= new ConferenceMixer());
    for (const record of records) {
      if (this.#original.has(record)) continue;
      const peer = peerOf(record.session);
      const sender = peer?.getSenders().find((s) => s.track?.kind === 'audio' || s.track === null);
      const remote = (record.session.sessionDescriptionHandler as Web.SessionDescriptionHandler | undefined)?.remoteMediaStream;
      if (!peer || !sender || !remote) continue;
      const own = sender.track;
      if (own && !mixer.parties.length) mixer.setMicrophone(own);
      this.#original.set(record, own);
      await sender.replaceTrack(mixer.add(record.info.callId, remote));
      record.audio?.pause();
    }
    if (!this.#speaker) {
      this.#speaker = new Audio();
      this.#speaker.autoplay = true;
      this.#speaker.srcObject = mixer.speakerStream;
      if (speakerId) await (this.#speaker as HTMLAudioElement & { setSinkId(id: string): Promise<void> }).setSinkId(speakerId).catch(() => undefined);
      this.#speaker.play().catch(() => this.#log.warn('conference audio needs a user gesture to play'));
    }
    for (const record of this.parties) this.#registry.update(record, { conference: true });
    const calls = this.parties.map(snapshotOf);
    this.#emit({ kind: 'conference', started: true, calls });
    return calls;
  }

  setMuted(muted: boolean): void {
    this.#mixer?.setMicrophoneMuted(muted);
  }

  /**
   * A party left (hung up, transferred). With one party left the conference is over: that
   * call gets its own microphone and audio back and goes on as a plain call.
   */
  left(record: CallRecord): void {
    if (!this.#original.has(record)) return;
    this.#original.delete(record);
    this.#mixer?.remove(record.info.callId);
    if (this.#original.size <= 1) void this.dissolve();
  }

  /** Ends the mixing: every remaining party gets its own microphone and audio element back. */
  async dissolve(): Promise<void> {
    const remaining = this.parties;
    for (const record of remaining) {
      const sender = peerOf(record.session)?.getSenders().find((s) => s.track?.kind === 'audio');
      await sender?.replaceTrack(this.#original.get(record) ?? null).catch((error: unknown) => this.#log.warn(`restoring a microphone failed: ${(error as Error).message}`));
      if (record.info.state === CallState.Active) {
        record.audio?.play().catch(() => undefined);
        this.#registry.update(record, { conference: false });
      }
    }
    this.#original.clear();
    this.#speaker?.pause();
    this.#speaker = null;
    const mixer = this.#mixer;
    this.#mixer = null;
    await mixer?.close();
    this.#emit({ kind: 'conference', started: false, calls: remaining.map(snapshotOf) });
  }
}

/**
 * Connects two of the agent's parties to each other and ends the agent's legs: the first is
 * REFERred to the second with Replaces (the attended-transfer mechanism), so the second's
 * phone swaps the agent's call for one with the first.
 */
export async function connectParties(first: CallRecord, second: CallRecord, domain: string): Promise<void> {
  const dialog = second.session.dialog;
  if (!dialog) throw new PhoneError({ code: ErrorCode.NotAllowedNow, message: 'the second party is not connected yet' });
  const replaces = replacesHeader({ callId: dialog.callId, toTag: dialog.remoteTag, fromTag: dialog.localTag, earlyOnly: false });
  const referTo = replacesReferTo(second.info.remoteNumber, domain, replaces);
  await new Promise<void>((resolve, reject) => {
    first.session
      .refer(referTo, {
        requestDelegate: {
          onAccept: () => resolve(),
          onReject: (response) => reject(new PhoneError({ code: ErrorCode.CallFailed, message: `the party refused to be connected: ${response.message.statusCode}` })),
        },
      })
      .catch((error: unknown) => reject(new PhoneError({ code: ErrorCode.NotAllowedNow, message: (error as Error).message })));
  });
  first.endReason = 'transferred';
  second.endReason = 'transferred';
  await first.session.bye().catch(() => undefined);
}
