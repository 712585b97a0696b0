import type { ActionDataMap, ActionName, ActionResultMap, CallInfo, CallStats, CtiData, EventMessage, StatusData } from '../protocol/index.js';
import { WidgetConnection } from './connection.js';
import { warnOnce } from './warn.js';
import { CATCH_ALL, eventClasses, RingsideConnectionRefusedEvent, RingsideEvent } from './events.js';

const template = `
<style>
  :host { display: block; width: var(--ringside-width, 360px); height: var(--ringside-height, 560px); }
  :host([hidden]) { display: none; }
  [part='frame'] { width: 100%; height: 100%; border: var(--ringside-border, 1px solid #d0d7de); border-radius: var(--ringside-border-radius, 8px); box-sizing: border-box; background: #fff; }
</style>
<iframe part="frame" title="Ringside phone" allow="microphone; autoplay" referrerpolicy="no-referrer"></iframe>
`;

/**
 * @summary The Ringside softphone for a CRM page: owns the widget iframe, shakes hands with
 * it, sends actions and re-emits its events as DOM events.
 *
 * @attr src - URL of the widget page (for example `https://phone.example.com/widget/`).
 * @attr token - Agent token for auto-login. Read once and removed from the DOM; the
 *   `token` property is the better way in.
 *
 * @fires ringside-event - Every protocol event, under one type (`RingsideEvent`).
 * @fires ringside-status - Status after each handshake (`RingsideStatusEvent`).
 * @fires ringside-login - The session API accepted the credentials (`RingsideLoginEvent`).
 * @fires ringside-login-failed - Credentials refused: `token_invalid`, `token_expired`… (`RingsideLoginFailedEvent`).
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
 * @fires ringside-connection-refused - The widget refused this page's origin (`RingsideConnectionRefusedEvent`).
 *
 * @csspart frame - The iframe.
 * @cssproperty --ringside-width - Width of the phone (default 360px).
 * @cssproperty --ringside-height - Height of the phone (default 560px).
 */
export class RingsidePhone extends HTMLElement {
  static observedAttributes = ['src', 'token'];

  readonly #frame: HTMLIFrameElement;
  readonly #connection: WidgetConnection;
  #token: string | undefined;

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    root.innerHTML = template;
    this.#frame = root.querySelector('iframe')!;
    this.#frame.addEventListener('load', () => this.#handshake());
    this.#connection = new WidgetConnection({
      onEvent: (message) => this.#dispatch(message),
      onRefused: (error) => this.dispatchEvent(new RingsideConnectionRefusedEvent(error.code, error.message)),
    });
  }

  /** Agent token for auto-login; sent to the widget's origin only, never put in a URL. */
  get token(): string | undefined {
    return this.#token;
  }

  set token(value: string | undefined) {
    this.#token = value || undefined;
  }

  get src(): string {
    return this.getAttribute('src') ?? '';
  }

  set src(value: string) {
    this.setAttribute('src', value);
  }

  /** The last event `seq` seen; the widget replays from it after a reload. */
  get lastSeq(): number {
    return this.#connection.lastSeq;
  }

  connectedCallback(): void {
    this.#load();
  }

  disconnectedCallback(): void {
    this.#connection.dispose();
    this.#frame.removeAttribute('src');
  }

  attributeChangedCallback(name: string, _old: string | null, value: string | null): void {
    if (name === 'token' && value) {
      this.#token = value;
      this.removeAttribute('token');
    } else if (name === 'src' && this.isConnected) {
      this.#load();
    }
  }

  /** Places a call. `ctiData.variables` travel as `X-` SIP headers. */
  dial(numberToDial: string, ctiData?: CtiData): Promise<{ call: CallInfo }> {
    return this.sendAction('dial', ctiData ? { numberToDial, ctiData } : { numberToDial });
  }

  answer(callId?: string): Promise<{ call: CallInfo }> {
    return this.sendAction('answer', callId ? { callId } : undefined);
  }

  reject(callId?: string): Promise<{ call: CallInfo }> {
    return this.sendAction('reject', callId ? { callId } : undefined);
  }

  hangUp(callId?: string): Promise<{ call: CallInfo }> {
    return this.sendAction('hangUp', callId ? { callId } : undefined);
  }

  mute(callId?: string): Promise<{ call: CallInfo }> {
    return this.sendAction('mute', callId ? { callId } : undefined);
  }

  unmute(callId?: string): Promise<{ call: CallInfo }> {
    return this.sendAction('unmute', callId ? { callId } : undefined);
  }

  queryStatus(): Promise<StatusData> {
    return this.sendAction('queryStatus');
  }

  /** Media figures of the current calls (bytes and packets from getStats). */
  getCallStats(callId?: string): Promise<{ calls: CallStats[] }> {
    return this.sendAction('getCallStats', callId ? { callId } : undefined);
  }

  /** Any action by name; resolves with its result or rejects with a `RingsideActionError`. */
  sendAction<N extends ActionName>(name: N, data?: ActionDataMap[N]): Promise<ActionResultMap[N]> {
    return this.#connection.send(name, data);
  }

  #widgetUrl(): URL | null {
    try {
      const url = new URL(this.src, document.baseURI);
      return url.protocol === 'https:' || url.protocol === 'http:' ? url : null;
    } catch {
      return null;
    }
  }

  #load(): void {
    const url = this.#widgetUrl();
    if (!url) return;
    if (this.#frame.getAttribute('src') !== url.href) this.#frame.setAttribute('src', url.href);
  }

  #handshake(): void {
    const url = this.#widgetUrl();
    const target = this.#frame.contentWindow;
    if (!url || !target || !this.#frame.getAttribute('src')) return;
    this.#connection.open(target, url.origin, this.#token);
  }

  #dispatch(message: EventMessage): void {
    const EventClass = eventClasses[message.name] as new (data: unknown, seq: number) => RingsideEvent;
    this.dispatchEvent(new EventClass(message.data, message.seq));
    this.dispatchEvent(new RingsideEvent(message.name, message.data, message.seq, CATCH_ALL));
  }
}

if (!customElements.get('ringside-phone')) customElements.define('ringside-phone', RingsidePhone);
else warnOnce('<ringside-phone> is already defined: this page loads the Ringside SDK twice; the first copy stays in use.');

declare global {
  interface HTMLElementTagNameMap {
    'ringside-phone': RingsidePhone;
  }
}
