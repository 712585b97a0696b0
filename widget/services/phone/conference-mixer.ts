/**
 * An N-way conference bridge in the browser, built from Web Audio nodes. The phone service
 * holds one call per party; for each it sends `outgoingTrackFor(callId)` instead of the
 * microphone and plays `speakerStream` instead of the call's own remote audio. Nothing here
 * knows about SIP: the seam is MediaStreams in and MediaStreamTracks out.
 *
 * The graph, on one AudioContext:
 *
 *   microphone ─► micBus (gain 0 when muted) ─────────────► every party's mix
 *   party P's remote stream ─► P.voice ─► speaker, and ──► every *other* party's mix
 *   P.mix ─► P.out (MediaStreamAudioDestinationNode) = the track sent to P
 *
 * A party's voice is never wired into its own mix, so nobody hears themselves back.
 * Voices are summed at unity gain with no limiter: a limiter would change how loud each
 * party is heard, and telephone speech sits far enough below full scale that three or four
 * talkers at once do not clip in practice.
 */

/** What the mixer tells when something goes wrong that it can survive (a `Logger` fits). */
export interface ConferenceMixerWarnings {
  warn(message: string): void;
}

export interface ConferenceMixerOptions {
  /** A context to build the graph on; the mixer then leaves closing it to its owner. */
  context?: AudioContext;
  /** Where recoverable trouble is reported; silent when absent. */
  logger?: ConferenceMixerWarnings;
}

interface Party {
  /** The party's remote stream, bound into the graph; null while it carries no audio track. */
  source: MediaStreamAudioSourceNode | null;
  /** The party's voice after its source: the one node the speaker and other mixes listen to. */
  readonly voice: GainNode;
  /** Microphone plus every other party: what this party hears. */
  readonly mix: GainNode;
  readonly out: MediaStreamAudioDestinationNode;
  /**
   * A muted, playing media element on the remote stream. Chromium renders a remote WebRTC
   * track's samples only while some media element pulls that track; a
   * MediaStreamAudioSourceNode alone gets silence (crbug.com/121673, open since 2012; the
   * workaround used by LiveKit's webAudioMix and Babylon.js audio). Muted, it adds no sound,
   * and muted playback is never blocked by the autoplay policy.
   */
  readonly keepAlive: HTMLAudioElement;
}

export class ConferenceMixer {
  /** What the agent hears: every party's voice mixed, never the agent's own microphone. */
  readonly speakerStream: MediaStream;

  private readonly context: AudioContext;
  private readonly ownsContext: boolean;
  private readonly logger: ConferenceMixerWarnings | undefined;
  private readonly speaker: MediaStreamAudioDestinationNode;
  private readonly micBus: GainNode;
  private micSource: MediaStreamAudioSourceNode | null = null;
  private readonly members = new Map<string, Party>();
  private closed = false;

  constructor(options: ConferenceMixerOptions = {}) {
    this.context = options.context ?? new AudioContext();
    this.ownsContext = !options.context;
    this.logger = options.logger;
    this.speaker = this.context.createMediaStreamDestination();
    this.speakerStream = this.speaker.stream;
    this.micBus = this.context.createGain();
  }

  /** The parties in the order they joined. */
  get parties(): readonly string[] {
    return [...this.members.keys()];
  }

  /** The agent's microphone; every party hears it unless muted. `null` takes it out. */
  setMicrophone(track: MediaStreamTrack | null): void {
    this.assertOpen();
    this.micSource?.disconnect();
    this.micSource = track ? this.context.createMediaStreamSource(new MediaStream([track])) : null;
    this.micSource?.connect(this.micBus);
    this.wake();
  }

  /**
   * Mutes the agent for every party at once, inside the graph, so the caller's microphone
   * track stays untouched (its `enabled` flag belongs to whoever captured it).
   */
  setMicrophoneMuted(muted: boolean): void {
    this.micBus.gain.setValueAtTime(muted ? 0 : 1, this.context.currentTime);
  }

  /**
   * Adds a party, `remote` being what they say, and returns the track to send them: the
   * microphone and every other party, never their own voice. Adding a known party again
   * rebinds its remote audio (a MediaStreamAudioSourceNode stays on the track it was made
   * with, so call this again when the call's remote track changes) and returns the same
   * track. A stream with no audio track yet is accepted: the party hears the others, and
   * is heard once added again with audio.
   */
  add(partyId: string, remote: MediaStream): MediaStreamTrack {
    this.assertOpen();
    const party = this.members.get(partyId) ?? this.join(partyId);
    party.source?.disconnect();
    party.source = remote.getAudioTracks().length > 0 ? this.context.createMediaStreamSource(remote) : null;
    party.source?.connect(party.voice);
    // Assigning srcObject reloads the element and aborts a pending play(): only on a change.
    if (party.keepAlive.srcObject !== remote) party.keepAlive.srcObject = remote;
    party.keepAlive.play().catch((error: unknown) => {
      // The element is superseded when the party is re-added or leaves; only a live one matters.
      if (party.keepAlive.srcObject === remote) this.logger?.warn(`party ${partyId} may be silent in the conference: ${String(error)}`);
    });
    this.wake();
    return trackOf(party.out);
  }

  /** Takes a party out of every mix and ends its outgoing track. Unknown ids are ignored. */
  remove(partyId: string): void {
    const party = this.members.get(partyId);
    if (!party) return;
    this.members.delete(partyId);
    for (const other of this.members.values()) other.voice.disconnect(party.mix);
    this.micBus.disconnect(party.mix);
    party.voice.disconnect();
    party.source?.disconnect();
    party.mix.disconnect();
    party.keepAlive.pause();
    party.keepAlive.srcObject = null;
    trackOf(party.out).stop();
  }

  /** The track to send to a party, or `undefined` for one not in the conference. */
  outgoingTrackFor(partyId: string): MediaStreamTrack | undefined {
    const party = this.members.get(partyId);
    return party && trackOf(party.out);
  }

  /**
   * Ends every outgoing track and the speaker stream, and closes the AudioContext if the
   * mixer made it. The mixer cannot be used afterwards; calling close again does nothing.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    for (const partyId of this.parties) this.remove(partyId);
    this.micSource?.disconnect();
    this.micSource = null;
    this.closed = true;
    for (const track of this.speakerStream.getTracks()) track.stop();
    if (this.ownsContext) await this.context.close();
  }

  private join(partyId: string): Party {
    const party: Party = {
      source: null,
      voice: this.context.createGain(),
      mix: this.context.createGain(),
      out: this.context.createMediaStreamDestination(),
      keepAlive: new Audio(),
    };
    party.keepAlive.muted = true;
    party.voice.connect(this.speaker);
    this.micBus.connect(party.mix);
    for (const other of this.members.values()) {
      party.voice.connect(other.mix);
      other.voice.connect(party.mix);
    }
    party.mix.connect(party.out);
    this.members.set(partyId, party);
    return party;
  }

  /**
   * A context made outside a user gesture starts suspended and would mix silence; the
   * conference starts from the agent's click, so resuming here normally succeeds.
   */
  private wake(): void {
    if (this.context.state !== 'suspended') return;
    this.context.resume().catch((error: unknown) => this.logger?.warn(`the conference audio did not start: ${String(error)}`));
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('the conference mixer is closed');
  }
}

function trackOf(destination: MediaStreamAudioDestinationNode): MediaStreamTrack {
  const [track] = destination.stream.getAudioTracks();
  if (!track) throw new Error('a MediaStreamAudioDestinationNode has no audio track');
  return track;
}
