import { ErrorCode, MAX_CALL_HISTORY, type CallHistoryEntry, type EventDataMap, type EventName } from '../../src/protocol/index.js';
import type { CallHistoryStore, entryOf } from './call-history.js';
import type { Clock } from './clock.js';
import type { Logger } from './logger.js';
import { PhoneError, type PhoneChange } from './phone-types.js';

const DAY_MS = 86_400_000;
/** Calls with notes saved before they ended, remembered until they do (a bound, not a count anyone reaches). */
const MAX_PENDING = 20;

type WrapUp = Partial<Pick<CallHistoryEntry, 'disposition' | 'notes'>>;
/** Calls `getCallHistory` returns when the host names no `limit`. */
export const DEFAULT_HISTORY_LIMIT = 50;

export interface HistoryRecorderOptions {
  clock: Clock;
  log: Logger;
  /** Told when the count of missed calls the agent has not seen changes (the host's `OnMissedCallsChanged`). */
  missedChanged: (missed: number) => void;
  /** Tests pass their own (a database of their own); otherwise the widget origin's. */
  store?: CallHistoryStore;
}

/** The store and the entry mapping: loaded with the first operation, off the phone's first load. */
interface Loaded {
  store: CallHistoryStore;
  entryOf: typeof entryOf;
}

/**
 * Keeps the logged-in agent's call history: each call that ends becomes an entry, a wrap-up's
 * disposition and notes are added to it, entries older than the tenant's `historyDays` (and
 * past the newest 500) are pruned at login and on each write. Counts the missed calls the agent
 * has not seen since last opening the history. Store operations run one at a time in the order
 * they were asked for, so a host that reads the history after a hang-up event finds the call.
 * Not in the phone's first load: `LazyHistory` (lazy-history.ts) loads it at login and hands
 * it what came before; the IndexedDB code loads with its first operation.
 */
export class HistoryRecorder {
  readonly #options: HistoryRecorderOptions;
  #loaded: Promise<Loaded> | null = null;
  readonly #listeners = new Set<() => void>();
  #agent: string | null = null;
  #days = 30;
  #missed = 0;
  #queue: Promise<unknown> = Promise.resolve();
  /** Notes saved while their call was still up: written into its entry when it ends. */
  readonly #pending = new Map<string, WrapUp>();

  constructor(options: HistoryRecorderOptions) {
    this.#options = options;
  }

  /** Missed calls since the agent last opened the history (0 while nobody is logged in). */
  get missed(): number {
    return this.#missed;
  }

