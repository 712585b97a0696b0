import { type ActionDataMap, type ActionName, type ActionResultMap, type EventDataMap, type EventMessage } from '../protocol/index.js';
import { RingsideActions } from './actions-api.js';
import { chromeTemplate } from './chrome.js';
import { WidgetConnection, type ActionOptions, type Credentials } from './connection.js';
import { LayoutController, type View } from './layout.js';
import { CallNotifier, callOf } from './notifier.js';
import { layoutOf, notificationsOf, phonePrefsOf, readLayout, parseWidgetUrl, widgetUrlOf, type RingsideOptions } from './options.js';
import { warnOnce } from './warn.js';
import type { TriggerRunner } from './triggers/runner.js';
import { domEventsOf, RingsideConnectionRefusedEvent, RingsideLayoutChangedEvent } from './events.js';

/**
 * @summary The Ringside softphone for a CRM page: owns the widget iframe, shakes hands with
 * it, sends actions and re-emits its events as DOM events.
 *
 * @attr src - URL of the widget page (for example `https://phone.example.com/widget/`).
 * @attr server - Base URL of the Ringside server; the widget is at `<server>/widget/`.
 * @attr token - Agent token for auto-login. Read once and removed from the DOM; the
 *   `token` property is the better way in.
 * @attr auto-maximize - Restore the phone when a call rings.
 * @attr minimize - Show the minimize button (collapse to the title bar).
 * @attr hide-to-side - Show the hide-to-side button (slide off the edge, leave a tab).
 * @attr hide-in-icon - Show the hide-in-icon button (collapse to a floating icon).
 * @attr movable - Show the move button; drag by the title bar or use the arrow keys.
 * @attr position - `left` or `right`: the edge the floating phone docks to.
 * @attr floating - Float over the page (set by the script tag and by side/icon/move).
 * @attr language - The phone's language (`it`, `pt-BR`); read at each load of the phone.
 * @attr auto-answer - Seconds (0–60) before an inbound call is answered by itself, or `off`;
 *   absent asks nothing. Applies when the tenant allows auto-answer; read at each load.
 * @attr shortcuts - `off` turns the phone's keyboard shortcuts off (`on` by default); read at each load.
 * @attr wrapper-url - A CCaaS wrapper library to load into the page and drive at login (wins over the tenant's; `""` loads none).
 * @attr notifications - Desktop notifications for calls that ring while the CRM tab is hidden;
 *   the permission is asked at the agent's first click or key press on the phone.
 *
 * @fires ringside-event - Every protocol event once more, under one type; the only type for events newer than this SDK (`RingsideEvent`).
 * @fires ringside-status - Status after each handshake (`RingsideStatusEvent`).
 * @fires ringside-login - The session API accepted the credentials (`RingsideLoginEvent`).
 * @fires ringside-login-failed - Credentials refused: `token_invalid`, `token_expired`, `token_reused`, `session_revoked`, `rate_limited` (with `retryAfter` seconds)… (`RingsideLoginFailedEvent`).
 * @fires ringside-registration-changed - Registering, registered, reconnecting, failed (`RingsideRegistrationChangedEvent`).
 * @fires ringside-session-renewed - Session and SIP credentials renewed (`RingsideSessionRenewedEvent`).
 * @fires ringside-incoming-call-ringing - An inbound call rings (`RingsideIncomingCallRingingEvent`).
 * @fires ringside-incoming-call-answered - It was answered (`RingsideIncomingCallAnsweredEvent`).
 * @fires ringside-incoming-call-hangup - An answered inbound call ended (`RingsideIncomingCallHangupEvent`).
 * @fires ringside-agent-ring-no-answer - An inbound call stopped ringing unanswered (`RingsideAgentRingNoAnswerEvent`).
 * @fires ringside-outgoing-call-initialized - An outbound call started (`RingsideOutgoingCallInitializedEvent`).
 * @fires ringside-outgoing-call-ringing - The far end rings (`RingsideOutgoingCallRingingEvent`).
 * @fires ringside-outgoing-call-answered - The far end answered (`RingsideOutgoingCallAnsweredEvent`).
 * @fires ringside-outgoing-call-cancelled - Ended before an answer (`RingsideOutgoingCallCancelledEvent`).
 * @fires ringside-outgoing-call-hangup - An answered outbound call ended (`RingsideOutgoingCallHangupEvent`).
 * @fires ringside-mute - Microphone muted (`RingsideMuteEvent`).
 * @fires ringside-unmute - Microphone unmuted (`RingsideUnmuteEvent`).
 * @fires ringside-hold - A call was put on hold (`RingsideHoldEvent`).
 * @fires ringside-unhold - A call was taken off hold (`RingsideUnholdEvent`).
 * @fires ringside-ready - The agent is ready for calls (`RingsideReadyEvent`).
 * @fires ringside-notready - The agent is not ready, with a reason code (`RingsideNotreadyEvent`).
 * @fires ringside-agent-state-changed - The agent state changed: ready, not_ready (reason), after_call_work, dnd (`RingsideAgentStateChangedEvent`).
 * @fires ringside-after-call-work-started - An answered call ended and its wrap-up began (`RingsideAfterCallWorkStartedEvent`).
 * @fires ringside-after-call-work-ended - The wrap-up ended, with disposition, notes and who ended it (`RingsideAfterCallWorkEndedEvent`).
 * @fires ringside-call-notes-submitted - A call's notes were saved (`RingsideCallNotesSubmittedEvent`).
 * @fires ringside-logout - The agent logged out; calls hung up, session ended (`RingsideLogoutEvent`).
 * @fires ringside-blind-transfer-initialized - A blind transfer's REFER went out (`RingsideBlindTransferInitializedEvent`).
 * @fires ringside-blind-transfer-completed - The other side accepted it; the agent's leg is hung up (`RingsideBlindTransferCompletedEvent`).
 * @fires ringside-attended-transfer-initialized - The call is on hold and the consultation call is placed (`RingsideAttendedTransferInitializedEvent`).
 * @fires ringside-attended-transfer-connected - The target answered the consultation call (`RingsideAttendedTransferConnectedEvent`).
 * @fires ringside-attended-transfer-completed - The caller was handed to the target (`RingsideAttendedTransferCompletedEvent`).
 * @fires ringside-attended-transfer-cancelled - The consultation ended without a transfer: `reason` agent, hung_up, failed, caller_hung_up (`RingsideAttendedTransferCancelledEvent`).
 * @fires ringside-attended-transfer-switch-to-primary-session - In a consultation, back to the caller (`RingsideAttendedTransferSwitchToPrimarySessionEvent`).
 * @fires ringside-attended-transfer-switch-to-secondary-session - In a consultation, back to the target (`RingsideAttendedTransferSwitchToSecondarySessionEvent`).
 * @fires ringside-agent-called - Tegsoft's ACD event: the agent is called, any inbound call (`RingsideAgentCalledEvent`).
 * @fires ringside-inbound-agent-called - A call from a queue (`X-Queue`) rings (`RingsideInboundAgentCalledEvent`).
 * @fires ringside-inbound-agent-connect - A queue call was answered (`RingsideInboundAgentConnectEvent`).
 * @fires ringside-inbound-agent-complete - A queue call ended (`RingsideInboundAgentCompleteEvent`).
 * @fires ringside-transfer-requested - The far end asks the phone to call someone (REFER) (`RingsideTransferRequestedEvent`).
 * @fires ringside-transfer-request-accepted - The phone follows a transfer request (`RingsideTransferRequestAcceptedEvent`).
 * @fires ringside-transfer-request-refused - The phone refused a transfer request; the call goes on (`RingsideTransferRequestRefusedEvent`).
 * @fires ringside-media-unavailable - The microphone or camera could not be opened (`RingsideMediaUnavailableEvent`).
 * @fires ringside-device-fallback - A chosen microphone, speaker or ringer went away; the default is used (`RingsideDeviceFallbackEvent`).
 * @fires ringside-conference-started - Two or more lines were merged into one call (`RingsideConferenceStartedEvent`).
 * @fires ringside-conference-ended - The conference is over; one call or none remains (`RingsideConferenceEndedEvent`).
 * @fires ringside-video-started - A call gained video (`RingsideVideoStartedEvent`).
 * @fires ringside-video-stopped - A call went back to audio only (`RingsideVideoStoppedEvent`).
 * @fires ringside-missed-calls-changed - The count of missed calls the agent has not seen in the history changed; 0 once the history is opened (`RingsideMissedCallsChangedEvent`).
 * @fires ringside-agent-triggers-changed - The agent saved their own URL triggers in the phone's settings; the element runs them (`RingsideAgentTriggersChangedEvent`).
 * @fires ringside-trigger-activity - A step of a URL trigger the phone ran itself, which it does only where no element runs them (a plain iframe embed, a host that says `runsTriggers: false`) (`RingsideTriggerActivityEvent`).
 * @fires ringside-wrapper-loaded - The CCaaS wrapper library was loaded (its `load(callback)` follows once the phone is registered) (`RingsideWrapperLoadedEvent`).
 * @fires ringside-wrapper-error - The wrapper library failed to load, threw, or asked for something the phone refused; the phone carries on (`RingsideWrapperErrorEvent`).
 * @fires ringside-trigger-fired - A URL trigger fired: window opened, route changed or request queued (`RingsideTriggerFiredEvent`).
 * @fires ringside-trigger-delivered - A background trigger's request arrived: `delivery` `confirmed` (2xx with CORS) or `sent` (opaque, no-cors) (`RingsideTriggerDeliveredEvent`).
 * @fires ringside-trigger-failed - A trigger was refused when set, or an attempt failed (`willRetry`), or retries ran out (`RingsideTriggerFailedEvent`).
 * @fires ringside-trigger-blocked - The browser blocked a trigger's window; an "Open …" prompt is shown in the chrome (`RingsideTriggerBlockedEvent`).
 * @fires ringside-connection-refused - The widget refused this page's origin (`RingsideConnectionRefusedEvent`).
 * @fires ringside-layout-changed - The view changed: open, minimized, side, icon (`RingsideLayoutChangedEvent`).
 *
 * @csspart window - The phone window (title bar and body).
 * @csspart title-bar - The title bar; the drag handle of a movable phone.
 * @csspart title - The title text.
 * @csspart button - Every title-bar button; each also has its own part (`minimize-button`, `side-button`, `icon-button`, `move-button`).
 * @csspart body - The area holding the iframe.
 * @csspart frame - The iframe.
 * @csspart side-tab - The tab that pulls a phone hidden to the side back.
 * @csspart icon - The floating icon of a phone hidden in an icon.
 * @csspart badge - The count of ringing calls on the icon.
 * @csspart trigger-prompts - The "Open …" prompts of trigger windows the browser blocked.
 * @csspart trigger-prompt - One of them; `trigger-open-button` is its button.
 * @cssproperty --ringside-width - Width of the phone (default 360px).
 * @cssproperty --ringside-height - Height of the phone body (default 560px).
 * @cssproperty --ringside-padding - Padding inside the window (default 0px).
 * @cssproperty --ringside-border-radius - Corner radius (default 8px).
 * @cssproperty --ringside-accent - Title bar, tab and icon colour (default #24292f).
 * @cssproperty --ringside-on-accent - Text colour on the accent (default white).
 * @cssproperty --ringside-border - Window border (default 1px solid #d0d7de).
 * @cssproperty --ringside-font - Font of the chrome.
 * @cssproperty --ringside-z-index - Stacking of a floating phone.
 */
