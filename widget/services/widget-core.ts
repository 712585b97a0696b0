import {
  checkPrefs,
  toPrimarySession,
  type ActionMessage,
  type ActionResultMap,
  type AfterCallWorkInfo,
  type ChosenAgentState,
  type AgentProfile,
  type CallInfo,
  type CtiData,
  type EventDataMap,
  type EventName,
  type HelloMessage,
  type PhonePrefs,
  type RegistrationStateName,
  type RingsideError,
  type StatusData,
  type ThemeTokens,
  type TransferRequest,
} from '../../src/protocol/index.js';
import type { ActionContext } from './actions.js';
import { announcementFor } from './announcements.js';
import type { AgentStateSnapshot } from './agent-state.js';
import { AgentWorkflow, loginIdOf, type Actor } from './agent-workflow.js';
import { BrowserClock, type Clock } from './clock.js';
import { agentKey, localStorageOf } from './desk-core.js';
import { agentTriggersKey, readAgentTriggers } from './agent-triggers.js';
import type { NextState } from './after-call-work.js';
import { HostBridge, sessionStorageOf } from './host-bridge.js';
import { Lines } from './lines.js';
import type { Logger } from './logger.js';
import { LazyHistory } from './lazy-history.js';
import { LazyPart } from './lazy-part.js';
import { LoginSession, takeUrlCredentials } from './login-session.js';
import { referRulesFrom } from './phone/refer-policy.js';
import { hostEventsFor } from './phone-events.js';
import type { Consultation, PhoneChange, PhoneService } from './phone-types.js';
import type { PhoneTriggers } from './triggers/phone-triggers.js';
import { defaultPhoneSettings, SessionClient, type CodeLabel, type LoginCredentials, type PhoneSettings, type Session } from './session-client.js';

/**
 * The widget's application core: composes the login, the phone, the agent state and the host
 * bridge, turns phone changes into host events, and serves host actions (actions.ts) and the
 * phone's own buttons through the same commands (`lines`). Provided to components through
 * context by `<rs-app>`; controllers read slices of its snapshot.
 */
export interface WidgetSnapshot {
  theme: ThemeTokens;
  state: RegistrationStateName;
  error: RingsideError | null;
  agent: AgentProfile | null;
  agentState: AgentStateSnapshot;
  /** The wrap-up of the last answered call, while it is open; `wrapUpOverdue` once its time ran out with a required disposition missing. */
  afterCallWork: AfterCallWorkInfo | null;
  wrapUpOverdue: boolean;
  /** The state that follows the wrap-up. */
  wrapUpNext: NextState;
  calls: readonly CallInfo[];
  consultation: Consultation | null;
  /** Transfer requests from the far end waiting for the agent's answer. */
  transferRequests: readonly TransferRequest[];
  /** The latest media problem (microphone denied, device gone), until the next call works. */
  notice: RingsideError | null;
  /** The last change worth telling a screen reader about. */
  announcement: string;
}

export interface WidgetCoreOptions {
  win: Window;
  phone: PhoneService;
  log: Logger;
  /** Base URL of the session API; the widget's own origin by default. */
  apiBase: string;
  /** Where the renew token and agent state survive a reload; the window's sessionStorage by default. */
  storage?: Storage | null;
  clock?: Clock;
}

export class WidgetCore implements ActionContext {
  readonly clock: Clock;
  readonly lines: Lines;
  readonly phone: PhoneService;
  /** The agent's call history (IndexedDB), written as calls end; its code loads at login (lazy-history.ts). */
  readonly history: LazyHistory;
  readonly #options: WidgetCoreOptions;
  readonly #bridge: HostBridge;
  readonly #login: LoginSession;
  /** The agent state, after-call work, notes and statistics of the login. */
  readonly workflow: AgentWorkflow;
  /**
   * The trigger log, and the URL triggers the phone runs when no host runs them
   * (triggers/phone-triggers.ts): loaded at login when there are triggers, or when asked for.
   */
  readonly triggers = new LazyPart<PhoneTriggers>(() => import('./triggers/phone-triggers.js').then((m) => new m.PhoneTriggers(this)), 200);
  /** Whether calls are answered by themselves now; `<rs-app>` connects it to the desk's auto-answer. */
  autoAnswerActive: () => boolean = () => false;
  readonly #listeners = new Set<() => void>();
  #error: RingsideError | null = null;
  #notice: RingsideError | null = null;
  #announcement = '';
  #unsubscribe: (() => void) | null = null;
  #theme: ThemeTokens = {};
  #snapshot: WidgetSnapshot | null = null;
  #prefs: PhonePrefs = {};
  #hostDispositions: CodeLabel[] | null = null;
  /** CTI data the host set; sent as X- headers on the next outbound call. */
  cti: CtiData | null = null;