  /** Told when the history or the missed count changed. */
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Follows an agent (their key, `agentKey('history', …)`) with the tenant's days to keep; null at logout. Prunes at once. */
  use(agent: string | null, days: number): Promise<void> {
    this.#agent = agent;
    this.#days = days;
    if (!agent) {
      this.#setMissed(0, false);
      return Promise.resolve();
    }
    return this.#run(async ({ store }) => {
      await this.#prune(store, agent, days);
      await this.#recount(store, agent);
    }).catch((error: Error) => this.#options.log.warn(`call history not pruned: ${error.message}`));
  }

  /** Writes an entry when a change is a call ending. */
  record(change: PhoneChange): void {
    if (change.kind !== 'call' || change.call.state !== 'ended' || change.previous?.state === 'ended') return;
    const agent = this.#agent;
    if (!agent) return;
    const { call } = change;
    const now = this.#options.clock.now();
    const days = this.#days;
    void this.#run(async ({ store, entryOf }) => {
      const entry = { ...entryOf(call, now), ...this.#pending.get(call.callId) };
      this.#pending.delete(call.callId);
      await store.add(agent, entry);
      await this.#prune(store, agent, days);
      if (entry.result === 'missed') await this.#recount(store, agent);
      this.#changed();
    }).catch((error: Error) => this.#options.log.warn(`call ${call.callId} not kept in the history: ${error.message}`));
  }

  /**
   * Follows the after-call-work events the core sends the host: a wrap-up's disposition and
   * notes (`OnAfterCallWorkEnded`), and notes saved on their own (`OnCallNotesSubmitted`).
   */
  observe<N extends EventName>(name: N, data: EventDataMap[N]): void {
    if (name === 'OnAfterCallWorkEnded') {
      const { callId, disposition, notes } = data as EventDataMap['OnAfterCallWorkEnded'];
      void this.recordWrapUp(callId, disposition, notes);
    } else if (name === 'OnCallNotesSubmitted') {
      const { callId, notes } = data as EventDataMap['OnCallNotesSubmitted'];
      void this.#wrapUp(callId, { notes });
    }
  }

  /** The wrap-up of a call: its disposition code and notes go into its entry (or wait for the call to end). */
  recordWrapUp(callId: string, disposition: string, notes: string): Promise<CallHistoryEntry | null> {
    return this.#wrapUp(callId, { disposition, notes });
  }

  #wrapUp(callId: string, wrapUp: WrapUp): Promise<CallHistoryEntry | null> {
    const agent = this.#agent;
    if (!agent) return Promise.resolve(null);
    return this.#run(async ({ store }) => {
      const entry = await store.update(agent, callId, wrapUp);
      if (entry) this.#changed();
      else this.#remember(callId, wrapUp);
      return entry;
    }).catch((error: Error) => {
      this.#options.log.warn(`wrap-up of ${callId} not kept in the history: ${error.message}`);
      return null;
    });
  }

  #remember(callId: string, wrapUp: WrapUp): void {
    this.#pending.set(callId, { ...this.#pending.get(callId), ...wrapUp });
    if (this.#pending.size > MAX_PENDING) this.#pending.delete(this.#pending.keys().next().value!);
  }

  /** The agent's calls, newest first. */
  list(query: { limit?: number; before?: number } = {}): Promise<CallHistoryEntry[]> {
    const agent = this.#require();
    return this.#coded(this.#run(({ store }) => store.list(agent, query.limit ?? DEFAULT_HISTORY_LIMIT, query.before)));
  }

  /** Deletes the agent's history; resolves with how many calls went. */
  clear(): Promise<number> {
    const agent = this.#require();
    return this.#coded(
      this.#run(async ({ store }) => {
        const cleared = await store.clear(agent);
        this.#setMissed(0);
        this.#changed();
        return cleared;
      }),
    );
  }

  /** The agent opened the history: the missed calls so far count as seen. */
  markSeen(): Promise<void> {
    const agent = this.#agent;
    if (!agent) return Promise.resolve();
    const now = this.#options.clock.now();
    return this.#run(async ({ store }) => {
      await store.markSeen(agent, now);
      this.#setMissed(0);
    }).catch((error: Error) => this.#options.log.warn(`history not marked seen: ${error.message}`));
  }

  #require(): string {
    if (!this.#agent) throw new PhoneError({ code: ErrorCode.NotLoggedIn, message: 'no agent is logged in, so there is no call history' });
    return this.#agent;
  }

  /** Runs `op` after every operation asked for before it; one that fails does not stop the next. */
  #run<T>(op: (loaded: Loaded) => Promise<T>): Promise<T> {
    const next = this.#queue.then(() => this.#load()).then(op);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  #load(): Promise<Loaded> {
    if (!this.#loaded) {
      this.#loaded = import('./call-history.js').then(({ CallHistoryStore, entryOf }) => ({ store: this.#options.store ?? new CallHistoryStore(), entryOf }));
      // Offline or a failed deploy: the next operation tries to load it again.
      this.#loaded.catch(() => (this.#loaded = null));
    }
    return this.#loaded;
  }

  #coded<T>(pending: Promise<T>): Promise<T> {
    return pending.catch((error: Error) => {
      throw new PhoneError({ code: ErrorCode.Internal, message: `the call history in this browser could not be used: ${error.message}` });
    });
  }

  #prune(store: CallHistoryStore, agent: string, days: number): Promise<number> {
    return store.prune(agent, this.#options.clock.now() - days * DAY_MS, MAX_CALL_HISTORY);
  }

  async #recount(store: CallHistoryStore, agent: string): Promise<void> {
    const missed = await store.missedSince(agent, await store.seenAt(agent));
    // The agent may have logged out (or another logged in) meanwhile: that count is not theirs.
    if (this.#agent === agent) this.#setMissed(missed);
  }

  #setMissed(missed: number, tellHost = true): void {
    if (missed === this.#missed) return;
    this.#missed = missed;
    if (tellHost) this.#options.missedChanged(missed);
    this.#changed();
  }

  #changed(): void {
    for (const listener of [...this.#listeners]) listener();
  }
}
