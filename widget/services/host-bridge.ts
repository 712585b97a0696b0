import {
  ErrorCode,
  NS,
  PROTOCOL_VERSION,
  isHello,
  isOriginAllowed,
  looksLikeAction,
  parseAction,
  type ActionMessage,
  type ActionResultMap,
  type EventDataMap,
  type EventMessage,
  type EventName,
  type HelloMessage,
  type ResultMessage,
  type RingsideError,
} from '../../src/protocol/index.js';
import type { Logger } from './logger.js';
import { PhoneError } from './phone-types.js';

/**
 * The widget's end of the host connection. The host posts a `hello` to this window with a
 * MessagePort; once the host's origin is on the tenant's allow-list (known only after
 * login), all traffic moves to that port. Events get a `seq` and are kept in a ring buffer
 * so a host that shook hands late, or reconnects, gets what it missed.
 */

export interface BridgeHandlers {
  onHello(hello: HelloMessage): void;
  onConnected(): void;
  onAction(action: ActionMessage): Promise<ActionResultMap[keyof ActionResultMap]>;
}

interface Pending {
  origin: string;
  port: MessagePort;
  lastSeq: number;
}

const BUFFER_SIZE = 1000;

export class HostBridge {
  readonly #win: Window;
  readonly #handlers: BridgeHandlers;
  readonly #log: Logger;
  readonly #buffer: EventMessage[] = [];
  #seq = 0;
  #allowList: readonly string[] | null = null;
  #pending: Pending | null = null;
  #loginFailure: EventMessage | null = null;
  #port: MessagePort | null = null;
  #origin: string | null = null;

  constructor(win: Window, handlers: BridgeHandlers, log: Logger) {
    this.#win = win;
    this.#handlers = handlers;
    this.#log = log;
  }

  /** The verified host origin, once there is one. */
  get hostOrigin(): string | null {
    return this.#origin;
  }

  start(): void {
    this.#win.addEventListener('message', this.#onWindowMessage);
  }

  stop(): void {
    this.#win.removeEventListener('message', this.#onWindowMessage);
    this.#port?.close();
    this.#port = null;
  }

  /** The tenant's host origins, from the session API. Until then no host is trusted. */
  setAllowedOrigins(origins: readonly string[]): void {
    this.#allowList = origins;
    this.#verify();
  }

  emit<N extends EventName>(name: N, data: EventDataMap[N]): void {
    this.#seq += 1;
    const message = { type: 'event', group: 'agent', name, data, ns: NS, v: PROTOCOL_VERSION, seq: this.#seq } as EventMessage;
    this.#buffer.push(message);
    if (this.#buffer.length > BUFFER_SIZE) this.#buffer.shift();
    this.#post(message);
  }

  /**
   * A login failure, before the allow-list could be known: tell the parent that said hello
   * and supplied the port. It carries only the error code of credentials that parent gave.
   */
  emitLoginFailure(error: RingsideError): void {
    this.emit('OnLoginFailed', { error });
    this.#loginFailure = this.#buffer[this.#buffer.length - 1] ?? null;
    this.#deliverLoginFailure();
  }

  /** A later successful login (new credentials) makes the failure history. */
  clearLoginFailure(): void {
    this.#loginFailure = null;
  }

  #deliverLoginFailure(): void {
    const pending = this.#pending;
    if (pending && !this.#port && this.#loginFailure) pending.port.postMessage(this.#loginFailure);
  }

  #onWindowMessage = (event: MessageEvent): void => {
    if (this.#win.parent === this.#win || event.source !== this.#win.parent) return;
    if (!isHello(event.data)) return;
    const port = event.ports[0];
    if (!port) return;
    this.#pending?.port.close();
    this.#pending = { origin: event.origin, port, lastSeq: event.data.lastSeq ?? 0 };
    this.#handlers.onHello(event.data);
    this.#deliverLoginFailure();
    this.#verify();
  };

  #verify(): void {
    const pending = this.#pending;
    if (!pending || !this.#allowList) return;
    this.#pending = null;
    if (!isOriginAllowed(pending.origin, this.#allowList)) {
      this.#log.warn(`host origin ${pending.origin} is not allowed; it gets nothing`);
      pending.port.postMessage({ ns: NS, type: 'refused', v: PROTOCOL_VERSION, error: { code: ErrorCode.NotAllowedNow, message: 'this page is not an allowed host' } });
      pending.port.close();
      return;
    }
    this.#port?.close();
    this.#port = pending.port;
    this.#origin = pending.origin;
    this.#port.onmessage = (event) => this.#onPortMessage(event.data);
    this.#port.postMessage({ ns: NS, type: 'welcome', v: PROTOCOL_VERSION });
    for (const message of this.#buffer) if (message.seq > pending.lastSeq) this.#port.postMessage(message);
    this.#handlers.onConnected();
  }

  #post(message: EventMessage | ResultMessage): void {
    this.#port?.postMessage(message);
  }

  async #onPortMessage(data: unknown): Promise<void> {
    if (!looksLikeAction(data)) return;
    const parsed = parseAction(data);
    if (!parsed.ok) {
      this.#post(this.#result(parsed.name, parsed.group, parsed.id, { ok: false, error: parsed.error }));
      return;
    }
    const { action } = parsed;
    try {
      const value = await this.#handlers.onAction(action);
      this.#post(this.#result(action.name, action.group, action.id, { ok: true, data: value }));
    } catch (error) {
      const coded = error instanceof PhoneError ? error.error : { code: ErrorCode.Internal, message: 'the action failed inside the widget' };
      if (!(error instanceof PhoneError)) this.#log.error(`action ${action.name} threw: ${(error as Error)?.message}`);
      this.#post(this.#result(action.name, action.group, action.id, { ok: false, error: coded }));
    }
  }

  #result(
    name: string,
    group: ActionMessage['group'],
    id: string | undefined,
    outcome: { ok: true; data: ActionResultMap[keyof ActionResultMap] } | { ok: false; error: RingsideError },
  ): ResultMessage {
    const base = { type: 'result' as const, ns: NS, v: PROTOCOL_VERSION, group, name, ...(id === undefined ? {} : { id }) };
    return outcome.ok ? { ...base, ok: true, data: outcome.data } : { ...base, ok: false, error: outcome.error };
  }
}
