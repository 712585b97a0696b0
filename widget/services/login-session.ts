import { msg } from '@lit/localize';
import { ErrorCode, type RingsideError } from '../../src/protocol/index.js';
import type { Logger } from './logger.js';
import { SessionClient, type LoginCredentials, type Session } from './session-client.js';

/** Reads credentials from the widget's own URL (`?token=`, Tegsoft's forms) and removes them. */
export function takeUrlCredentials(win: Window): LoginCredentials | null {
  const url = new URL(win.location.href);
  const params = url.searchParams;
  const token = params.get('token');
  const usercode = params.get('usercode');
  const clearpassword = params.get('clearpassword');
  const names = ['token', 'usercode', 'clearpassword', 'sessiontype'];
  const hadAny = names.some((name) => params.has(name));
  for (const name of names) params.delete(name);
  if (hadAny) win.history.replaceState(win.history.state, '', url.pathname + (params.size ? `?${params}` : '') + url.hash);
  if (token) return { token };
  if (usercode && clearpassword) return { usercode, clearpassword };
  return null;
}

/**
 * The agent's login: exchanging credentials for a session, renewing it before `renewBy`,
 * and ending it. Reports what happened; the widget core decides what the phone and the host
 * hear of it. The renewal timer is the only timer of a logged-in, idle phone: it is what
 * keeps the SIP credentials valid, not something the screen shows.
 */
export interface LoginEvents {
  loggedIn(session: Session): Promise<void>;
  failed(error: RingsideError): void;
  renewed(session: Session): Promise<void>;
  /** The session could not be renewed and has run out: the agent must log in again. */
  lost(error: RingsideError): void;
}

export type LoginState = 'idle' | 'logging_in' | 'failed' | 'done';

export class LoginSession {
  readonly #client: SessionClient;
  readonly #events: LoginEvents;
  readonly #log: Logger;
  #state: LoginState = 'idle';
  #session: Session | null = null;
  #renewTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(client: SessionClient, events: LoginEvents, log: Logger) {
    this.#client = client;
    this.#events = events;
    this.#log = log;
  }

  get state(): LoginState {
    return this.#state;
  }

  get session(): Session | null {
    return this.#session;
  }

  async login(credentials: LoginCredentials): Promise<void> {
    if (this.#state === 'logging_in' || this.#state === 'done') return;
    this.#state = 'logging_in';
    const result = await this.#client.login(credentials);
    if (!result.ok) {
      this.#state = 'failed';
      this.#log.warn(`login failed: ${result.error.code}`);
      this.#events.failed(result.error);
      return;
    }
    this.#session = result.session;
    this.#state = 'done';
    this.#schedule(result.session);
    await this.#events.loggedIn(result.session);
  }

  /** Forgets the session here and revokes it on the server. */
  logout(): void {
    this.stop();
    this.#client.logout();
    this.#session = null;
    this.#state = 'idle';
  }

  stop(): void {
    if (this.#renewTimer) clearTimeout(this.#renewTimer);
    this.#renewTimer = null;
  }

  /**
   * Renews a margin before `renewBy`: a fifth of the lifetime, at least 2 s and at most 5 min.
   * A transient failure is retried until the session runs out.
   */
  #schedule(session: Session, attempt = 0): void {
    this.stop();
    const left = session.renewBy * 1000 - Date.now();
    const margin = Math.min(300_000, Math.max(2000, left / 5));
    const delay = attempt === 0 ? Math.max(0, left - margin) : Math.min(5000 * attempt, Math.max(0, left - 1000));
    // setTimeout fires at once past 2^31-1 ms (24.8 days): a longer session is renewed then.
    this.#renewTimer = setTimeout(() => void this.#renew(session, attempt), Math.min(delay, 2 ** 31 - 1));
  }

  async #renew(previous: Session, attempt: number): Promise<void> {
    this.#renewTimer = null;
    const result = await this.#client.renew();
    if (!result.ok) {
      this.#log.warn(`session renewal failed: ${result.error.code}`);
      const transient = result.error.code === ErrorCode.SessionUnavailable || result.error.code === ErrorCode.RateLimited;
      if (transient && previous.renewBy * 1000 > Date.now() + 1000) return this.#schedule(previous, attempt + 1);
      this.#events.lost({ code: result.error.code, message: msg('The session could not be renewed; log in again.', { id: 'session.renewal-failed' }) });
      return;
    }
    this.#session = result.session;
    this.#schedule(result.session);
    await this.#events.renewed(result.session);
  }
}
