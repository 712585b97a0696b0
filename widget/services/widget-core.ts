import {
  ErrorCode,
  toPrimarySession,
  type ActionMessage,
  type ActionResultMap,
  type AgentProfile,
  type CallInfo,
  type CtiData,
  type EventName,
  type HelloMessage,
  type RegistrationStateName,
  type RingsideError,
  type StatusData,
  type ThemeTokens,
  type TransferRequest,
} from '../../src/protocol/index.js';
import { callEventData, callEventsFor } from './event-mapper.js';
import { HostBridge, sessionStorageOf } from './host-bridge.js';
import type { Logger } from './logger.js';
import { referRulesFrom } from './phone/refer-policy.js';
import { PhoneError, type PhoneChange, type PhoneService, type TransferStage } from './phone-types.js';
import { SessionClient, type LoginCredentials, type Session } from './session-client.js';

/**
 * The widget's application core: logs in through the session API, connects the phone,
 * turns phone changes into host events, and serves host actions and UI commands through
 * the same checked paths. Provided to components through context by `<rs-app>`.
 */

const transferEvents = {
  'blind-initialized': 'OnBlindTransferInitialized',
  'blind-completed': 'OnBlindTransferCompleted',
  'attended-initialized': 'OnAttendedTransferInitialized',
  'attended-connected': 'OnAttendedTransferConnected',
  'attended-completed': 'OnAttendedTransferCompleted',
  'attended-cancelled': 'OnAttendedTransferCancelled',
  'attended-switch-primary': 'OnAttendedTransferSwitchToPrimarySession',
  'attended-switch-secondary': 'OnAttendedTransferSwitchToSecondarySession',
} as const satisfies Record<TransferStage, EventName>;

const transferRequestEvents = {
  asking: 'OnTransferRequested',
  accepted: 'OnTransferRequestAccepted',
  refused: 'OnTransferRequestRefused',
} as const satisfies Record<TransferRequest['state'], EventName>;

export interface WidgetSnapshot {
  theme: ThemeTokens;
  state: RegistrationStateName;
  error: RingsideError | null;
  agent: AgentProfile | null;
  calls: readonly CallInfo[];
  /** Transfer requests from the far end waiting for the agent's answer. */
  transferRequests: readonly TransferRequest[];
}

export interface WidgetCoreOptions {
  win: Window;
  phone: PhoneService;
  log: Logger;
  /** Base URL of the session API; the widget's own origin by default. */
  apiBase: string;
  /** Where the renew token survives a reload; the window's sessionStorage by default. */
  storage?: Storage | null;
}

/** Reads credentials from the widget's own URL (`?token=`, Tegsoft's forms) and removes them. */
export function takeUrlCredentials(win: Window): LoginCredentials | null {
  const url = new URL(win.location.href);
  const params = url.searchParams;
  const token = params.get('token');
  const usercode = params.get('usercode');
  const clearpassword = params.get('clearpassword');
  const hadAny = ['token', 'usercode', 'clearpassword', 'sessiontype'].some((name) => params.has(name));
  for (const name of ['token', 'usercode', 'clearpassword', 'sessiontype']) params.delete(name);
  if (hadAny) win.history.replaceState(win.history.state, '', url.pathname + (params.size ? `?${params}` : '') + url.hash);
  if (token) return { token };
  if (usercode && clearpassword) return { usercode, clearpassword };
  return null;
}

export class WidgetCore {
  readonly #options: WidgetCoreOptions;
  readonly #bridge: HostBridge;
  readonly #sessions: SessionClient;
  readonly #listeners = new Set<() => void>();
  #loginState: 'idle' | 'logging_in' | 'failed' | 'done' = 'idle';
  #error: RingsideError | null = null;
  #session: Session | null = null;
  #unsubscribe: (() => void) | null = null;
  #renewTimer: ReturnType<typeof setTimeout> | null = null;
  #theme: ThemeTokens = {};
  /** Agent state (Tegsoft's ready / not ready), reported to hosts; routing is the ACD's. */
  #ready = true;
  #notReadyReason = '';
  /** CTI data the host set; sent as X- headers on the next outbound call. */
  #ctiData: CtiData | null = null;

