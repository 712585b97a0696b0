import { ErrorCode, isRecord, type RingsideError } from '../../src/protocol/index.js';

export const dtmfModes = ['rfc4733', 'info'] as const;
/** How the phone sends keypad tones: RTP telephone-events (RFC 4733) or SIP INFO. */
export type DtmfMode = (typeof dtmfModes)[number];

export interface CodeLabel {
  readonly code: string;
  readonly label: string;
}

/** The tenant's settings the phone works calls with (`tenant.phone` of the session). */
export interface PhoneSettings {
  readonly dtmfMode: DtmfMode;
  /** After this long (5 to 300 s) an unanswered inbound call is missed: the phone answers 480. */
  readonly ringTimeoutSeconds: number;
  /** Whether the agent's auto-answer option may be used. */
  readonly allowAutoAnswer: boolean;
  /** While not ready, queue calls are refused with this status (486 or 480). */
  readonly notReadyRejectStatus: 486 | 480;
  /** Whether direct calls still ring while not ready. */
  readonly notReadyDirectCalls: boolean;
  /** STUN/TURN URLs, each fit for `RTCIceServer.urls`. */
  readonly turnServers: readonly string[];
  readonly defaultLanguage: string;
  readonly notReadyReasons: readonly CodeLabel[];
  readonly dispositionCodes: readonly CodeLabel[];
  readonly afterCallWork: { readonly enabled: boolean; readonly maxSeconds: number; readonly requireDisposition: boolean };
  /** Days the phone keeps the agent's call history (1 to 365). */
  readonly historyDays: number;
}

/** The server's defaults, for a session API that sends no `phone` (or a field the phone cannot use). */
export const defaultPhoneSettings: PhoneSettings = Object.freeze({
  dtmfMode: 'rfc4733',
  ringTimeoutSeconds: 45,
  allowAutoAnswer: true,
  notReadyRejectStatus: 486,
  notReadyDirectCalls: true,
  turnServers: Object.freeze([]),
  defaultLanguage: 'en',
  notReadyReasons: Object.freeze([Object.freeze({ code: 'break', label: 'Break' }), Object.freeze({ code: 'lunch', label: 'Lunch' }), Object.freeze({ code: 'meeting', label: 'Meeting' })]),
  dispositionCodes: Object.freeze([Object.freeze({ code: 'resolved', label: 'Resolved' }), Object.freeze({ code: 'callback', label: 'Call back' })]),
  afterCallWork: Object.freeze({ enabled: true, maxSeconds: 120, requireDisposition: false }),
  historyDays: 30,
});

/** What the widget needs from `POST /api/session`, checked before use. */
export interface Session {
  agent: { userId: string; extension: string; displayName: string };
  sip: { wsUrl: string; domain: string; username: string; password: string; expiresAt: number };
  /**
   * The tenant's other fields (`referPolicy`, `internalExtensionPattern`, …) are passed through
   * unread: `referRulesFrom` reads the REFER rules from this object with its own checks.
   */
  tenant: { id: string; allowedOrigins: string[]; phone: PhoneSettings; wrapper?: WrapperSetting };
  /** Renews this session once; every renewal hands out the next one. */
  renewToken: string;
  renewBy: number;
}

export type LoginCredentials = { token: string } | { usercode: string; clearpassword: string };

export type SessionResult = { ok: true; session: Session } | { ok: false; error: RingsideError };

/** The fields a login cannot do without; `tenant.phone` is read apart, by `phoneSettingsOf`. */
function isSession(value: unknown): value is Omit<Session, 'tenant'> & { tenant: Record<string, unknown> & Omit<Session['tenant'], 'phone'> } {
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
    typeof tenant.id === 'string' &&
    Array.isArray(tenant.allowedOrigins) &&
    tenant.allowedOrigins.every((o) => typeof o === 'string') &&
    typeof value.renewToken === 'string' &&
    typeof value.renewBy === 'number'
  );
}

const CODE = /^[A-Za-z0-9_.-]{1,32}$/;
const LABEL = /^[^\p{Cc}]{1,64}$/u;
const LANGUAGE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
const ICE_URL = /^(stuns?|turns?):([A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\])(?::(\d{1,5}))?(\?transport=(?:udp|tcp))?$/;

/**
 * A STUN or TURN URL as `RTCIceServer.urls` takes it (RFC 7064, 7065): the browser refuses
 * the whole peer connection for one it cannot parse, and so every call would fail.
 */