  constructor(options: WidgetCoreOptions) {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the workflow reads the core's settings and calls live
    const core = this;
    this.#options = options;
    this.phone = options.phone;
    this.clock = options.clock ?? new BrowserClock();
    this.lines = new Lines(options.phone);
    const storage = options.storage === undefined ? sessionStorageOf(options.win) : options.storage;
    this.workflow = new AgentWorkflow({
      clock: this.clock,
      get settings() { return core.settings; },
      get calls() { return core.phone.calls; },
      currentCallId: () => this.lines.current?.callId,
      emit: (name, data) => {
        this.history.observe(name, data);
        this.#bridge.emit(name, data);
      },
      changed: () => this.#changed(),
    }, { session: storage, local: localStorageOf(options.win) });
    this.#bridge = new HostBridge(options.win, {
      onHello: (hello) => this.#onHello(hello),
      onConnected: () =>
        void this.status().then(
          (status) => this.#bridge.emit('status', status),
          (error: unknown) => options.log.warn(`no status for the host: ${(error as Error)?.message}`),
        ),
      onAction: (action) => this.perform(action),
    }, options.log);
    this.#bridge.observe = (message) => {
      const { triggers, agentTriggers } = (message.data ?? {}) as { triggers?: unknown; agentTriggers?: unknown };
      const runs = this.#bridge.hostRunsTriggers;
      // Under a host that runs them, the part loads only for the log (a step reported, the settings opened).
      if (this.triggers.requested || (!runs && (triggers || agentTriggers))) this.triggers.run((part) => part.handle(message, runs));
    };
    this.history = new LazyHistory({ clock: this.clock, log: options.log, missedChanged: (missed) => this.#bridge.emit('OnMissedCallsChanged', { missed }) });
    this.#login = new LoginSession(new SessionClient(options.apiBase, storage), {
      loggedIn: (session) => this.#loggedIn(session),
      failed: (error) => {
        this.#error = error;
        this.#bridge.emitLoginFailure(error);
        this.#changed();
      },
      renewed: async (session) => {
        this.#bridge.setAllowedOrigins(session.tenant.allowedOrigins);
        await this.#connectPhone(session);
        this.#bridge.emit('OnSessionRenewed', { expiresAt: session.renewBy });
      },
      lost: (error) => {
        this.#error = error;
        this.#bridge.emit('OnLoginFailed', { error });
        this.#changed();
      },
    }, options.log);
  }

  /** The state the screen shows; the same object until something changes. */
  snapshot(): WidgetSnapshot {
    if (this.#snapshot) return this.#snapshot;
    const phoneState = this.phone.registration;
    const login = this.#login.state;
    // Logged in but the phone not started yet: it is about to register.
    const afterLogin = login === 'done' && phoneState === 'logged_out' ? 'registering' : phoneState;
    const state: RegistrationStateName = login === 'logging_in' ? 'logging_in' : login === 'failed' ? 'failed' : afterLogin;
    this.#snapshot = {
      theme: this.#theme,
      state,
      error: this.#error,
      agent: this.#login.session?.agent ?? null,
      agentState: this.workflow.state,
      afterCallWork: this.workflow.afterCallWork,
      wrapUpOverdue: this.workflow.overdue,
      wrapUpNext: this.workflow.next,
      calls: this.phone.calls,
      consultation: this.phone.consultation,
      transferRequests: this.phone.transferRequests,
      notice: this.#notice,
      announcement: this.#announcement,
    };
    return this.#snapshot;
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  start(): void {
    this.#bridge.start();
    this.#unsubscribe = this.phone.subscribe((change) => this.#onPhoneChange(change));
    const credentials = takeUrlCredentials(this.#options.win);
    if (credentials) void this.login(credentials);
  }

  async stop(): Promise<void> {
    this.#login.stop();
    this.#unsubscribe?.();
    this.#bridge.stop();
    this.triggers.value?.dispose();
    await this.phone.disconnect();
  }

  login(credentials: LoginCredentials): Promise<void> {
    if (this.#login.state === 'logging_in' || this.#login.state === 'done') return Promise.resolve();
    this.#error = null;
    const pending = this.#login.login(credentials);
    this.#changed();
    return pending;
  }

  /**
   * Ends the agent's session: calls hung up, unregistered, credentials forgotten here and
   * revoked on the server, and the event log (callers' numbers and names) cleared.
   */
  async logout(): Promise<void> {
    this.#login.logout();
    await this.phone.disconnect();
    // A wrap-up still loading (a call that just ended) starts and ends before the logout.
    await this.workflow.settled().catch(() => undefined);
    this.workflow.end();
    void this.history.use(null, 0);
    this.cti = null;
    this.#bridge.endSession();
    this.#bridge.emit('OnLogout', { reason: 'logout' });
    this.#changed();
  }

  /** A host's action. The action table loads with the first one, as their check does (host-bridge.ts). */
  async perform(action: ActionMessage): Promise<ActionResultMap[keyof ActionResultMap]> {
    const { perform } = await import('./actions.js');
    return perform(this, action);
  }

  /** The agent (in the phone) or the host chose a state; during after-call work this ends the wrap-up first. */
  setAgentState(state: ChosenAgentState, reason = '', by: Actor = 'agent'): AgentStateSnapshot {
    return this.workflow.setState(state, reason, by);
  }

  setTheme(theme: ThemeTokens): ThemeTokens {
    this.#theme = { ...this.#theme, ...theme };
    this.#changed();
    return this.#theme;
  }

  /** The agent's answer to a transfer request from the far end (policy `ask`). */
  answerTransferRequest(requestId: string, accept: boolean): Promise<TransferRequest> {
    return this.phone.answerTransferRequest(requestId, accept);
  }

  /** The tenant's URL triggers (`urlTriggers` setting), run by the host; shown read-only in the settings. */
  get tenantTriggers(): unknown[] {
    const triggers = (this.#login.session?.tenant as { urlTriggers?: unknown } | undefined)?.urlTriggers;
    return Array.isArray(triggers) ? triggers : [];
  }

  /** Whether a connected host runs URL triggers (its hello said so), so the phone does not. */
  get hostRunsTriggers(): boolean {
    return this.#bridge.hostRunsTriggers;
  }

  /** The logged-in agent's tenant, for keys of what the phone remembers per agent. */
  get tenantId(): string | null {
    return this.#login.session?.tenant.id ?? null;
  }

  /** Shows a problem with the phone's media (a device gone, …) until dismissed or a call connects. */
  showNotice(notice: RingsideError): void {
    this.#notice = notice;
    this.#changed();
  }

  /** The host's preferences from its latest hello (`ringside_options.phone`). */
  get prefs(): PhonePrefs {
    return this.#prefs;
  }

  /** Tells the host about something outside the call flow (a device gone, …). */
  emit<N extends EventName>(name: N, data: EventDataMap[N]): void {
    this.#bridge.emit(name, data);
  }

  /** The tenant's phone settings from the session (the defaults before login), with the host's disposition codes if it set some. */
  get settings(): PhoneSettings {
    const settings = this.#login.session?.tenant.phone ?? defaultPhoneSettings;
    return this.#hostDispositions ? { ...settings, dispositionCodes: this.#hostDispositions } : settings;
  }

  /** Disposition codes from the host (a CCaaS wrapper's list) for the life of this page; empty for the tenant's again. */
  setDispositionCodes(codes: readonly CodeLabel[]): readonly CodeLabel[] {
    this.#hostDispositions = codes.length ? codes.map(({ code, label }) => ({ code, label })) : null;
    this.#changed();
    return this.settings.dispositionCodes;
  }

  get notReadyReasons(): readonly CodeLabel[] {
    return this.settings.notReadyReasons;
  }

  dismissNotice(): void {
    this.#notice = null;
    this.#changed();
  }

  /** The status as of now; the agent's statistics load lazily, so it may wait for them. */
  async status(): Promise<StatusData> {
    // The statistics first (they may still be loading), then everything as it is now: a status
    // sent after an event never describes the phone from before it.
    if (this.snapshot().agent) await this.workflow.statisticsLoaded();
    const { state, agent, calls } = this.snapshot();
    const current = this.lines.current ?? calls[0];
    return {
      agent: agent ? await this.workflow.agentStatus(agent, state === 'registered', this.#login.session?.sip.domain ?? '', this.autoAnswerActive()) : null,
      registration: state,
      primarySession: current ? toPrimarySession(current) : null,
      calls: [...calls],
    };
  }

  async #loggedIn(session: Session): Promise<void> {
    this.#bridge.clearLoginFailure();
    this.#bridge.resume(session.agent.userId);
    this.#bridge.setAllowedOrigins(session.tenant.allowedOrigins);
    this.workflow.begin(session.agent.userId, loginIdOf(session.renewToken));
    // The tenant's URL triggers and the agent's own run in the CRM page: the host SDK checks them with the same checker as the server and the settings.
    const triggers = this.tenantTriggers;
    const agentTriggers = readAgentTriggers(localStorageOf(this.#options.win), agentTriggersKey(session.agent.userId, session.tenant.id));
    this.#bridge.emit('OnLogin', {
      agent: session.agent,
      ...(session.tenant.wrapper ? { wrapper: session.tenant.wrapper } : {}),
      ...(triggers.length ? { triggers } : {}),
      ...(agentTriggers.length ? { agentTriggers } : {}),
    });
    void this.history.use(agentKey('history', session.agent.userId, session.tenant.id), session.tenant.phone.historyDays);
    this.#changed();
    await this.#connectPhone(session);
  }

  #connectPhone(session: Session): Promise<void> {
    return this.phone.connect({
      wsUrl: session.sip.wsUrl,
      domain: session.sip.domain,
      user: session.agent.extension,
      displayName: session.agent.displayName,
      username: session.sip.username,
      password: session.sip.password,
      // The session client does not check these fields yet: read them defensively (→ never).
      refer: referRulesFrom(session.tenant, session.sip.domain),
      dtmfMode: session.tenant.phone.dtmfMode,
      screen: (call) => this.workflow.screen(call),
      ringTimeoutSeconds: session.tenant.phone.ringTimeoutSeconds,
      // TURN needs credentials the session does not hand out yet, and a browser refuses a turn:
      // URL without them: only STUN servers are used until it does.
      iceServers: session.tenant.phone.turnServers.filter((urls) => urls.startsWith('stun')).map((urls) => ({ urls })),
    });
  }

  #onHello(hello: HelloMessage): void {
    // A host is here, and its actions will follow: fetch their table now (perform() waits for it).
    void import('./actions.js').catch(() => undefined);
    // Each hello carries the host's current preferences (language, auto-answer, shortcuts).
    this.#prefs = checkPrefs(hello.prefs);
    this.#changed();
    if (this.#login.state === 'done' || this.#login.state === 'logging_in') return;
    const credentials = hello.token ? { token: hello.token } : hello.usercode && hello.clearpassword ? { usercode: hello.usercode, clearpassword: hello.clearpassword } : null;
    if (credentials) void this.login(credentials);
  }

  #onPhoneChange(change: PhoneChange): void {
    if (change.kind === 'registration') this.#error = change.error ?? (change.state === 'registered' ? null : this.#error);
    if (change.kind === 'media') this.#notice = change.error;
    if (change.kind === 'call' && change.call.state === 'active' && change.previous?.state !== 'active') this.#notice = null;
    this.#announcement = announcementFor(change) || this.#announcement;
    this.history.record(change);
    for (const event of hostEventsFor(change, this.#login.session?.agent ?? '')) this.#bridge.emit(event.name, event.data as never);
    // After the call's own events: its hang-up comes before the wrap-up it starts.
    this.workflow.phoneChanged(change);
    this.#changed();
  }

  #changed(): void {
    this.#snapshot = null;
    for (const listener of this.#listeners) listener();
  }
}
