import type { CallHistoryEntry, CallHistoryResult, CallInfo } from '../../src/protocol/index.js';

/**
 * What goes into the call history and where it is kept; loaded by the history recorder with its
 * first operation (at login), so none of it is in the phone's first load.
 *
 * The agents' call histories in the widget origin's IndexedDB. One database for every agent of
 * the browser; each entry is stored under its agent's key (`agentKey('history', user, tenant)`)
 * and every read, prune and clear stays inside one agent's key range, so agents sharing a
 * browser never see each other's calls. Times are ms since the epoch; the caller says what
 * "now" is (the widget's clock), so pruning is testable.
 */

/** What an ended call was, from the agent's side (see `CallHistoryResult`). */
export function resultOf(call: CallInfo): CallHistoryResult {
  if (call.endReason === 'transferred') return 'transferred';
  if (call.answeredAt) return 'answered';
  if (call.direction === 'inbound') return call.endReason === 'rejected' ? 'rejected' : 'missed';
  switch (call.endReason) {
    case 'busy':
    case 'rejected':
      return 'rejected';
    case 'cancelled':
    case 'missed':
    case 'local_hangup':
    case 'remote_hangup':
      return 'unanswered';
    default:
      return 'failed';
  }
}

/** The history entry of an ended call; talk time in whole seconds from answered to ended (or the call's own count, if more). */
export function entryOf(call: CallInfo, now: number): CallHistoryEntry {
  const at = (iso: string | null) => (iso ? Date.parse(iso) : null);
  const answeredAt = at(call.answeredAt);
  const endedAt = at(call.endedAt) ?? now;
  return {
    callId: call.callId,
    direction: call.direction,
    number: call.remoteNumber,
    name: call.remoteName,
    ...(call.identity ? { identity: call.identity } : {}),
    startedAt: at(call.startedAt) ?? now,
    answeredAt,
    endedAt,
    duration: Math.max(call.duration, answeredAt === null ? 0 : Math.floor((endedAt - answeredAt) / 1000)),
    result: resultOf(call),
    endReason: call.endReason ?? 'failed',
    ...(call.queue ? { queue: call.queue } : {}),
    disposition: '',
    notes: '',
  };
}

const CALLS = 'calls';
const SEEN = 'seen';
/** Index on `[agent, startedAt]`: one agent's calls in time order. */
const BY_TIME = 'byTime';

type Stored = CallHistoryEntry & { agent: string };

const done = <T>(request: IDBRequest<T>): Promise<T> =>
  new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });

const committed = (tx: IDBTransaction): Promise<void> =>
  new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('call history transaction aborted'));
  });

/** One agent's calls started in [from, until), as a key range of the time index. */
const range = (agent: string, from: number, until: number): IDBKeyRange => IDBKeyRange.bound([agent, from], [agent, until], false, true);

const unstored = ({ agent: _agent, ...entry }: Stored): CallHistoryEntry => entry;

export class CallHistoryStore {
  readonly #factory: IDBFactory | null;
  readonly #name: string;
  #db: Promise<IDBDatabase> | null = null;

  /** `factory` null (a browser that refuses storage to this frame): every operation rejects. */
  constructor(factory: IDBFactory | null = globalThis.indexedDB ?? null, name = 'ringside-history') {
    this.#factory = factory;
    this.#name = name;
  }

