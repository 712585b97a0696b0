import {
  ErrorCode,
  NS,
  PROTOCOL_VERSION,
  isRecord,
  isWidgetMessage,
  type ActionDataMap,
  type ActionName,
  type ActionResultMap,
  type EventMessage,
  type PhonePrefs,
  type RingsideError,
} from '../protocol/index.js';

/** A failed action, as the promise from an element method rejects. */
export class RingsideActionError extends Error {
  readonly code: RingsideError['code'];
  constructor(error: RingsideError) {
    super(error.message);
    this.name = 'RingsideActionError';
    this.code = error.code;
  }
}

/** Per-call options of `sendAction`. */
export interface ActionOptions {
  /** How long to wait for the widget's result before rejecting with `timeout`. */
  timeoutMs?: number;
}

interface Pending {
  resolve: (data: unknown) => void;
  reject: (error: RingsideActionError) => void;
  timer: ReturnType<typeof setTimeout>;
  /** Posted to a widget page (not just queued for one). */
  sent: boolean;
}

/**
 * How long an action may take. Most answer at once (commands resolve when sent); hold and
 * unhold wait up to 8 s for the re-INVITE's answer, so 15 s covers them. Actions that chain
 * several SIP requests get longer: a line switch is two re-INVITEs, an attended transfer a
 * re-INVITE and a call, completing one a REFER (a non-INVITE transaction: up to 32 s).
 */
const DEFAULT_TIMEOUT_MS = 15_000;
const ACTION_TIMEOUTS_MS: Partial<Record<ActionName, number>> = {
  changeActiveLine: 25_000,
  attendedTransfer: 25_000,
  cancelAttendedTransfer: 25_000,
  completeAttendedTransfer: 40_000,
  logout: 25_000,
};

/**
 * A widget newer than this SDK may send codes or shapes it does not know: pass the code
 * through, and never let a missing error make reading the result throw.
 */
function errorOf(value: unknown): RingsideError {
  if (!isRecord(value) || typeof value.code !== 'string') return { code: ErrorCode.Internal, message: 'the widget reported an error without a code' };
  return { code: value.code as ErrorCode, message: typeof value.message === 'string' ? value.message : value.code };
}

export interface ConnectionCallbacks {
  onEvent(message: EventMessage): void;
  onRefused(error: RingsideError): void;
}

/** What logs the widget in: a token, or Tegsoft's usercode + clearpassword. */
export interface Credentials {
  token?: string;
  usercode?: string;
  clearpassword?: string;
}

let nextId = 0;

function readStorage(key: string): string | null {
  try {
    return sessionStorage.getItem(key);
  } catch {
    return null;
  }
}

function writeStorage(key: string, value: string): void {
  try {
    sessionStorage.setItem(key, value);
  } catch {
    // Blocked storage only costs the re-mount replay.
  }
}

/**
 * The host's end of the widget connection: a `hello` posted to the iframe's window at the
 * widget's origin only, carrying a MessagePort; then actions and results over that port.
 * Actions made before the widget welcomed us wait in a queue. Every action settles: with
 * its result, with `timeout` when none comes in time, with `widget_reloaded` when the page
 * it went to is replaced, with `disconnected` when the element is removed.
 */
export class WidgetConnection {
  readonly #callbacks: ConnectionCallbacks;
  readonly #pending = new Map<string, Pending>();
  /** Actions waiting for the widget's welcome, by id. */
  #queue = new Map<string, object>();
  #port: MessagePort | null = null;
  #welcomed = false;
  #lastSeq = 0;
  /** The widget's sequence that #lastSeq counts in. */
  #epoch = '';

  #storageKey = '';

  constructor(callbacks: ConnectionCallbacks) {
    this.#callbacks = callbacks;
  }

  get lastSeq(): number {
    return this.#lastSeq;
  }

