import type { CallInfo } from '../../src/protocol/index.js';
import type { DeskCore } from './desk-core.js';
import type { TonePattern, Tones } from './media/tones.js';

/** What the ringer needs of `Tones`; tests pass a recorder. */
export type ToneOutput = Pick<Tones, 'ring' | 'callWaiting' | 'stop'>;

export interface RingerOptions {
  tones: ToneOutput;
  /** The agent's ringer output now ('' = default): where a call rings. */
  ringerDevice: () => string;
  /**
   * The agent's call audio output now: where the call-waiting beep sounds. The ringer output
   * is often the laptop speaker so the agent hears a call without the headset on; during a
   * call the headset is on, and a quiet beep from the laptop would go unheard.
   */
  speakerDevice: () => string;
}

/**
 * The tone the agent should hear for these calls: the ringtone for an inbound call ringing
 * while no other call is up, the call-waiting beep for one ringing while another is (answered,
 * held, or being dialled), nothing when no call rings.
 */
export function wantedTone(calls: readonly CallInfo[]): TonePattern | null {
  if (!calls.some((call) => call.direction === 'inbound' && call.state === 'ringing')) return null;
  const busy = calls.some((call) => call.state !== 'ringing' && call.state !== 'ended');
  return busy ? 'call-waiting' : 'ring';
}

/**
 * Rings for inbound calls. Follows the core's calls and starts, switches or stops the one tone
 * (`Tones` keeps the cadence on the audio clock, so the ringer runs no timer). A ringer test
 * from the settings plays the ringtone until stopped, or until a real call rings.
 */
export class Ringer {
  readonly #core: Pick<DeskCore, 'snapshot' | 'subscribe'>;
  readonly #options: RingerOptions;
  readonly #listeners = new Set<() => void>();
  #unsubscribe: (() => void) | null = null;
  #testing = false;
  /** What is playing, as pattern and output, so an unrelated change restarts nothing. */
  #playing: { pattern: TonePattern; sinkId: string } | null = null;

  constructor(core: Pick<DeskCore, 'snapshot' | 'subscribe'>, options: RingerOptions) {
    this.#core = core;
    this.#options = options;
  }

  /** The tone playing now, or null. */
  get playing(): TonePattern | null {
    return this.#playing?.pattern ?? null;
  }

  /** True while the agent's ringer test plays. */
  get testing(): boolean {
    return this.#testing;
  }

  start(): void {
    if (this.#unsubscribe) return;
    this.#unsubscribe = this.#core.subscribe(() => this.refresh());
    this.refresh();
  }

  stop(): Promise<void> {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    this.#testing = false;
    this.#playing = null;
    this.#changed();
    return this.#options.tones.stop();
  }

  /** Plays the ringtone on the ringer output (`on`) until called with `false`; a call that rings ends the test. */
  test(on: boolean): void {
    if (this.#testing === on) return;
    this.#testing = on;
    this.refresh();
    this.#changed();
  }

  /** Plays what the calls (or a test) call for now; called on every change and when an output choice changes. */
  refresh(): void {
    const pattern = wantedTone(this.#core.snapshot().calls);
    if (pattern && this.#testing) {
      this.#testing = false;
      this.#changed();
    }
    const wanted = pattern ?? (this.#testing ? 'ring' : null);
    const sinkId = wanted === 'call-waiting' ? this.#options.speakerDevice() : this.#options.ringerDevice();
    const playing = this.#playing;
    if (wanted === null ? playing === null : wanted === playing?.pattern && sinkId === playing.sinkId) return;
    const { tones } = this.#options;
    this.#playing = wanted ? { pattern: wanted, sinkId } : null;
    if (wanted === 'ring') void tones.ring(sinkId);
    else if (wanted === 'call-waiting') void tones.callWaiting(sinkId);
    else void tones.stop();
  }

  /** Told when the test starts or stops (for the settings' Test button). */
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #changed(): void {
    for (const listener of [...this.#listeners]) listener();
  }
}
