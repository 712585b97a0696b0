import { ErrorCode, isRecord, type RingsideError } from '../../src/protocol/index.js';

/** What the widget needs from `POST /api/session`, checked before use. */
export interface Session {
  agent: { userId: string; extension: string; displayName: string };
  sip: { wsUrl: string; domain: string; username: string; password: string; expiresAt: number };
  tenant: { allowedOrigins: string[] };
  /** Renews this session once; every renewal hands out the next one. */
  renewToken: string;
  renewBy: number;
}

export type LoginCredentials = { token: string } | { usercode: string; clearpassword: string };

export type SessionResult = { ok: true; session: Session } | { ok: false; error: RingsideError };

function isSession(value: unknown): value is Session {
  if (!isRecord(value) || !isRecord(value.agent) || !isRecord(value.sip) || !isRecord(value.tenant)) return false;
  const { agent, sip, tenant } = value;
  return (
    typeof agent.userId === 'string' &&
    typeof agent.extension === 'string' &&
    typeof agent.displayName === 'string' &&
    typeof sip.wsUrl === 'string' &&
    typeof sip.domain === 'string' &&
    typeof sip.username === 'string' &&
    typeof sip.password === 'string' &&
    typeof sip.expiresAt === 'number' &&
    Array.isArray(tenant.allowedOrigins) &&
    tenant.allowedOrigins.every((o) => typeof o === 'string') &&
    typeof value.renewToken === 'string' &&
    typeof value.renewBy === 'number'
  );
}

/** The session API's codes as widget codes; a Map, so `constructor` or `__proto__` match nothing. */
const apiCodes = new Map<string, RingsideError['code']>([
  ['token_invalid', ErrorCode.TokenInvalid],
  ['token_expired', ErrorCode.TokenExpired],
  ['token_reused', ErrorCode.TokenReused],
  ['session_revoked', ErrorCode.SessionRevoked],
  ['rate_limited', ErrorCode.RateLimited],
  ['credentials_invalid', ErrorCode.TokenInvalid],
  ['credentials_missing', ErrorCode.CredentialsMissing],
  ['unknown_user', ErrorCode.TokenInvalid],
  // The login is fine as a token but not for this phone: a disabled agent, another tenant's page.
  ['agent_disabled', ErrorCode.TokenInvalid],
  ['tenant_mismatch', ErrorCode.TokenInvalid],
  ['unknown_tenant', ErrorCode.TokenInvalid],
  ['tenant_required', ErrorCode.CredentialsMissing],
]);

/** Seconds from a Retry-After header: a number of seconds or an HTTP date. */
function retryAfterOf(response: Response): number | undefined {
  const value = response.headers.get('retry-after')?.trim();
  if (!value) return undefined;
  const seconds = /^\d+$/.test(value) ? Number(value) : Math.ceil((Date.parse(value) - Date.now()) / 1000);
  return Number.isFinite(seconds) ? Math.max(0, seconds) : undefined;
}

const requestInit = (body: object): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
  credentials: 'omit',
  referrerPolicy: 'no-referrer',
  cache: 'no-store',
});

/**
 * Exchanges a token (or usercode + password), or renews with a renew token, for a session.
 * Never throws.
 */
