import {
  ErrorCode,
  NS,
  PROTOCOL_VERSION,
  isWidgetMessage,
  type ActionDataMap,
  type ActionName,
  type ActionResultMap,
  type EventMessage,
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

interface Pending {
  resolve: (data: unknown) => void;
  reject: (error: RingsideActionError) => void;
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
 * Actions made before the widget welcomed us wait in a queue.
 */
export class WidgetConnection {
  readonly #callbacks: ConnectionCallbacks;
  readonly #pending = new Map<string, Pending>();
  #queue: object[] = [];
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

  /** Shakes hands with a freshly loaded widget window. */
  open(target: Window, widgetOrigin: string, credentials: Credentials = {}): void {
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
    const hello: Record<string, unknown> = { ns: NS, type: 'hello', v: PROTOCOL_VERSION, lastSeq: this.#lastSeq, ...credentials };
    if (this.#epoch) hello.epoch = this.#epoch;
    target.postMessage(hello, widgetOrigin, [channel.port2]);
  }

  close(): void {
    this.#port?.close();
    this.#port = null;
    this.#welcomed = false;
  }

  send<N extends ActionName>(name: N, data?: ActionDataMap[N]): Promise<ActionResultMap[N]> {
    nextId += 1;
    const id = `a${nextId}`;
    const message: Record<string, unknown> = { type: 'action', group: 'agent', name, ns: NS, v: PROTOCOL_VERSION, id };
    if (data !== undefined) message.data = data;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (data: unknown) => void, reject });
      if (this.#welcomed && this.#port) this.#port.postMessage(message);
      else this.#queue.push(message);
    });
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
        for (const message of this.#queue) this.#port?.postMessage(message);
        this.#queue = [];
        return;
      case 'refused':
        this.#fail(data.error);
        this.#callbacks.onRefused(data.error);
        return;
      case 'result': {
        const pending = data.id ? this.#pending.get(data.id) : undefined;
        if (!pending || !data.id) return;
        this.#pending.delete(data.id);
        if (data.ok) pending.resolve(data.data);
        else pending.reject(new RingsideActionError(data.error));
        return;
      }
      case 'event':
        // The widget replays only what comes after our lastSeq in its epoch; no filter here.
        this.#lastSeq = Math.max(this.#lastSeq, data.seq);
        writeStorage(this.#storageKey, `${this.#epoch}:${data.seq}`);
        this.#callbacks.onEvent(data);
        return;
    }
  }

  #fail(error: RingsideError): void {
    for (const pending of this.#pending.values()) pending.reject(new RingsideActionError(error));
    this.#pending.clear();
    this.#queue = [];
    this.close();
  }

  /** The element went away: pending actions fail rather than hang. */
  dispose(): void {
    this.#fail({ code: ErrorCode.NotLoggedIn, message: 'the phone element was removed' });
  }
}
