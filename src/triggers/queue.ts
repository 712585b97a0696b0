/**
 * The outbox of background triggers: at least once. Each request is written to IndexedDB in
 * the CRM page before it is tried, tried again with exponential backoff and jitter while the
 * endpoint fails or the network is down, tried again after a reload, and sent with `keepalive`
 * when the page is hidden (it stays in the outbox: the next load sends it once more, and the
 * receiver deduplicates by `Idempotency-Key`). One tab at a time drains the outbox (a Web Lock).
 *
 * What "delivered" means: `confirmed` is a 2xx read from an endpoint that allows CORS. When the
 * CORS request does not get through, the same attempt is sent once more in `no-cors` mode; an
 * opaque answer to that is `sent` (it left the browser; its status cannot be read). A no-cors
 * request carries only CORS-safelisted headers: no `Idempotency-Key`, and a JSON body goes as
 * text/plain, so a receiver that needs the id takes it from `<%EVENTID%>` in the URL or body.
 */

export interface Outgoing {
  eventId: string;
  /**
   * Whose it is (the agent's user id, with the tenant where the phone knows it; `''` when the
   * runner did not know the agent yet). Every request is delivered, whoever is logged in when
   * its turn comes (it is the tenant's data for the tenant's endpoint), but its steps are
   * reported only while its agent is the runner's: one agent's callers never reach the next
   * agent's page or log.
   */
  owner: string;
  trigger: string;
  event: string;
  url: string;
  method: 'GET' | 'POST';
  body: string | null;
  contentType: string | null;
  attempts: number;
  /** When it may be tried next (ms since the epoch). */
  nextAt: number;
  createdAt: number;
}

export interface RetryOptions {
  /** Delay before the second attempt; each next one doubles, with jitter (default 1 s). */
  firstDelayMs?: number;
  /** The longest delay between attempts (default 5 min). */
  maxDelayMs?: number;
  /** Attempts before the request is dropped with `gave_up` (default 12, about 20 minutes). */
  maxAttempts?: number;
}

export interface QueueListener {
  delivered(item: Outgoing, delivery: 'confirmed' | 'sent', status: number): void;
  failed(item: Outgoing, code: 'http_error' | 'network_error' | 'gave_up', message: string, willRetry: boolean): void;
}

const DB_NAME = 'ringside-triggers';
const STORE = 'outbox';
const SEEN = 'seen';
const LOCK = 'ringside-triggers-outbox';
/** More waiting requests than this and the oldest are dropped (`gave_up`): a full disk is worse. */
const MAX_WAITING = 500;

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

let opening: Promise<IDBDatabase> | null = null;
function database(): Promise<IDBDatabase> {
  opening ??= new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open(DB_NAME, 1);
    open.onupgradeneeded = () => {
      open.result.createObjectStore(STORE, { keyPath: 'eventId' });
      open.result.createObjectStore(SEEN, { keyPath: 'fingerprint' });
    };
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  }).catch((error: unknown) => {
    opening = null;
    throw error;
  });
  return opening;
}

async function store(mode: IDBTransactionMode, name = STORE): Promise<IDBObjectStore> {
  return (await database()).transaction(name, mode).objectStore(name);
}

let claims = 0;

/**
 * Whether this tab is the one to fire an event's triggers. Several CRM tabs, each with a phone
 * of the same agent, get the same call: the first tab to note the event fires, the others see
 * another tab's note within `withinMs` and do not. One IndexedDB read-write transaction does
 * the read and the note, so two tabs cannot both be first. Without IndexedDB every tab fires.
 */
export async function claimEvent(fingerprint: string, at: number, tab: string, withinMs: number): Promise<boolean> {
  try {
    const seen = await store('readwrite', SEEN);
    const other = (await request(seen.get(fingerprint))) as { at: number; tab: string } | undefined;
    if (other && other.tab !== tab && Math.abs(at - other.at) < withinMs) return false;
    seen.put({ fingerprint, at, tab });
    claims += 1;
    if (claims % 50 === 0) {
      // Old notes are of no use: drop them now and then.
      const all = (await request(seen.getAll())) as { fingerprint: string; at: number }[];
      for (const note of all) if (at - note.at > 60_000) seen.delete(note.fingerprint);
    }
    return true;
  } catch {
    return true;
  }
}

/** Whether a status is worth trying again: the server's trouble, not a refusal of the request. */
const retriable = (status: number) => status >= 500 || status === 408 || status === 429;

export class DeliveryQueue {
  /** The agent whose requests' steps are reported (see `Outgoing.owner`). */
  owner = '';
  readonly #listener: QueueListener;
  readonly #retry: Required<RetryOptions>;
  /** Every request this tab knows is not delivered yet, for the flush on page hide. */
  readonly #known = new Map<string, Outgoing>();
  readonly #inFlight = new Set<string>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #draining = false;
  #again = false;
  #disposed = false;

