import {
  ErrorCode,
  NS,
  PROTOCOL_VERSION,
  isHello,
  isOriginAllowed,
  looksLikeAction,
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

export type ActionGuards = typeof import('../../src/protocol/action-guards.js');

/**
 * The check of each action (src/protocol/action-guards.ts) loads with the first action a host
 * sends: the phone needs none of it to log in and ring. Every action waits for the same load,
 * so actions are still performed in the order they came; a failed load fails the actions
 * waiting for it, with a code, and the next action tries again.
 */
export function actionGuardsLoader(load: () => Promise<ActionGuards> = () => import('../../src/protocol/action-guards.js')): () => Promise<ActionGuards> {
  let loading: Promise<ActionGuards> | null = null;
  return () =>
    (loading ??= load().catch((error: unknown) => {
      loading = null;
      throw error;
    }));
}

const loadActionGuards = actionGuardsLoader();

/**
 * The widget's end of the host connection. The host posts a `hello` to this window with a
 * MessagePort; once the host's origin is on the tenant's allow-list (known only after
 * login), all traffic moves to that port. Events get a `seq` and are kept in a ring buffer
 * so a host that shook hands late, or reconnects, gets what it missed.
 *
 * Hosts written for the Tegsoft widget never shake hands: they post actions to this window
 * and listen for events on theirs. For them a *window channel* opens when the parent's
 * origin (from `ancestorOrigins`, else the referrer) is allowed: events go to
 * `parent.postMessage(…, thatOrigin)` and actions from the parent at an allowed origin are
 * served there. A port handshake replaces the window channel.
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
  epoch: string | undefined;
  runsTriggers: boolean;
}

const newEpoch = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

const BUFFER_SIZE = 1000;
/** Undelivered events kept across a reload of the widget page (sessionStorage, this tab only). */
const PERSISTED_EVENTS = 200;
const STORAGE_KEY = 'ringside.events:';
/** Window-channel actions that may wait for the allow-list (login); more are dropped. */
const EARLY_ACTIONS = 100;

export function sessionStorageOf(win: Window): Storage | null {
  try {
    return win.sessionStorage ?? null;
  } catch {
    return null; // blocked (sandboxed frame, storage disabled)
  }
}

/** The parent page's origin as the browser reports it, before any message arrives. */
export function parentOriginOf(win: Window): string | null {
  if (win.parent === win) return null;
  const ancestors = win.location.ancestorOrigins;
  if (ancestors && ancestors.length > 0) return ancestors[0] ?? null;
  try {
    return win.document.referrer ? new URL(win.document.referrer).origin : null;
  } catch {
    return null;
  }
}

export class HostBridge {
  readonly #win: Window;
  readonly #loadGuards: () => Promise<ActionGuards>;
  readonly #handlers: BridgeHandlers;
  readonly #log: Logger;
  readonly #buffer: EventMessage[] = [];
  #seq = 0;
  /** The last seq of the previous page this one resumed from (0 for a new sequence). */
  #pageStart = 0;
  /** The highest seq posted to a host (port or window channel). */
  #delivered = 0;
  #epoch = newEpoch();
  #allowList: readonly string[] | null = null;
  #pending: Pending | null = null;
  #loginFailure: EventMessage | null = null;
  #port: MessagePort | null = null;
  readonly #parentOrigin: string | null;
  /** The verified parent origin of an open window channel. */
  #windowOrigin: string | null = null;
  #earlyActions: { origin: string; data: Record<string, unknown> }[] = [];
  /** Whether the connected port host said it runs URL triggers (`<ringside-phone>` does). */
  #hostRunsTriggers = false;
  /** Sees every event as it is emitted (the phone's own URL triggers, triggers/phone-triggers.ts). */
  observe: ((message: EventMessage) => void) | null = null;

  readonly #storage: Storage | null;
  #storageKey = '';

  constructor(
    win: Window,
    handlers: BridgeHandlers,
    log: Logger,
    parentOrigin: string | null = parentOriginOf(win),
    storage: Storage | null = sessionStorageOf(win),
    loadGuards: () => Promise<ActionGuards> = loadActionGuards,
  ) {
    this.#loadGuards = loadGuards;
    this.#win = win;
    this.#handlers = handlers;
    this.#log = log;
    this.#parentOrigin = parentOrigin;
    this.#storage = storage;
  }

  /**
   * Continues the sequence of this agent's previous widget page in this tab (an iframe
   * reload or a re-mounted element), if nothing was emitted yet. Called at login, since the
   * sequence belongs to the agent: several phones on one page share this storage.
   */
  resume(userId: string): void {
    this.#storageKey = STORAGE_KEY + userId;
    if (this.#seq !== 0) return;
    try {
      const saved: unknown = JSON.parse(this.#storage?.getItem(this.#storageKey) ?? 'null');
      if (!saved || typeof saved !== 'object') return;
      const { seq, events, epoch } = saved as { seq?: unknown; events?: unknown; epoch?: unknown };
      if (!Number.isInteger(seq) || !Array.isArray(events) || typeof epoch !== 'string') return;
      this.#seq = seq as number;
      this.#pageStart = this.#seq;
      this.#epoch = epoch;
      this.#buffer.push(...(events as EventMessage[]).filter((e) => e && e.ns === NS && Number.isInteger(e.seq) && e.seq <= this.#seq));
    } catch {
      this.#log.warn('saved events could not be read; starting a new sequence');
    }
  }

  /**
   * Saves what the next page needs to continue: the sequence, and the events no host has
   * been sent yet. Delivered events stay out of storage, since they carry callers' numbers and
   * names and the host already has them; the host's own `lastSeq` skips them on replay.
   * (A host page torn down with events in flight sees a gap in `seq`, not a wrong event.)
   */
  #persist = (): void => {
    if (!this.#storageKey) return;
    const events = this.#buffer.filter((e) => e.seq > this.#delivered).slice(-PERSISTED_EVENTS);
    try {
      this.#storage?.setItem(this.#storageKey, JSON.stringify({ seq: this.#seq, epoch: this.#epoch, events }));
    } catch {
      // Storage full or blocked: the next page starts a new sequence, which hosts detect.
    }
  };

  /**
   * The agent logged out: the event log with its callers' data leaves storage and memory,
   * and nothing is saved again until the next login. The sequence itself carries on, so a
   * connected host sees no jump.
   */
  endSession(): void {
    try {
      if (this.#storageKey) this.#storage?.removeItem(this.#storageKey);
    } catch {
      // Blocked storage holds nothing to clear.
    }
    this.#storageKey = '';
    this.#buffer.length = 0;
    this.#loginFailure = null;
  }

  start(): void {
    this.#win.addEventListener('message', this.#onWindowMessage);
    this.#win.addEventListener('pagehide', this.#persist);
  }

  stop(): void {
    this.#win.removeEventListener('message', this.#onWindowMessage);
    this.#win.removeEventListener('pagehide', this.#persist);
    this.#port?.close();
    this.#port = null;
  }

  /** The tenant's host origins, from the session API. Until then no host is trusted. */
  setAllowedOrigins(origins: readonly string[]): void {
    const first = this.#allowList === null;
    this.#allowList = origins;
    this.#verify();
    if (first) this.#openWindowChannel();
    const early = this.#earlyActions;
    this.#earlyActions = [];
    for (const { origin, data } of early) this.#windowAction(origin, data);
  }

  emit<N extends EventName>(name: N, data: EventDataMap[N]): void {
    this.#seq += 1;
    const message = { type: 'event', group: 'agent', name, data, ns: NS, v: PROTOCOL_VERSION, seq: this.#seq } as EventMessage;
    this.#buffer.push(message);
    if (this.#buffer.length > BUFFER_SIZE) this.#buffer.shift();
    this.#send(message);
    this.observe?.(message);
  }

  /** Whether a connected host runs URL triggers, so the phone does not. */
  get hostRunsTriggers(): boolean {
    return this.#hostRunsTriggers;
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
    if (!this.#loginFailure || this.#port) return;
    if (pending) pending.port.postMessage(this.#loginFailure);
    else if (this.#parentOrigin && this.#parentOrigin !== 'null') this.#win.parent.postMessage(this.#loginFailure, this.#parentOrigin);
  }

  #onWindowMessage = (event: MessageEvent): void => {
    if (this.#win.parent === this.#win || event.source !== this.#win.parent) return;
    if (looksLikeAction(event.data)) {
      if (this.#allowList) this.#windowAction(event.origin, event.data);
      else if (this.#earlyActions.length < EARLY_ACTIONS) this.#earlyActions.push({ origin: event.origin, data: event.data });
      return;
    }
    if (!isHello(event.data)) return;
    const port = event.ports[0];
    if (!port) return;
    this.#pending?.port.close();
    this.#pending = { origin: event.origin, port, lastSeq: event.data.lastSeq ?? 0, epoch: event.data.epoch, runsTriggers: event.data.runsTriggers !== false };
    // A host is here, and its actions will follow: fetch their check now (#serve waits for it).
    void this.#loadGuards().catch(() => undefined);
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
    this.#hostRunsTriggers = pending.runsTriggers;
    this.#windowOrigin = null;
    const port = this.#port;
    port.onmessage = (event) => void this.#serve(event.data, (reply) => port.postMessage(reply));
    this.#port.postMessage({ ns: NS, type: 'welcome', v: PROTOCOL_VERSION, epoch: this.#epoch });
    // A host in this sequence gets what it missed, even from the previous page; any other
    // host gets only this page's events (the previous page's are stale facts to it).
    const from = pending.epoch === this.#epoch ? pending.lastSeq : this.#pageStart;
    for (const message of this.#buffer) if (message.seq > from) this.#send(message);
    this.#handlers.onConnected();
  }

  /** Posts an event to the current host, if any, and counts it as delivered. */
  #send(message: EventMessage): void {
    if (this.#port) this.#port.postMessage(message);
    else if (this.#windowOrigin) this.#win.parent.postMessage(message, this.#windowOrigin);
    else return;
    this.#delivered = Math.max(this.#delivered, message.seq);
  }

  /** Opens the Tegsoft-style window channel if no port host exists and the parent is allowed. */
  #openWindowChannel(): void {
    const origin = this.#parentOrigin;
    if (this.#port || this.#pending || !origin || !this.#allowList || !isOriginAllowed(origin, this.#allowList)) return;
    this.#windowOrigin = origin;
    // A window-channel host cannot ask for the previous page's events: no need to keep them.
    this.#delivered = Math.max(this.#delivered, this.#pageStart);
    for (const message of this.#buffer) if (message.seq > this.#pageStart) this.#send(message);
    this.#handlers.onConnected();
  }

  #windowAction(origin: string, data: Record<string, unknown>): void {
    if (!this.#allowList || !isOriginAllowed(origin, this.#allowList)) {
      this.#log.warn(`action from ${origin}, which is not an allowed host, ignored`);
      return;
    }
    void this.#serve(data, (reply) => this.#win.parent.postMessage(reply, origin));
  }

  /** Checks and performs one action; `reply` gets exactly one result. */
  async #serve(data: unknown, reply: (result: ResultMessage) => void): Promise<void> {
    if (!looksLikeAction(data)) return;
    let guards: ActionGuards;
    try {
      guards = await this.#loadGuards();
    } catch (error) {
      this.#log.error(`could not load the action checker: ${(error as Error)?.message}`);
      const name = typeof data.name === 'string' ? data.name.slice(0, 64) : '';
      const id = typeof data.id === 'string' && data.id.length <= 64 ? data.id : undefined;
      const group = data.group === 'report' || data.group === 'message' ? data.group : 'agent';
      reply(this.#result(name, group, id, { ok: false, error: { code: ErrorCode.Internal, message: 'the phone could not load its action checker; send the action again' } }));
      return;
    }
    const parsed = guards.parseAction(data);
    if (!parsed.ok) {
      reply(this.#result(parsed.name, parsed.group, parsed.id, { ok: false, error: parsed.error }));
      return;
    }
    const { action } = parsed;
    try {
      const value = await this.#handlers.onAction(action);
      reply(this.#result(action.name, action.group, action.id, { ok: true, data: value }));
    } catch (error) {
      const coded = error instanceof PhoneError ? error.error : { code: ErrorCode.Internal, message: 'the action failed inside the widget' };
      if (!(error instanceof PhoneError)) this.#log.error(`action ${action.name} threw: ${(error as Error)?.message}`);
      reply(this.#result(action.name, action.group, action.id, { ok: false, error: coded }));
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