  /** Stores an ended call (a second write of the same call id replaces the first). */
  async add(agent: string, entry: CallHistoryEntry): Promise<void> {
    const tx = (await this.#open()).transaction(CALLS, 'readwrite');
    tx.objectStore(CALLS).put({ ...entry, agent } satisfies Stored);
    await committed(tx);
  }

  /** Newest first: at most `limit` calls that started before `before`. */
  async list(agent: string, limit: number, before = Number.MAX_SAFE_INTEGER): Promise<CallHistoryEntry[]> {
    const tx = (await this.#open()).transaction(CALLS, 'readonly');
    const out: CallHistoryEntry[] = [];
    const cursor = tx.objectStore(CALLS).index(BY_TIME).openCursor(range(agent, 0, before), 'prev');
    await new Promise<void>((resolve, reject) => {
      cursor.onerror = () => reject(cursor.error);
      cursor.onsuccess = () => {
        const at = cursor.result;
        if (!at || out.length >= limit) return resolve();
        out.push(unstored(at.value as Stored));
        at.continue();
      };
    });
    return out;
  }

  /** Changes one call's fields; resolves with the entry as stored, or null if the agent has no such call. */
  async update(agent: string, callId: string, patch: Partial<Pick<CallHistoryEntry, 'disposition' | 'notes'>>): Promise<CallHistoryEntry | null> {
    const tx = (await this.#open()).transaction(CALLS, 'readwrite');
    const calls = tx.objectStore(CALLS);
    const stored = (await done(calls.get([agent, callId]))) as Stored | undefined;
    if (!stored) return null;
    const next = { ...stored, ...patch };
    calls.put(next);
    await committed(tx);
    return unstored(next);
  }

  /** Deletes the agent's calls that started before `olderThan`, then all but the newest `keep`; resolves with how many went. */
  async prune(agent: string, olderThan: number, keep: number): Promise<number> {
    const tx = (await this.#open()).transaction(CALLS, 'readwrite');
    const index = tx.objectStore(CALLS).index(BY_TIME);
    let deleted = 0;
    let kept = 0;
    const cursor = index.openCursor(range(agent, 0, Number.MAX_SAFE_INTEGER), 'prev');
    cursor.onsuccess = () => {
      const at = cursor.result;
      if (!at) return;
      if ((at.value as Stored).startedAt < olderThan || kept >= keep) {
        at.delete();
        deleted += 1;
      } else kept += 1;
      at.continue();
    };
    await committed(tx);
    return deleted;
  }

  /** Deletes all of the agent's calls; resolves with how many there were. */
  async clear(agent: string): Promise<number> {
    return this.prune(agent, Number.MAX_SAFE_INTEGER, 0);
  }

  /** How many of the agent's calls were missed (inbound, unanswered) after `since`. */
  async missedSince(agent: string, since: number): Promise<number> {
    const tx = (await this.#open()).transaction(CALLS, 'readonly');
    let missed = 0;
    const cursor = tx.objectStore(CALLS).index(BY_TIME).openCursor(range(agent, 0, Number.MAX_SAFE_INTEGER));
    cursor.onsuccess = () => {
      const at = cursor.result;
      if (!at) return;
      const entry = at.value as Stored;
      if (entry.result === 'missed' && entry.endedAt > since) missed += 1;
      at.continue();
    };
    await committed(tx);
    return missed;
  }

  /** When the agent last looked at the history (0: never). */
  async seenAt(agent: string): Promise<number> {
    const tx = (await this.#open()).transaction(SEEN, 'readonly');
    const record = (await done(tx.objectStore(SEEN).get(agent))) as { at: number } | undefined;
    return record?.at ?? 0;
  }

  async markSeen(agent: string, at: number): Promise<void> {
    const tx = (await this.#open()).transaction(SEEN, 'readwrite');
    tx.objectStore(SEEN).put({ agent, at });
    await committed(tx);
  }

  /** Closes the database (tests delete it afterwards). */
  async close(): Promise<void> {
    const db = await this.#db?.catch(() => null);
    db?.close();
    this.#db = null;
  }

  #open(): Promise<IDBDatabase> {
    if (this.#db) return this.#db;
    const factory = this.#factory;
    if (!factory) return Promise.reject(new Error('this browser keeps no IndexedDB for the phone'));
    const request = factory.open(this.#name, 1);
    request.onupgradeneeded = () => {
      const db = request.result;
      db.createObjectStore(CALLS, { keyPath: ['agent', 'callId'] }).createIndex(BY_TIME, ['agent', 'startedAt']);
      db.createObjectStore(SEEN, { keyPath: 'agent' });
    };
    this.#db = done(request).then((db) => {
      // Another tab upgrading the database: step aside, and open again on next use.
      db.onversionchange = () => {
        db.close();
        this.#db = null;
      };
      return db;
    });
    // A failed open is not kept: the next operation tries again.
    this.#db.catch(() => (this.#db = null));
    return this.#db;
  }
}
