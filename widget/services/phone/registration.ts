import { Registerer, RegistererState, type UserAgent } from 'sip.js';
import { ErrorCode, type RegistrationStateName, type RingsideError } from '../../../src/protocol/index.js';
import { retire } from './sip-helpers.js';

/** Reconnect back-off; each delay gets ±20 % jitter so a restarted server is not stampeded. */
const RECONNECT_DELAYS_MS = [250, 500, 1000, 2000, 4000, 8000, 15000];

/**
 * Registration of the phone's UserAgent: start the socket (retrying until it connects),
 * REGISTER with a fresh Registerer each time (an old one keeps re-sending stale credentials),
 * renewal with new credentials on the same socket, and the reconnect loop after the WebSocket
 * drops. Reports states; the phone service owns the state machine. Every path here runs in
 * sip.js callbacks or timers, so nothing here throws: a failure is reported and retried.
 */
export class SipRegistration {
  readonly #report: (state: RegistrationStateName, error?: RingsideError) => void;
  readonly #warn: (line: string) => void;
  #ua: UserAgent | null = null;
  #registerer: Registerer | null = null;
  /** The state last reported: a renewal while registered is no change the host should see. */
  #last: RegistrationStateName = 'logged_out';
  #reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  #attempt = 0;
  #stopping = false;

  constructor(report: (state: RegistrationStateName, error?: RingsideError) => void, warn: (line: string) => void) {
    this.#report = (state, error) => {
      this.#last = state;
      report(state, error);
    };
    this.#warn = warn;
  }

  /** Connects `ua` and registers; a socket that cannot connect is reported and retried with back-off. */
  async start(ua: UserAgent, server: string): Promise<void> {
    this.#ua = ua;
    this.#stopping = false;
    this.#report('registering');
    try {
      await ua.start();
    } catch {
      this.#report('failed', { code: ErrorCode.RegistrationFailed, message: `SIP server ${server} is unreachable; retrying` });
      this.#scheduleReconnect();
      return;
    }
    await this.#register();
  }

  /** Renewed credentials: a new Registerer with them, on the same socket (or at the next reconnect). */
  renew(username: string, password: string): Promise<void> {
    const ua = this.#ua;
    if (!ua) return Promise.resolve();
    ua.configuration.authorizationUsername = username;
    ua.configuration.authorizationPassword = password;
    if (this.#reconnectTimer || !ua.isConnected()) return Promise.resolve();
    return this.#register();
  }

  connectionLost(): void {
    if (this.#stopping) return;
    this.#report('reconnecting');
    this.#scheduleReconnect();
  }

  async stop(): Promise<void> {
    this.#stopping = true;
    if (this.#reconnectTimer) clearTimeout(this.#reconnectTimer);
    this.#reconnectTimer = null;
    try {
      await this.#registerer?.unregister();
    } catch {
      // The socket may already be gone; stopping the UA is what matters.
    }
    this.#registerer = null;
    this.#ua = null;
  }

  async #register(): Promise<void> {
    const ua = this.#ua;
    if (!ua || this.#stopping) return;
    const old = this.#registerer;
    const registerer = new Registerer(ua, { expires: 600 });
    this.#registerer = registerer;
    if (old) retire(old);
    // Renewing a live registration is not a change of state; after a failure or a drop it is.
    if (this.#last !== 'registered') this.#report('registering');
    registerer.stateChange.addListener((state) => {
      if (registerer !== this.#registerer || state !== RegistererState.Registered) return;
      this.#attempt = 0;
      this.#report('registered');
    });
    try {
      await registerer.register({
        requestDelegate: {
          onReject: (response) => {
            // A refusal of a REGISTER a newer one replaced says nothing about the registration now.
            if (registerer !== this.#registerer) return;
            const { statusCode, reasonPhrase } = response.message;
            this.#report('failed', { code: ErrorCode.RegistrationFailed, message: `SIP server refused registration: ${statusCode} ${reasonPhrase}` });
          },
        },
      });
    } catch (error) {
      this.#warn(`REGISTER could not be sent: ${(error as Error).message}`);
    }
  }

  #scheduleReconnect(): void {
    if (this.#reconnectTimer || this.#stopping) return;
    const base = RECONNECT_DELAYS_MS[Math.min(this.#attempt, RECONNECT_DELAYS_MS.length - 1)]!;
    this.#attempt += 1;
    this.#reconnectTimer = setTimeout(() => void this.#reconnect(), base * (0.8 + Math.random() * 0.4));
  }

  async #reconnect(): Promise<void> {
    this.#reconnectTimer = null;
    const ua = this.#ua;
    if (!ua || this.#stopping) return;
    try {
      await ua.reconnect();
    } catch (error) {
      this.#warn(`reconnect failed: ${(error as Error).message}`);
      this.#scheduleReconnect();
      return;
    }
    await this.#register();
  }
}