  constructor(listener: QueueListener, retry: RetryOptions = {}) {
    this.#listener = listener;
    this.#retry = { firstDelayMs: retry.firstDelayMs ?? 1000, maxDelayMs: retry.maxDelayMs ?? 300_000, maxAttempts: retry.maxAttempts ?? 12 };
    addEventListener('pagehide', this.#onHide);
    addEventListener('online', this.#onOnline);
  }

  /** Writes a request to the outbox and starts delivering. Resolves once it is stored. */
  async enqueue(item: Outgoing): Promise<void> {
    this.#known.set(item.eventId, item);
    try {
      const outbox = await store('readwrite');
      await request(outbox.put(item));
      const count = await request((await store('readonly')).count());
      if (count > MAX_WAITING) await this.#dropOldest(count - MAX_WAITING);
    } catch {
      // No IndexedDB (private mode, blocked storage): the request is still tried from memory.
    }
    this.kick();
  }

  /** Delivers what is due now, then sleeps until the next is due. */
  kick(): void {
    if (this.#disposed) return;
    if (this.#draining) {
      this.#again = true;
      return;
    }
    this.#draining = true;
    void this.#withLock(() => this.#drain())
      .catch(() => undefined)
      .finally(() => {
        this.#draining = false;
        this.#schedule();
      });
  }

  dispose(): void {
    this.#disposed = true;
    clearTimeout(this.#timer);
    removeEventListener('pagehide', this.#onHide);
    removeEventListener('online', this.#onOnline);
  }

  #onOnline = (): void => this.kick();

  /** The page goes away: everything not yet confirmed goes out once more with keepalive. */
  #onHide = (): void => {
    for (const item of this.#known.values()) {
      try {
        void fetch(item.url, { ...this.#init(item, 'cors'), keepalive: true }).catch(() => undefined);
      } catch {
        // keepalive bodies are capped (64 kB in all): the outbox keeps it for the next load.
      }
    }
  };

  async #withLock(work: () => Promise<void>): Promise<void> {
    const locks = (navigator as Navigator & { locks?: LockManager }).locks;
    // Web Locks need a secure context; on a plain-http page each tab drains on its own.
    if (!locks) return work();
    await locks.request(LOCK, { ifAvailable: true }, async (lock) => {
      if (lock) await work();
    });
  }

  async #waiting(): Promise<Outgoing[]> {
    let items: Outgoing[];
    try {
      items = await request((await store('readonly')).getAll() as IDBRequest<Outgoing[]>);
    } catch {
      items = [];
    }
    // Requests of this tab that storage could not keep are tried too.
    const ids = new Set(items.map((item) => item.eventId));
    for (const item of this.#known.values()) if (!ids.has(item.eventId)) items.push(item);
    return items.sort((a, b) => a.createdAt - b.createdAt);
  }

  async #drain(): Promise<void> {
    do {
      this.#again = false;
      const now = Date.now();
      const due = (await this.#waiting()).filter((item) => item.nextAt <= now && !this.#inFlight.has(item.eventId)).slice(0, 20);
      await Promise.all(due.map((item) => this.#attempt(item)));
    } while (this.#again && !this.#disposed);
  }

  async #schedule(): Promise<void> {
    clearTimeout(this.#timer);
    if (this.#disposed) return;
    const items = await this.#waiting();
    if (items.length === 0) return;
    const next = Math.min(...items.map((item) => item.nextAt));
    this.#timer = setTimeout(() => this.kick(), Math.max(0, next - Date.now()));
  }

  #init(item: Outgoing, mode: RequestMode): RequestInit {
    const headers: Record<string, string> = { 'Idempotency-Key': item.eventId };
    if (item.contentType) headers['content-type'] = item.contentType;
    return { method: item.method, headers, body: item.body, mode };
  }

  async #attempt(item: Outgoing): Promise<void> {
    this.#inFlight.add(item.eventId);
    item.attempts += 1;
    try {
      let response: Response;
      try {
        response = await fetch(item.url, this.#init(item, 'cors'));
      } catch {
        // CORS refused and network down look the same. A preflighted request that failed never
        // reached the endpoint, so sending it no-cors now is no duplicate.
        response = await fetch(item.url, this.#init(item, 'no-cors'));
      }
      if (response.type === 'opaque') return await this.#done(item, () => this.#listener.delivered(item, 'sent', 0));
      if (response.ok) return await this.#done(item, () => this.#listener.delivered(item, 'confirmed', response.status));
      if (!retriable(response.status)) {
        return await this.#done(item, () => this.#listener.failed(item, 'http_error', `the endpoint answered ${response.status}; not retried`, false));
      }
      await this.#later(item, 'http_error', `the endpoint answered ${response.status}`);
    } catch {
      await this.#later(item, 'network_error', 'the request did not get through (network down, or the endpoint unreachable)');
    } finally {
      this.#inFlight.delete(item.eventId);
    }
  }

  async #done(item: Outgoing, report: () => void): Promise<void> {
    this.#known.delete(item.eventId);
    try {
      await request((await store('readwrite')).delete(item.eventId));
    } catch {
      // Storage gone: the memory copy is already forgotten.
    }
    // Another agent's request (from before they logged out here) is delivered without a word.
    if (this.#mine(item)) report();
  }

  async #later(item: Outgoing, code: 'http_error' | 'network_error', message: string): Promise<void> {
    if (item.attempts >= this.#retry.maxAttempts) {
      return this.#done(item, () => this.#listener.failed(item, 'gave_up', `${message}; gave up after ${item.attempts} attempts`, false));
    }
    // Exponential backoff with "equal jitter": half the delay fixed, half random.
    const delay = Math.min(this.#retry.maxDelayMs, this.#retry.firstDelayMs * 2 ** (item.attempts - 1));
    item.nextAt = Date.now() + delay / 2 + Math.random() * (delay / 2);
    this.#known.set(item.eventId, item);
    try {
      await request((await store('readwrite')).put(item));
    } catch {
      // Kept in memory only.
    }
    if (this.#mine(item)) this.#listener.failed(item, code, message, true);
  }

  /** Whether a request's steps are told here: its agent is the runner's (a request from before owners were kept has none). */
  #mine(item: Outgoing): boolean {
    return (item.owner ?? '') === this.owner;
  }

  async #dropOldest(count: number): Promise<void> {
    const items = (await this.#waiting()).slice(0, count);
    for (const item of items) await this.#done(item, () => this.#listener.failed(item, 'gave_up', `more than ${MAX_WAITING} requests waiting; the oldest is dropped`, false));
  }
}
