import { isRecord } from '../protocol/index.js';

/** The part of a shown `Notification` the notifier uses. */
export interface ShownNotification extends EventTarget {
  close(): void;
}

/** The part of the `Notification` constructor the notifier uses; tests pass a fake. */
export interface NotificationClass {
  readonly permission: NotificationPermission;
  requestPermission(): Promise<NotificationPermission>;
  new (title: string, options?: NotificationOptions): ShownNotification;
}

/** What the notifier needs from the page. */
export interface NotifierEnvironment {
  /** `Notification`, or null where the page has none (an insecure page, iOS Safari in a tab). */
  Notification: NotificationClass | null;
  /** Whether the agent cannot see the CRM page (another tab in front, the window minimized). */
  isHidden(): boolean;
  /** Brings the CRM tab to the front. */
  focusPage(): void;
  /** Whether the page has transient user activation (a click or key press just now). */
  hasActivation(): boolean;
}

const pageEnvironment = (): NotifierEnvironment => ({
  Notification: typeof Notification === 'function' ? Notification : null,
  isHidden: () => document.hidden,
  focusPage: () => window.focus(),
  // Where the API is missing, being called from a gesture's handler is the evidence there is.
  hasActivation: () => navigator.userActivation?.isActive ?? true,
});

export interface NotifierOptions {
  /** Read at each use, so a change of the element's options applies at once. */
  enabled(): boolean;
  /** Shows the whole phone (as `autoMaximize` does when a call rings). */
  restore(): void;
}

const TITLE = 'Incoming call';
const GESTURES = ['pointerdown', 'keydown'] as const;
/** The events that say an inbound call stopped ringing: answered, ended, unanswered or rejected. */
const STOPPED = new Set(['OnIncomingCallAnswered', 'OnIncomingCallHangup', 'OnAgentRingNoAnswer']);

/** A call as any event may carry it, read without trusting its shape beyond its id. */
export type UntrustedCall = Record<string, unknown> & { callId: string };

export function callOf(data: unknown): UntrustedCall | null {
  const call = isRecord(data) && isRecord(data.call) ? data.call : null;
  return call && typeof call.callId === 'string' ? (call as UntrustedCall) : null;
}

/** Who calls, as the notification says it: a caller's own claim is marked unverified. */
function callerText(call: UntrustedCall): string {
  const [name, number] = [call.remoteName, call.remoteNumber].map((value) => (typeof value === 'string' ? value : ''));
  const who = name && number && name !== number ? `${name} · ${number}` : name || number || 'Unknown caller';
  return call.identity === 'claimed' ? `${who} (unverified)` : who;
}

/**
 * Desktop notifications for calls that ring while the CRM tab is hidden. They are shown by the
 * host page because Chromium lets no cross-origin iframe ask for the permission.
 *
 * The permission is asked on the agent's first gesture on the element (never on load, which
 * browsers block or bury): a press on its chrome, or a click or Tab into the phone's iframe.
 * That last one is seen only as this window losing focus to the iframe; a gesture in a frame
 * activates its ancestors too, so the page may still ask. A notification closes when its call
 * stops ringing; a click on it focuses the CRM tab and restores the phone.
 */
export class CallNotifier {
  readonly #host: HTMLElement;
  readonly #options: NotifierOptions;
  readonly #env: NotifierEnvironment;
  readonly #shown = new Map<string, ShownNotification>();
  #asked = false;

  constructor(host: HTMLElement, options: NotifierOptions, env: NotifierEnvironment = pageEnvironment()) {
    this.#host = host;
    this.#options = options;
    this.#env = env;
    for (const type of GESTURES) host.addEventListener(type, this.#onGesture);
  }

  /** Starts watching for focus moving into the phone's iframe. */
  connect(): void {
    window.addEventListener('blur', this.#onBlur);
  }

  /** The element left the page: its notifications go with it. */
  disconnect(): void {
    window.removeEventListener('blur', this.#onBlur);
    for (const notification of this.#shown.values()) notification.close();
    this.#shown.clear();
  }

  /** A protocol event about a call. Never throws: it runs inside the event dispatch. */
  handle(name: string, call: UntrustedCall): void {
    if (name === 'OnIncomingCallRinging') this.#show(call.callId, callerText(call));
    else if (STOPPED.has(name)) this.#close(call.callId);
  }

  #onGesture = (): void => {
    const Notification = this.#env.Notification;
    if (this.#asked || !Notification || !this.#options.enabled() || !this.#env.hasActivation()) return;
    this.#asked = true;
    if (Notification.permission !== 'default') return;
    // The answer is read from `permission` when a call rings; a refusal is the agent's to keep.
    Notification.requestPermission().catch(() => undefined);
  };

  #onBlur = (): void => {
    if (this.#host.shadowRoot?.activeElement instanceof HTMLIFrameElement) this.#onGesture();
  };

  #show(callId: string, body: string): void {
    const Notification = this.#env.Notification;
    if (!Notification || Notification.permission !== 'granted' || !this.#options.enabled()) return;
    if (!this.#env.isHidden() || this.#shown.has(callId)) return;
    let notification: ShownNotification;
    try {
      notification = new Notification(TITLE, { body, tag: callId, requireInteraction: true });
    } catch {
      // Chrome on Android has no page notifications (only a service worker's): no notification.
      return;
    }
    // One per call: dismissed by the agent, it stays listed (closing it again does nothing)
    // until its call stops ringing.
    this.#shown.set(callId, notification);
    notification.addEventListener('click', () => {
      this.#env.focusPage();
      this.#options.restore();
      this.#close(callId);
    });
  }

  #close(callId: string): void {
    const notification = this.#shown.get(callId);
    this.#shown.delete(callId);
    notification?.close();
  }
}
