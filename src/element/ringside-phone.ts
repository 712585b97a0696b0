import type { ActionDataMap, ActionName, ActionResultMap, CallInfo, CallStats, CtiData, EventMessage, StatusData } from '../protocol/index.js';
import { WidgetConnection } from './connection.js';
import { CATCH_ALL, RingsideConnectionRefusedEvent, RingsideEvent } from './events.js';

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
 * @fires ringside-event - Every protocol event, under one type.
 * @fires ringside-incoming-call-ringing - An inbound call rings.
 * @fires ringside-incoming-call-hangup - An answered inbound call ended.
 * @fires ringside-login-failed - The token was refused (`token_invalid`, `token_expired`…).
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
    this.dispatchEvent(new RingsideEvent(message.name, message.data, message.seq));
    this.dispatchEvent(new RingsideEvent(message.name, message.data, message.seq, CATCH_ALL));
  }
}

if (!customElements.get('ringside-phone')) customElements.define('ringside-phone', RingsidePhone);

declare global {
  interface HTMLElementTagNameMap {
    'ringside-phone': RingsidePhone;
  }
}
