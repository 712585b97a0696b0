/**
 * The ringtone and the call-waiting tone, made with Web Audio rather than audio files (nothing
 * to fetch, nothing to cache, and the tone starts the instant a call arrives).
 */

export type TonePattern = 'ring' | 'call-waiting';

/** One tone's sound: its frequencies, how long it sounds in each cycle, the cycle, and its loudness per frequency. */
interface Cadence {
  frequencies: readonly number[];
  on: number;
  period: number;
  level: number;
}

/**
 * Ring: the North American two-tone ring (440 + 480 Hz), 2 s on, 4 s off. Call waiting: a
 * short, quiet 440 Hz beep every 5 s, so it is noticed over a call without drowning it.
 */
const cadences: Readonly<Record<TonePattern, Cadence>> = {
  ring: { frequencies: [440, 480], on: 2, period: 6, level: 0.1 },
  'call-waiting': { frequencies: [440], on: 0.3, period: 5, level: 0.03 },
};

/** Seconds for the level to rise or fall at each edge; a hard edge clicks. */
const edge = 0.01;
/** Never schedule the next stretch with less than this many seconds to spare. */
const maxLead = 10;

export interface ToneFallback {
  /** The output that was asked for and could not be used; the tone plays on the default instead. */
  sinkId: string;
  /** The browser's reason, for the log. */
  reason: string;
}

export interface TonesOptions {
  /** Told when the chosen output could not be used (unplugged, not allowed, not supported) and the default plays the tone. */
  onFallback?: (fallback: ToneFallback) => void;
  /** Told when the browser will not play the tone, usually because it wants a user gesture first. */
  onBlocked?: (reason: string) => void;
  /** Seconds of cadence scheduled at a time, rounded to whole cycles (default 60); tests shorten it. */
  scheduleSeconds?: number;
  /** Tests pass their own to watch it close. */
  createContext?: () => AudioContext;
  /** Tests pass their own to watch `play()` or refuse it. */
  createAudio?: () => HTMLAudioElement;
}

/** Everything one tone holds, so that `stop()` can let go of all of it. */
interface Playback {
  readonly pattern: TonePattern;
  readonly sinkId: string;
  readonly context: AudioContext;
  readonly output: MediaStreamAudioDestinationNode;
  readonly envelope: GainNode;
  readonly audio: HTMLAudioElement;
  /** A silent source whose end, shortly before the scheduled stretch runs out, schedules the next. */
  sentinel: ConstantSourceNode | null;
}

/**
 * Plays one tone at a time on a chosen output. The graph (oscillators → envelope → stream) is
 * played by an `<audio>` element because `setSinkId` on a media element is what browsers
 * support for choosing an output; `AudioContext.setSinkId` is Chromium-only.
 *
 * The cadence is automation on the AudioContext's own clock, scheduled a minute at a time and
 * extended when a silent sentinel source ends, so nothing ticks in JavaScript while a tone
 * plays, and a busy main thread cannot make the cadence stutter. `stop()` closes the context:
 * no timers, no running audio thread.
 */
export class Tones {
  private readonly options: TonesOptions;
  private current: Playback | null = null;

  constructor(options: TonesOptions = {}) {
    this.options = options;
  }

  /** The tone playing (or asked for and waiting on the browser), or null. */
  get playing(): TonePattern | null {
    return this.current?.pattern ?? null;
  }

  /** The tone as a stream (what the `<audio>` element plays), or null when silent; lets a test or a mixer listen. */
  get stream(): MediaStream | null {
    return this.current?.output.stream ?? null;
  }

  /** Rings on `sinkId` ('' = default output) until `stop()`. Resolves once playing was asked of the browser; never rejects. */
  ring(sinkId: string): Promise<void> {
    return this.start('ring', sinkId);
  }

  /** Beeps quietly on `sinkId` ('' = default output) until `stop()`, for a second call while on one. */
  callWaiting(sinkId: string): Promise<void> {
    return this.start('call-waiting', sinkId);
  }