function isIceUrl(value: unknown): value is string {
  const match = typeof value === 'string' && value.length <= 256 ? ICE_URL.exec(value) : null;
  if (!match) return false;
  const [, scheme = '', , port, transport] = match;
  return (port === undefined || (Number(port) >= 1 && Number(port) <= 65535)) && (transport === undefined || scheme.startsWith('turn'));
}

const isWhole = (value: unknown, min: number, max: number): value is number => typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;

const isCodeLabel = (item: unknown): item is CodeLabel => isRecord(item) && typeof item.code === 'string' && CODE.test(item.code) && typeof item.label === 'string' && LABEL.test(item.label);

/** A list of at most 100 `{code, label}` with no code twice, copied; undefined if any item is not one. */
function codeLabels(value: unknown): CodeLabel[] | undefined {
  if (!Array.isArray(value) || value.length > 100 || !value.every(isCodeLabel)) return undefined;
  if (new Set(value.map((item) => item.code)).size !== value.length) return undefined;
  return value.map(({ code, label }) => ({ code, label }));
}

function afterCallWorkOf(value: unknown): PhoneSettings['afterCallWork'] | undefined {
  if (!isRecord(value) || typeof value.enabled !== 'boolean' || !isWhole(value.maxSeconds, 0, 3600) || typeof value.requireDisposition !== 'boolean') return undefined;
  return { enabled: value.enabled, maxSeconds: value.maxSeconds, requireDisposition: value.requireDisposition };
}

/**
 * `tenant.phone` as the phone can use it. A tolerant reader: a session API that sends no
 * `phone` (older) gets the defaults, and each field is checked on its own (type, and range
 * where it has one), so one the phone cannot use falls back to its default and nothing else
 * does. Never throws.
 */
export function phoneSettingsOf(value: unknown): PhoneSettings {
  const d = defaultPhoneSettings;
  if (!isRecord(value)) return d;
  const turnServers = Array.isArray(value.turnServers) && value.turnServers.length <= 10 && value.turnServers.every(isIceUrl) ? value.turnServers : undefined;
  return {
    dtmfMode: dtmfModes.find((mode) => mode === value.dtmfMode) ?? d.dtmfMode,
    ringTimeoutSeconds: isWhole(value.ringTimeoutSeconds, 5, 300) ? value.ringTimeoutSeconds : d.ringTimeoutSeconds,
    allowAutoAnswer: typeof value.allowAutoAnswer === 'boolean' ? value.allowAutoAnswer : d.allowAutoAnswer,
    notReadyRejectStatus: value.notReadyRejectStatus === 480 || value.notReadyRejectStatus === 486 ? value.notReadyRejectStatus : d.notReadyRejectStatus,
    notReadyDirectCalls: typeof value.notReadyDirectCalls === 'boolean' ? value.notReadyDirectCalls : d.notReadyDirectCalls,
    turnServers: turnServers ? [...turnServers] : d.turnServers,
    defaultLanguage: typeof value.defaultLanguage === 'string' && LANGUAGE.test(value.defaultLanguage) ? value.defaultLanguage : d.defaultLanguage,
    notReadyReasons: codeLabels(value.notReadyReasons) ?? d.notReadyReasons,
    dispositionCodes: codeLabels(value.dispositionCodes) ?? d.dispositionCodes,
    afterCallWork: afterCallWorkOf(value.afterCallWork) ?? d.afterCallWork,
    historyDays: isWhole(value.historyDays, 1, 365) ? value.historyDays : d.historyDays,
  };
}

/** The tenant's CCaaS wrapper library (README "CCaaS wrapper library"), passed to the host SDK at login. */
export interface WrapperSetting {
  url: string;
  presence: Record<string, string>;
}

/** `tenant.wrapper` when well formed (an http(s) URL, a map of strings); anything else is no wrapper. */
export function wrapperOf(value: unknown): WrapperSetting | undefined {
  if (!isRecord(value) || typeof value.url !== 'string' || !/^https?:\/\//.test(value.url) || value.url.length > 2048) return undefined;
  const presence = isRecord(value.presence) ? Object.fromEntries(Object.entries(value.presence).filter(([id, state]) => id.length <= 64 && typeof state === 'string' && state.length <= 64).slice(0, 50)) : {};
  return { url: value.url, presence: presence as Record<string, string> };
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
  if (response.ok && isSession(body)) {
    const { wrapper, ...tenant } = body.tenant;
    const checked = wrapperOf(wrapper);
    return { ok: true, session: { ...body, tenant: { ...tenant, phone: phoneSettingsOf(body.tenant.phone), ...(checked ? { wrapper: checked } : {}) } } };
  }
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