export class RingsidePhone extends RingsideActions {
  static observedAttributes = ['src', 'server', 'token', 'auto-maximize', 'minimize', 'hide-to-side', 'hide-in-icon', 'movable', 'position'];

  readonly #frame: HTMLIFrameElement;
  readonly #connection: WidgetConnection;
  readonly #layout: LayoutController;
  readonly #notifier: CallNotifier;
  #credentials: Credentials = {};
  #options: RingsideOptions = {};
  #relayingOut = false;
  #triggers: unknown;
  /** The URL-trigger runner, loaded (a chunk of its own) only once triggers are set. */
  #runner?: Promise<TriggerRunner | void>;
  /** Triggers were set (here, or by the tenant or agent): the runner is needed. */
  #wantsRunner = false;
  /** Events that came while the runner could not be loaded, for it once it is. */
  #missed: EventMessage[] = [];

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    root.innerHTML = chromeTemplate;
    this.#frame = root.querySelector('iframe')!;
    this.#frame.addEventListener('load', () => this.#handshake());
    this.#connection = new WidgetConnection({
      onEvent: (message) => this.#dispatch(message),
      onRefused: (error) => this.dispatchEvent(new RingsideConnectionRefusedEvent(error.code, error.message)),
    });
    this.#layout = new LayoutController(this, root, readLayout(undefined), (view) => this.dispatchEvent(new RingsideLayoutChangedEvent(view)));
    this.#notifier = new CallNotifier(this, {
      enabled: () => notificationsOf(this.#options, (name) => this.getAttribute(name)),
      restore: () => this.#layout.show('open'),
    });
  }

  /**
   * All options at once, in the shape of Tegsoft's widget options (`server`, `token` or
   * `usercode` + `clearpassword`, `layout`, `phone`, `notifications`). Attributes set on the
   * element win over them. `phone` and the credentials are sent at each load of the phone.
   */
  get options(): RingsideOptions {
    return this.#options;
  }

  set options(value: RingsideOptions) {
    if (typeof value !== 'object' || value === null) {
      warnOnce('options should be an object like {server, token, layout}');
      return;
    }
    this.#options = value;
    if (typeof value.token === 'string') this.token = value.token;
    if (typeof value.usercode === 'string' && typeof value.clearpassword === 'string') {
      this.#credentials = { usercode: value.usercode, clearpassword: value.clearpassword };
    }
    if (value.triggers !== undefined) this.triggers = value.triggers;
    if (this.isConnected) {
      this.#relayout();
      this.#load();
    }
  }

  /**
   * URL triggers (README "URL triggers"): `[{event, url, mode, …}]`. Checked when set; each one
   * refused fires `ringside-trigger-failed` with its code and is skipped, the rest run.
   */
  get triggers(): unknown {
    return this.#triggers;
  }

  set triggers(value: unknown) {
    this.#triggers = value;
    this.#startTriggers();
  }

  /**
   * Loads the runner for the element's triggers, or (`tenant`) because the tenant has some. Few
   * bytes: the SDK's budget. A failed load is tried again at the next event; the events from
   * meanwhile wait (#missed) and go to the runner, in order, once it is there.
   */
  #startTriggers(tenant?: boolean): void {
    if (this.#triggers == null && !this.#runner && !tenant && !this.#wantsRunner) return;
    this.#wantsRunner = true;
    void (this.#runner ??= import('./triggers/runner.js').then(
      (m) => new m.TriggerRunner(this, warnOnce),
      () => {
        this.#runner = undefined;
        warnOnce('ringside-triggers.js (beside the SDK) did not load: tried again at the next event');
      },
    )).then((runner) => {
      runner?.setTriggers(this.#triggers, this.#options.triggerRetry);
      if (runner) for (const { name, data } of this.#missed.splice(0)) runner.handle(name, data);
    });
  }

  /** An event for the URL triggers: to the runner, or kept for it while it is not there. */
  #toRunner(message: EventMessage): void {
    const keep = () => this.#missed.length < 200 && this.#missed.push(message);
    if (this.#runner) void this.#runner.then((runner) => (runner ? runner.handle(message.name, message.data) : keep()));
    else if (this.#wantsRunner) {
      keep();
      this.#startTriggers();
    }
  }

  /** The current view: `open`, `minimized`, `side` or `icon`. */
  get view(): View {
    return this.#layout.view;
  }

  /** Collapses the phone to its title bar (if minimize is enabled). */
  minimize(): void {
    this.#layout.show('minimized');
  }

  /** Slides the phone off its edge, leaving a tab (if hide-to-side is enabled). */
  hideToSide(): void {
    this.#layout.show('side');
  }

  /** Collapses the phone to a floating icon (if hide-in-icon is enabled). */
  hideInIcon(): void {
    this.#layout.show('icon');
  }

  /** Shows the whole phone again. */
  restore(): void {
    this.#layout.show('open');
  }

  /** Agent token for auto-login; sent to the widget's origin only, never put in a URL. */
  get token(): string | undefined {
    return this.#credentials.token;
  }

  set token(value: string | undefined) {
    this.#credentials = value ? { token: value } : {};
  }

  /** The widget URL: the `src` attribute, else from `server` or the options. */
  get src(): string {
    return this.getAttribute('src') ?? widgetUrlOf({ ...this.#options, server: this.getAttribute('server') ?? this.#options.server }) ?? '';
  }

  set src(value: string) {
    this.setAttribute('src', value);
  }

  /** The last event `seq` seen; the widget replays from it after a reload. */
  get lastSeq(): number {
    return this.#connection.lastSeq;
  }

  connectedCallback(): void {
    this.#relayout();
    this.#load();
    window.addEventListener('resize', this.#onResize);
    this.#notifier.connect();
    if (!this.#runner) this.#startTriggers();
  }

  disconnectedCallback(): void {
    window.removeEventListener('resize', this.#onResize);
    this.#notifier.disconnect();
    this.#connection.dispose();
    this.#frame.removeAttribute('src');
    void this.#runner?.then((runner) => runner?.dispose());
    this.#runner = undefined;
    this.#missed = [];
  }

  attributeChangedCallback(name: string, _old: string | null, value: string | null): void {
    if (name === 'token') {
      if (value) {
        this.token = value;
        this.removeAttribute('token');
      }
    } else if (name === 'src' || name === 'server') {
      if (this.isConnected) this.#load();
    } else if (this.isConnected) {
      this.#relayout();
    }
  }

  #onResize = (): void => this.#layout.clamp();

  /** Options' layout, with the element's own attributes on top. */
  #relayout(): void {
    if (this.#relayingOut) return;
    this.#relayingOut = true;
    try {
      this.#layout.apply(layoutOf(this.#options, (name) => this.getAttribute(name)));
    } finally {
      this.#relayingOut = false;
    }
  }

  /**
   * Any action by name; resolves with its result or rejects with a `RingsideActionError`:
   * the widget's code, or `timeout` (no result within `options.timeoutMs`, 15 s by default,
   * longer for transfers), `widget_reloaded` (the widget page reloaded meanwhile),
   * `disconnected` (the element was removed).
   */
  override sendAction<N extends ActionName>(name: N, data?: ActionDataMap[N], options?: ActionOptions): Promise<ActionResultMap[N]> {
    return this.#connection.send(name, data, options);
  }

  #load(): void {
    const url = parseWidgetUrl(this.src, document.baseURI);
    if (!url) return;
    if (this.#frame.getAttribute('src') !== url.href) this.#frame.setAttribute('src', url.href);
  }

  #handshake(): void {
    const url = parseWidgetUrl(this.src, document.baseURI);
    const target = this.#frame.contentWindow;
    if (!url || !target || !this.#frame.getAttribute('src')) return;
    this.#connection.open(target, url.origin, this.#credentials, phonePrefsOf(this.#options, (name) => this.getAttribute(name)));
  }

  #dispatch(message: EventMessage): void {
    const data = message.data as EventDataMap['OnLogin'];
    if ((message.name === 'OnLogin' && (data.triggers || data.agentTriggers)) || message.name === 'OnAgentTriggersChanged') this.#startTriggers(true);
    this.#toRunner(message);
    // Any event may carry a call; it is read once, without trusting its shape.
    const call = callOf(message.data);
    if (call) {
      this.#layout.track(call);
      this.#notifier.handle(message.name, call);
    }
    // Through a variable: `cem analyze` lists `this.dispatchEvent(new X(…))` as an event, here a
    // nameless one. Every type is in the class's `@fires`.
    for (const event of domEventsOf(message)) this.dispatchEvent(event);
    if (message.name === 'OnLogin') this.#startWrapper(message.data as EventDataMap['OnLogin']);
  }

  /** A CCaaS wrapper library, when the element, the options or the tenant names one: its adapter loads only then. */
  #startWrapper({ wrapper }: EventDataMap['OnLogin']): void {
    const url = this.getAttribute('wrapper-url') ?? this.#options.wrapperUrl ?? wrapper?.url;
    const presence = this.#options.wrapperPresence ?? wrapper?.presence;
    if (url) import('../compat/ccaas-wrapper.js').then((m) => m.startWrapper(this, { url, presence }), () => warnOnce('ccaas-wrapper.js (beside the SDK) did not load'));
  }
}

if (!customElements.get('ringside-phone')) customElements.define('ringside-phone', RingsidePhone);
else warnOnce('<ringside-phone> is already defined: this page loads the Ringside SDK twice; the first copy stays in use.');

declare global {
  interface HTMLElementTagNameMap {
    'ringside-phone': RingsidePhone;
  }
}