  /** Silences the tone and closes its AudioContext. Safe to call when nothing plays. */
  async stop(): Promise<void> {
    const playback = this.current;
    this.current = null;
    if (!playback) return;
    if (playback.sentinel) playback.sentinel.onended = null;
    playback.audio.pause();
    playback.audio.srcObject = null;
    playback.output.stream.getTracks().forEach((track) => track.stop());
    try {
      await playback.context.close();
    } catch {
      // Already closed: nothing is left running either way.
    }
  }

  private async start(pattern: TonePattern, sinkId: string): Promise<void> {
    if (this.current?.pattern === pattern && this.current.sinkId === sinkId) return;
    void this.stop();
    let playback: Playback;
    try {
      playback = this.build(pattern, sinkId);
    } catch (error) {
      // No audio at all (too many contexts, no output device): say so rather than throw into a call handler.
      this.options.onBlocked?.(describe(error));
      return;
    }
    this.current = playback;
    this.schedule(playback, playback.context.currentTime + edge);
    // Without a user gesture the context may start suspended; it then starts with the first gesture.
    playback.context.resume().catch(() => undefined);
    await this.route(playback);
    if (this.current !== playback) return;
    try {
      await playback.audio.play();
    } catch (error) {
      if (this.current === playback) this.options.onBlocked?.(describe(error));
    }
  }

  private build(pattern: TonePattern, sinkId: string): Playback {
    const context = this.options.createContext?.() ?? new AudioContext();
    const output = context.createMediaStreamDestination();
    const envelope = new GainNode(context, { gain: 0 });
    envelope.connect(output);
    for (const frequency of cadences[pattern].frequencies) {
      const oscillator = new OscillatorNode(context, { frequency });
      oscillator.connect(envelope);
      oscillator.start();
    }
    const audio = this.options.createAudio?.() ?? new Audio();
    audio.srcObject = output.stream;
    return { pattern, sinkId, context, output, envelope, audio, sentinel: null };
  }

  /** Schedules whole cycles from `from` and a sentinel that schedules the next stretch before this one runs out. */
  private schedule(playback: Playback, from: number): void {
    const cadence = cadences[playback.pattern];
    const cycles = Math.max(1, Math.round((this.options.scheduleSeconds ?? 60) / cadence.period));
    const length = cycles * cadence.period;
    const gain = playback.envelope.gain;
    for (let cycle = 0; cycle < cycles; cycle++) {
      const start = from + cycle * cadence.period;
      gain.setValueAtTime(0, start);
      gain.linearRampToValueAtTime(cadence.level, start + edge);
      gain.setValueAtTime(cadence.level, start + cadence.on - edge);
      gain.linearRampToValueAtTime(0, start + cadence.on);
    }
    const sentinel = new ConstantSourceNode(playback.context, { offset: 0 });
    // Connected so that the browser runs it (and fires `ended`); it adds nothing but zeros.
    sentinel.connect(playback.output);
    sentinel.onended = () => {
      sentinel.disconnect();
      if (this.current !== playback) return;
      // If the page was frozen past the stretch's end, restart the cadence now rather than in the past.
      const next = Math.max(from + length, playback.context.currentTime + edge);
      this.schedule(playback, next);
    };
    sentinel.start();
    sentinel.stop(from + length - Math.min(maxLead, length / 2));
    playback.sentinel = sentinel;
  }

  /** Sends the tone to the chosen output; when that fails it stays on the default, and `onFallback` hears why. */
  private async route(playback: Playback): Promise<void> {
    if (!playback.sinkId) return;
    try {
      if (typeof playback.audio.setSinkId !== 'function') throw new DOMException('This browser cannot choose an audio output', 'NotSupportedError');
      await playback.audio.setSinkId(playback.sinkId);
    } catch (error) {
      if (this.current === playback) this.options.onFallback?.({ sinkId: playback.sinkId, reason: describe(error) });
    }
  }
}

function describe(error: unknown): string {
  if (error instanceof Error || error instanceof DOMException) return `${error.name}: ${error.message}`;
  return String(error);
}