export async function fetchSession(
  apiBase: string,
  credentials: LoginCredentials | { renewToken: string },
  fetcher: typeof fetch = fetch,
): Promise<SessionResult> {
  let response: Response;
  try {
    response = await fetcher(new URL('api/session', apiBase), requestInit(credentials));
  } catch {
    return { ok: false, error: { code: ErrorCode.SessionUnavailable, message: 'the session service cannot be reached' } };
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  if (response.ok && isSession(body)) return { ok: true, session: body };
  const apiError = isRecord(body) && isRecord(body.error) ? body.error : {};
  const code = typeof apiError.code === 'string' ? apiCodes.get(apiError.code) : undefined;
  if (!code) return { ok: false, error: { code: ErrorCode.SessionUnavailable, message: `the session service answered ${response.status}` } };
  const message = typeof apiError.message === 'string' ? apiError.message : code;
  const retryAfter = code === ErrorCode.RateLimited ? retryAfterOf(response) : undefined;
  return { ok: false, error: retryAfter === undefined ? { code, message } : { code, message, retryAfter } };
}

/**
 * The widget's session with the session API: login, renewal with the rotating renew token,
 * and logout.
 *
 * Login tokens are single-use, yet a host sends the same token again whenever the iframe
 * reloads or its element re-mounts. So the current renew token of a token login is kept in
 * the widget's own sessionStorage (this origin, this tab), under a digest of that login
 * token, and a later login with the same token renews with it instead. It never goes into a
 * URL or a log line, and logout removes it.
 */
export class SessionClient {
  readonly #apiBase: string;
  readonly #storage: Storage | null;
  readonly #fetcher: typeof fetch;
  #renewToken: string | null = null;
  /** Where this login's renew token is kept; null for password logins or without storage. */
  #key: string | null = null;

  constructor(apiBase: string, storage: Storage | null, fetcher: typeof fetch = (...args) => fetch(...args)) {
    this.#apiBase = apiBase;
    this.#storage = storage;
    this.#fetcher = fetcher;
  }

  async login(credentials: LoginCredentials): Promise<SessionResult> {
    this.#renewToken = null;
    this.#key = 'token' in credentials ? await storageKeyOf(credentials.token) : null;
    const saved = this.#key ? this.#read(this.#key) : null;
    if (saved) {
      const resumed = await fetchSession(this.#apiBase, { renewToken: saved }, this.#fetcher);
      // Unreachable or throttled: the renew token may still be good, and the login token
      // is spent anyway. Refused: it is dead; the token itself is the last try.
      if (resumed.ok || resumed.error.code === ErrorCode.SessionUnavailable || resumed.error.code === ErrorCode.RateLimited) return this.#keep(resumed);
      this.#write(null);
    }
    return this.#keep(await fetchSession(this.#apiBase, credentials, this.#fetcher));
  }

  /** Renews with the current renew token; a success hands out the next one. */
  async renew(): Promise<SessionResult> {
    if (!this.#renewToken) return { ok: false, error: { code: ErrorCode.NotLoggedIn, message: 'there is no session to renew' } };
    return this.#keep(await fetchSession(this.#apiBase, { renewToken: this.#renewToken }, this.#fetcher));
  }

  /**
   * Forgets the session here at once and asks the server to revoke it. Best effort: the
   * local logout never waits for the server, and a failure only leaves the renew token to
   * expire on its own.
   */
  logout(): void {
    const renewToken = this.#renewToken;
    this.#renewToken = null;
    this.#write(null);
    this.#key = null;
    if (!renewToken) return;
    const init: RequestInit = { ...requestInit({ renewToken }), keepalive: true };
    void Promise.resolve()
      .then(() => this.#fetcher(new URL('api/logout', this.#apiBase), init))
      .catch(() => undefined);
  }

  #keep(result: SessionResult): SessionResult {
    if (result.ok) {
      this.#renewToken = result.session.renewToken;
      this.#write(result.session.renewToken);
    } else if (result.error.code !== ErrorCode.SessionUnavailable && result.error.code !== ErrorCode.RateLimited) {
      // Refused for good (revoked, expired, reused): nothing left to renew with.
      this.#renewToken = null;
      this.#write(null);
    }
    return result;
  }

  #read(key: string): string | null {
    try {
      return this.#storage?.getItem(key) ?? null;
    } catch {
      return null;
    }
  }

  #write(renewToken: string | null): void {
    if (!this.#key) return;
    try {
      if (renewToken) this.#storage?.setItem(this.#key, renewToken);
      else this.#storage?.removeItem(this.#key);
    } catch {
      // Blocked or full storage only costs the resume after a reload.
    }
  }
}

/** A storage key for a login token's session: a digest, so the token itself is not kept. */
async function storageKeyOf(token: string): Promise<string | null> {
  try {
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token));
    const hex = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
    return `ringside.renew:${hex.slice(0, 32)}`;
  } catch {
    // No WebCrypto (an insecure context): reloads then need a fresh token from the host.
    return null;
  }
}