  /**
   * Shakes hands with a freshly loaded widget window. `prefs` go in every hello (the widget
   * reads them at each handshake), so the element passes what its options say at that moment.
   */
  open(target: Window, widgetOrigin: string, credentials: Credentials = {}, prefs: PhonePrefs = {}): void {
    // A new page loaded: what the previous one was doing is lost with it. Actions only queued
    // were never delivered and wait for this page instead.
    this.#settleAll(ErrorCode.WidgetReloaded, 'the widget page reloaded before it answered', (pending) => pending.sent);
    this.close();
    // Remember the last event seen per widget origin in this tab, so a re-mounted element
    // (a single-page app re-rendering) asks only for what it missed.
    this.#storageKey = `ringside.lastSeq:${widgetOrigin}`;
    const saved = /^(\w+):(\d+)$/.exec(readStorage(this.#storageKey) ?? '');
    if (saved && (!this.#epoch || saved[1] === this.#epoch)) {
      this.#epoch = saved[1]!;
      this.#lastSeq = Math.max(this.#lastSeq, Number(saved[2]));
    }
    const channel = new MessageChannel();
    this.#port = channel.port1;
    this.#port.onmessage = (event) => this.#receive(event.data);
    const hello: Record<string, unknown> = { ns: NS, type: 'hello', v: PROTOCOL_VERSION, lastSeq: this.#lastSeq, ...credentials, prefs, runsTriggers: true };
    if (this.#epoch) hello.epoch = this.#epoch;
    target.postMessage(hello, widgetOrigin, [channel.port2]);
  }

  close(): void {
    this.#port?.close();
    this.#port = null;
    this.#welcomed = false;
  }

  /** Sends an action; settles with its result, or with a coded error when none can come. */
  send<N extends ActionName>(name: N, data?: ActionDataMap[N], options: ActionOptions = {}): Promise<ActionResultMap[N]> {
    nextId += 1;
    const id = `a${nextId}`;
    const message: Record<string, unknown> = { type: 'action', group: 'agent', name, ns: NS, v: PROTOCOL_VERSION, id };
    if (data !== undefined) message.data = data;
    const timeoutMs = options.timeoutMs ?? ACTION_TIMEOUTS_MS[name] ?? DEFAULT_TIMEOUT_MS;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.#settle(id, { code: ErrorCode.Timeout, message: `the widget did not answer ${name} within ${timeoutMs} ms` }), timeoutMs);
      this.#pending.set(id, { resolve: resolve as (data: unknown) => void, reject, timer, sent: false });
      this.#queue.set(id, message);
      if (this.#welcomed) this.#flush();
    });
  }

  #flush(): void {
    const port = this.#port;
    if (!port) return;
    for (const [id, message] of this.#queue) {
      const pending = this.#pending.get(id);
      if (!pending) continue;
      pending.sent = true;
      port.postMessage(message);
    }
    this.#queue.clear();
  }

  /** Settles one pending action: with its result's data, or rejected with `error`. */
  #settle(id: string, error: RingsideError | null, data?: unknown): void {
    const pending = this.#pending.get(id);
    if (!pending) return;
    this.#pending.delete(id);
    this.#queue.delete(id);
    clearTimeout(pending.timer);
    if (error) pending.reject(new RingsideActionError(error));
    else pending.resolve(data);
  }

  #settleAll(code: ErrorCode, message: string, which: (pending: Pending) => boolean = () => true): void {
    for (const [id, pending] of this.#pending) if (which(pending)) this.#settle(id, { code, message });
  }

  #receive(data: unknown): void {
    if (!isWidgetMessage(data)) return;
    switch (data.type) {
      case 'welcome':
        if (data.epoch !== this.#epoch) {
          // A new sequence (a fresh widget session): its seq starts again from 1.
          this.#epoch = data.epoch;
          this.#lastSeq = 0;
        }
        this.#welcomed = true;
        this.#flush();
        return;
      case 'refused': {
        const error = errorOf(data.error);
        this.#settleAll(error.code, error.message);
        this.close();
        this.#callbacks.onRefused(error);
        return;
      }
      case 'result':
        if (typeof data.id === 'string') this.#settle(data.id, data.ok ? null : errorOf(data.error), data.ok ? data.data : undefined);
        return;
      case 'event':
        // The widget replays only what comes after our lastSeq in its epoch; no filter here.
        this.#lastSeq = Math.max(this.#lastSeq, data.seq);
        writeStorage(this.#storageKey, `${this.#epoch}:${data.seq}`);
        this.#callbacks.onEvent(data);
        return;
    }
  }

  /** The element went away: pending actions fail rather than hang. */
  dispose(): void {
    this.#settleAll(ErrorCode.Disconnected, 'the phone element was removed');
    this.close();
  }
}