  constructor(options: WidgetCoreOptions) {
    this.#options = options;
    this.#bridge = new HostBridge(options.win, {
      onHello: (hello) => this.#onHello(hello),
      onConnected: () => this.#bridge.emit('status', this.status()),
      onAction: (action) => this.#perform(action),
    }, options.log);
    this.#sessions = new SessionClient(options.apiBase, options.storage === undefined ? sessionStorageOf(options.win) : options.storage);
  }

  snapshot(): WidgetSnapshot {
    const phoneState = this.#options.phone.registration;
    // Logged in but the phone not started yet: it is about to register.
    const afterLogin = this.#loginState === 'done' && phoneState === 'logged_out' ? 'registering' : phoneState;
    const state: RegistrationStateName =
      this.#loginState === 'logging_in' ? 'logging_in' : this.#loginState === 'failed' ? 'failed' : afterLogin;
    return { theme: this.#theme, state, error: this.#error, agent: this.#session?.agent ?? null, calls: this.#options.phone.calls, transferRequests: this.#options.phone.transferRequests };
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  start(): void {
    this.#bridge.start();
    this.#unsubscribe = this.#options.phone.subscribe((change) => this.#onPhoneChange(change));
    const credentials = takeUrlCredentials(this.#options.win);
    if (credentials) void this.login(credentials);
  }

  /**
   * Ends the agent's session: calls hung up, unregistered, credentials forgotten here and
   * revoked on the server, and the event log (callers' numbers and names) cleared.
   */
  async logout(): Promise<void> {
    if (this.#renewTimer) clearTimeout(this.#renewTimer);
    this.#renewTimer = null;
    this.#sessions.logout();
    await this.#options.phone.disconnect();
    this.#session = null;
    this.#loginState = 'idle';
    this.#ctiData = null;
    this.#bridge.endSession();
    this.#bridge.emit('OnLogout', { reason: 'logout' });
    this.#changed();
  }

  async stop(): Promise<void> {
    if (this.#renewTimer) clearTimeout(this.#renewTimer);
    this.#unsubscribe?.();
    this.#bridge.stop();
    await this.#options.phone.disconnect();
  }

  async login(credentials: LoginCredentials): Promise<void> {
    if (this.#loginState === 'logging_in' || this.#loginState === 'done') return;
    this.#loginState = 'logging_in';
    this.#error = null;
    this.#changed();
    const result = await this.#sessions.login(credentials);
    if (!result.ok) {
      this.#loginState = 'failed';
      this.#error = result.error;
      this.#options.log.warn(`login failed: ${result.error.code}`);
      this.#bridge.emitLoginFailure(result.error);
      this.#changed();
      return;
    }
    const { session } = result;
    this.#session = session;
    this.#loginState = 'done';
    this.#bridge.clearLoginFailure();
    this.#bridge.resume(session.agent.userId);
    this.#bridge.setAllowedOrigins(session.tenant.allowedOrigins);
    this.#bridge.emit('OnLogin', { agent: session.agent });
    this.#changed();
    this.#scheduleRenewal(session);
    await this.#connectPhone(session);
  }

  #connectPhone(session: Session): Promise<void> {
    return this.#options.phone.connect({
      wsUrl: session.sip.wsUrl,
      domain: session.sip.domain,
      user: session.agent.extension,
      displayName: session.agent.displayName,
      username: session.sip.username,
      password: session.sip.password,
      // The session client does not check these fields yet: read them defensively (→ never).
      refer: referRulesFrom(session.tenant, session.sip.domain),
    });
  }

  /**
   * Renews the session (and so the SIP credentials) a margin before `renewBy`: a fifth of
   * the lifetime, at least 2 s and at most 5 min. A failed renewal is retried until expiry.
   */
  #scheduleRenewal(session: Session, attempt = 0): void {
    if (this.#renewTimer) clearTimeout(this.#renewTimer);
    const left = session.renewBy * 1000 - Date.now();
    const margin = Math.min(300_000, Math.max(2000, left / 5));
    const delay = attempt === 0 ? Math.max(0, left - margin) : Math.min(5000 * attempt, Math.max(0, left - 1000));
    this.#renewTimer = setTimeout(() => void this.#renew(session, attempt), delay);
  }

  async #renew(previous: Session, attempt: number): Promise<void> {
    this.#renewTimer = null;
    const result = await this.#sessions.renew();
    if (!result.ok) {
      this.#options.log.warn(`session renewal failed: ${result.error.code}`);
      const transient = result.error.code === ErrorCode.SessionUnavailable || result.error.code === ErrorCode.RateLimited;
      const retryable = transient && previous.renewBy * 1000 > Date.now() + 1000;
      if (retryable) return this.#scheduleRenewal(previous, attempt + 1);
      this.#error = { code: result.error.code, message: 'The session could not be renewed; log in again.' };
      this.#bridge.emit('OnLoginFailed', { error: this.#error });
      this.#changed();
      return;
    }
    this.#session = result.session;
    this.#bridge.setAllowedOrigins(result.session.tenant.allowedOrigins);
    this.#scheduleRenewal(result.session);
    await this.#connectPhone(result.session);
    this.#bridge.emit('OnSessionRenewed', { expiresAt: result.session.renewBy });
  }

  status(): StatusData {
    const { state, agent, calls } = this.snapshot();
    const current = calls[0];
    return {
      agent: agent
        ? {
            USERCODE: agent.userId,
            EXTEN: agent.extension,
            DISPLAYNAME: agent.displayName,
            ready: this.#ready && state === 'registered',
            ...(this.#ready ? {} : { notReadyReason: this.#notReadyReason }),
            phoneAccess: state === 'registered',
          }
        : null,
      registration: state,
      primarySession: current ? toPrimarySession(current) : null,
      calls: [...calls],
    };
  }

  // --- commands, shared by host actions and the UI --------------------------------------

  dial(number: string, cti?: CtiData): Promise<CallInfo> {
    this.#requireLogin();
    return this.#options.phone.dial(number, cti ?? this.#ctiData ?? undefined);
  }

  answer(callId?: string): Promise<CallInfo> {
    return this.#options.phone.answer(this.#target(callId, (c) => c.state === 'ringing'));
  }

  reject(callId?: string): Promise<CallInfo> {
    return this.#options.phone.reject(this.#target(callId, (c) => c.state === 'ringing'));
  }

  hangUp(callId?: string): Promise<CallInfo> {
    return this.#options.phone.hangUp(this.#target(callId, () => true));
  }

  setMuted(muted: boolean, callId?: string): Promise<CallInfo> {
    return this.#options.phone.setMuted(this.#target(callId, (c) => c.state === 'active'), muted);
  }

  /** The agent's answer to a transfer request from the far end (policy `ask`). */
  answerTransferRequest(requestId: string, accept: boolean): Promise<TransferRequest> {
    return this.#options.phone.answerTransferRequest(requestId, accept);
  }

  async #perform(action: ActionMessage): Promise<ActionResultMap[keyof ActionResultMap]> {
    switch (action.name) {
      case 'queryStatus':
        return this.status();
      case 'dial':
        return { call: await this.dial(action.data!.numberToDial, action.data!.ctiData) };
      case 'answer':
        return { call: await this.answer(action.data?.callId) };
      case 'reject':
        return { call: await this.reject(action.data?.callId) };
      case 'hangUp':
        return { call: await this.hangUp(action.data?.callId) };
      case 'mute':
        return { call: await this.setMuted(true, action.data?.callId) };
      case 'unmute':
        return { call: await this.setMuted(false, action.data?.callId) };
      case 'ready':
        this.#requireLogin();
        this.#ready = true;
        this.#notReadyReason = '';
        this.#bridge.emit('OnReady', { ready: true });
        this.#changed();
        return { ready: true };
      case 'notReady': {
        this.#requireLogin();
        this.#ready = false;
        this.#notReadyReason = action.data?.reason ?? 'NOT_READY';
        this.#bridge.emit('OnNotready', { ready: false, reason: this.#notReadyReason });
        this.#changed();
        return { ready: false, reason: this.#notReadyReason };
      }
      case 'logout':
        this.#requireLogin();
        await this.logout();
        return { loggedOut: true };
      case 'hold':
        return { call: await this.#options.phone.setHeld(this.#target(action.data?.callId, (c) => c.state === 'active' && !c.held), true) };
      case 'unhold':
        return { call: await this.#options.phone.setHeld(this.#target(action.data?.callId, (c) => c.state === 'active' && c.held), false) };
      case 'sendDTMF':
        return { call: await this.#options.phone.sendDtmf(this.#target(action.data!.callId, (c) => c.state === 'active'), action.data!.dtmf) };
      case 'setCtiData':
        this.#ctiData = action.data!.ctiData;
        return { ctiData: this.#ctiData };
      case 'getCtiData':
        return { ctiData: this.#ctiData };
      case 'removeCtiData':
        this.#ctiData = null;
        return { ctiData: null };
      case 'attendedTransfer':
        return { call: await this.#options.phone.attendedTransfer(this.#target(action.data!.callId, (c) => c.state === 'active' && !c.held), action.data!.extension) };
      case 'completeAttendedTransfer':
        return { call: await this.#options.phone.completeAttendedTransfer() };
      case 'cancelAttendedTransfer':
        return { call: await this.#options.phone.cancelAttendedTransfer() };
      case 'changeActiveLine':
        this.#requireLogin();
        return { call: await this.#options.phone.changeActiveLine() };
      case 'blindTransfer':
        return { call: await this.#options.phone.blindTransfer(this.#target(action.data!.callId, (c) => c.state === 'active'), action.data!.extension) };
      case 'turnOnCamera':
      case 'turnOfCamera':
      case 'toggleCamera':
        throw new PhoneError({ code: ErrorCode.NotSupported, message: 'Ringside is an audio phone: there is no camera to switch' });
      case 'setTheme':
        this.#theme = { ...this.#theme, ...action.data!.theme };
        this.#changed();
        return { theme: this.#theme };
      case 'getCallStats':
        this.#requireLogin();
        if (action.data?.callId) this.#target(action.data.callId, () => true);
        return { calls: await this.#options.phone.stats(action.data?.callId) };
    }
  }

  #requireLogin(): void {
    if (this.#options.phone.registration !== 'registered') {
      throw new PhoneError({ code: ErrorCode.NotLoggedIn, message: 'the phone is not logged in and registered' });
    }
  }

  /** The named call, or the first call that fits when no id is given. */
  #target(callId: string | undefined, fits: (call: CallInfo) => boolean): string {
    const calls = this.#options.phone.calls;
    if (callId !== undefined) {
      if (!calls.some((c) => c.callId === callId)) throw new PhoneError({ code: ErrorCode.NoSuchCall, message: `no call ${callId}` });
      return callId;
    }
    const call = calls.find(fits);
    if (call) return call.callId;
    if (this.#options.phone.registration !== 'registered') throw new PhoneError({ code: ErrorCode.NotLoggedIn, message: 'the phone is not logged in and registered' });
    throw new PhoneError({ code: ErrorCode.NotAllowedNow, message: 'there is no call this action applies to' });
  }

  #onHello(hello: HelloMessage): void {
    if (this.#loginState === 'done' || this.#loginState === 'logging_in') return;
    const credentials = hello.token ? { token: hello.token } : hello.usercode && hello.clearpassword ? { usercode: hello.usercode, clearpassword: hello.clearpassword } : null;
    if (!credentials) return;
    this.#loginState = 'idle';
    void this.login(credentials);
  }

  #onPhoneChange(change: PhoneChange): void {
    if (change.kind === 'registration') {
      this.#error = change.error ?? (change.state === 'registered' ? null : this.#error);
      this.#bridge.emit('OnRegistrationChanged', change.error ? { state: change.state, error: change.error } : { state: change.state });
    } else if (change.kind === 'transfer') {
      const data = { ...callEventData(change.call, this.#session?.agent.extension ?? ''), target: change.target };
      this.#bridge.emit(transferEvents[change.stage], data);
    } else if (change.kind === 'transfer-request') {
      this.#bridge.emit(transferRequestEvents[change.request.state], { request: change.request });
    } else {
      const extension = this.#session?.agent.extension ?? '';
      for (const name of callEventsFor(change.call, change.previous)) this.#bridge.emit(name, callEventData(change.call, extension));
    }
    this.#changed();
  }

  #changed(): void {
    for (const listener of this.#listeners) listener();
  }
}
