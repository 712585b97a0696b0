import { ErrorCode, type CallHistoryEntry, type EventDataMap, type EventName } from '../../src/protocol/index.js';
import type { HistoryRecorder, HistoryRecorderOptions } from './history-recorder.js';
import { PhoneError, type PhoneChange } from './phone-types.js';

export interface LazyHistoryOptions extends HistoryRecorderOptions {
  /** Tests pass their own to hold the recorder's load back (or fail it). */
  load?: () => Promise<typeof HistoryRecorder>;
}

/** Work for the recorder; `fail` when the work is an answer someone waits for (a load failure tells them). */
interface Waiting {
  work: (recorder: HistoryRecorder) => void;
  fail?: (error: PhoneError) => void;
}

/**
 * The agent's call history as the core and the views use it, while the recorder's code
 * (history-recorder.ts) is not in the phone's first load: it loads at login, and the login and
 * the registration do not wait for it. What arrives before it is there (the login's `use`,
 * phone changes, the workflow's events, a host's `getCallHistory`) waits here and is handed
 * to it in the order it came, so a call that ended meanwhile is in the history all the same.
 * The missed count is 0 until the recorder has counted.
 *
 * Before any agent logged in nothing is kept: the recorder writes nothing without an agent.
 */
export class LazyHistory {
  readonly #options: LazyHistoryOptions;
  #recorder: HistoryRecorder | null = null;
  #loading = false;
  #waiting: Waiting[] = [];
  /** The agent of the latest `use`, to refuse or drop at once what the recorder would. */
  #agent: string | null = null;
  readonly #listeners = new Set<() => void>();

  constructor(options: LazyHistoryOptions) {
    this.#options = options;
  }

  /** Missed calls since the agent last opened the history; 0 until the recorder has counted them. */
  get missed(): number {
    return this.#recorder?.missed ?? 0;
  }

  /** Told when the history or the missed count changed (and when the recorder has loaded). */
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Follows an agent (null at logout); an agent loads the recorder. See `HistoryRecorder.use`. */
  use(agent: string | null, days: number): Promise<void> {
    this.#agent = agent;
    // Never loaded, nothing waiting: there is nothing to forget for a logout.
    if (!agent && !this.#recorder && !this.#waiting.length) return Promise.resolve();
    return this.#with((recorder) => recorder.use(agent, days), Boolean(agent));
  }

  /** A call's end tries the load again if it failed (an agent who never opens the history still has it kept). */
  record(change: PhoneChange): void {
    if (this.#agent || this.#recorder) void this.#with((recorder) => recorder.record(change), change.kind === 'call' && change.call.state === 'ended');
  }

  observe<N extends EventName>(name: N, data: EventDataMap[N]): void {
    if (this.#agent || this.#recorder) void this.#with((recorder) => recorder.observe(name, data), false);
  }

  recordWrapUp(callId: string, disposition: string, notes: string): Promise<CallHistoryEntry | null> {
    if (!this.#agent && !this.#recorder) return Promise.resolve(null);
    return this.#with((recorder) => recorder.recordWrapUp(callId, disposition, notes));
  }

  /** The agent's calls, newest first; waits for the recorder and for what was asked of it before. */
  list(query: { limit?: number; before?: number } = {}): Promise<CallHistoryEntry[]> {
    this.#require();
    return this.#with((recorder) => recorder.list(query), true, true);
  }

  /** Deletes the agent's history; resolves with how many calls went. */
  clear(): Promise<number> {
    this.#require();
    return this.#with((recorder) => recorder.clear(), true, true);
  }

  markSeen(): Promise<void> {
    if (!this.#agent && !this.#recorder) return Promise.resolve();
    return this.#with((recorder) => recorder.markSeen());
  }

  /** Refuses at once, with the recorder's code, when nobody is logged in (no need to load it for that). */
  #require(): void {
    if (!this.#agent) throw new PhoneError({ code: ErrorCode.NotLoggedIn, message: 'no agent is logged in, so there is no call history' });
  }

  /**
   * Does `op` with the recorder: at once when it is there and nothing waits, else after what
   * waits, once it has loaded. `load`: start loading it (a login, an answer someone waits for).
   * `asked`: someone waits for the answer, so a failed load rejects it (coded) instead of
   * keeping it; anything else waits for the next load.
   */
  #with<T>(op: (recorder: HistoryRecorder) => T | Promise<T>, load = true, asked = false): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const work = (recorder: HistoryRecorder) => {
        try {
          resolve(op(recorder));
        } catch (error) {
          reject(error as Error);
        }
      };
      if (this.#recorder && !this.#waiting.length) {
        work(this.#recorder);
        return;
      }
      this.#waiting.push(asked ? { work, fail: reject } : { work });
      if (load) this.#load();
    });
  }

  #load(): void {
    if (this.#recorder || this.#loading) return;
    this.#loading = true;
    (this.#options.load ?? (() => import('./history-recorder.js').then((module) => module.HistoryRecorder)))().then(
      (Recorder) => {
        this.#loading = false;
        const recorder = new Recorder(this.#options);
        recorder.subscribe(() => this.#changed());
        this.#recorder = recorder;
        // In order; what arrives meanwhile (a listener's own call) goes after what was there.
        for (let next = this.#waiting.shift(); next; next = this.#waiting.shift()) next.work(recorder);
        this.#changed();
      },
      (error: Error) => {
        // Offline or a failed deploy: who waits for an answer gets an error; the changes and
        // the login wait for the next load (the next call to end, login, or answer asked for).
        this.#loading = false;
        this.#options.log.warn(`call history not loaded: ${error.message}`);
        const failure = new PhoneError({ code: ErrorCode.Internal, message: `the call history could not be loaded: ${error.message}` });
        for (const { fail } of this.#waiting) fail?.(failure);
        this.#waiting = this.#waiting.filter(({ fail }) => !fail);
      },
    );
  }

  #changed(): void {
    for (const listener of [...this.#listeners]) listener();
  }
}
