import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DirectoryUser, ReferPolicy, ServerConfig } from './config.js';
import { ephemeralCredentials, safeEqual } from './credentials.js';
import { ApiError, clientAddress, readJson, send, sendError } from './http/api-http.js';
import { LoginLimiter } from './security/login-limiter.js';
import { MemorySessionStore, type SessionRecord, type SessionStore } from './security/session-store.js';
import { mintRenewToken, mintToken, verifyRenewToken, verifyToken, type AgentProfile } from './tokens.js';

/**
 * The session API:
 * - `POST /api/tokens` (API key → single-use login token for an agent),
 * - `POST /api/session` (login token, usercode + clearpassword, or a renew token → profile,
 *   SIP credentials, tenant config and the session's next renew token),
 * - `POST /api/logout` (renew token → the session is revoked on the server).
 * Every failed login backs off per account and per address (LoginLimiter).
 */

export { ApiError } from './http/api-http.js';

/** What `POST /api/session` answers. */
export interface SessionResponse {
  agent: AgentProfile;
  sip: { wsUrl: string; domain: string; username: string; password: string; expiresAt: number };
  tenant: { allowedOrigins: readonly string[]; referPolicy: ReferPolicy; internalExtensionPattern: string };
  /** The one token that renews this session next (`POST /api/session {renewToken}`); rotated on every use. */
  renewToken: string;
  /** When the widget must have renewed (seconds since epoch): the earliest of renew-token, SIP and session expiry. */
  renewBy: number;
}

/** What a test or a deployment may change for one session (the interop suite's short-lived credentials). */
export type SessionOverrides = Partial<Pick<ServerConfig, 'sipWsUrl' | 'sipCredentialTtlSeconds' | 'renewTokenTtlSeconds'>>;

const SIP_USER = /^[A-Za-z0-9._-]{1,64}$/;
const DISPLAY_NAME = /^[^\p{Cc}\p{Cf}]{1,64}$/u;

function optionalString(body: Record<string, unknown>, field: string): string | undefined {
  const value = Object.prototype.hasOwnProperty.call(body, field) ? body[field] : undefined;
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length === 0 || value.length > 4096) throw new ApiError(400, 'invalid_body', `${field} must be a non-empty string`);
  return value;
}

function matching(body: Record<string, unknown>, field: string, pattern: RegExp, what: string): string | undefined {
  const value = optionalString(body, field);
  if (value !== undefined && !pattern.test(value)) throw new ApiError(400, 'invalid_body', `${field} must be ${what}`);
  return value;
}

function apiKeyOf(req: IncomingMessage): string | undefined {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7);
  const header = req.headers['x-api-key'];
  return typeof header === 'string' ? header : undefined;
}

const rateLimited = (seconds: number) => new ApiError(429, 'rate_limited', `too many failed attempts; retry in ${seconds} s`, { 'retry-after': String(seconds) });

export class SessionApi {
  readonly config: ServerConfig;
  readonly #store: SessionStore;
  readonly #limiter: LoginLimiter;
  readonly #routes: Record<string, (req: IncomingMessage, address: string) => Promise<unknown>> = {
    '/api/tokens': (req, address) => this.#createToken(req, address),
    '/api/session': async (req, address) => this.createSession(await readJson(req), address),
    '/api/logout': async (req) => this.#logout(await readJson(req)),
  };

  constructor(config: ServerConfig, store: SessionStore = new MemorySessionStore(), limiter = new LoginLimiter(config.rateLimits)) {
    this.config = config;
    this.#store = store;
    this.#limiter = limiter;
  }

  /** Handles `/api/*` (already normalised `path`); false for anything else. Never throws. */
  async handle(path: string, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    if (!path.startsWith('/api/')) return false;
    try {
      const route = this.#routes[path];
      if (!route) throw new ApiError(404, 'not_found', `no endpoint ${path.slice(0, 64)}`);
      if (req.method !== 'POST') throw new ApiError(405, 'method_not_allowed', 'use POST', { allow: 'POST' });
      send(res, 200, await route(req, clientAddress(req, this.config.trustProxy)));
    } catch (error) {
      sendError(res, error);
    }
    return true;
  }

  /** The demo's stand-in for a CRM backend: `GET /demo/token?user=1001`. Development only. */
  async demoToken(path: string, search: URLSearchParams, res: ServerResponse): Promise<boolean> {
    if (!this.config.demo || path !== '/demo/token') return false;
    try {
      const user = this.#directoryUser(search.get('user') ?? '');
      send(res, 200, await mintToken(this.config.tokenSecret, user, 3600));
    } catch (error) {
      sendError(res, error);
    }
    return true;
  }

  async createSession(body: Record<string, unknown>, address: string, overrides: SessionOverrides = {}, now = Date.now()): Promise<SessionResponse> {
    const config = { ...this.config, ...overrides };
    const renewToken = optionalString(body, 'renewToken');
    const token = optionalString(body, 'token');
    const usercode = optionalString(body, 'usercode');
    const clearpassword = optionalString(body, 'clearpassword');
    if (renewToken) return this.#renew(config, renewToken, address, now);
    if (token) return this.#loginWithToken(config, token, address, now);
    if (usercode && clearpassword) return this.#loginWithPassword(config, usercode, clearpassword, address, now);
    throw new ApiError(400, 'credentials_missing', 'send token, or usercode and clearpassword, or renewToken');
  }

  async #loginWithToken(config: ServerConfig, token: string, address: string, now: number): Promise<SessionResponse> {
    await this.#allowed(address);
    const check = await verifyToken(config.tokenSecret, token, now);
    if (!check.ok) {
      // Older widgets renew with `{token: <renew token>}`: accept that spelling too.
      const renew = await verifyRenewToken(config.tokenSecret, token, now);
      if (renew.ok || renew.code === 'token_expired') return this.#renew(config, token, address, now);
      await this.#limiter.failed(address);
      throw new ApiError(401, check.code, check.message);
    }
    if (!(await this.#store.useToken(check.jti, check.expiresAt))) {
      await this.#limiter.failed(address);
      throw new ApiError(401, 'token_reused', 'this login token has been used already; ask the CRM for a new one');
    }
    const agent = config.mode === 'development' ? this.#directoryUser(check.userId) : check;
    return this.#open(config, profileOf(agent), Math.floor(now / 1000), now);
  }

  async #loginWithPassword(config: ServerConfig, usercode: string, password: string, address: string, now: number): Promise<SessionResponse> {
    const account = usercode.slice(0, 128);
    await this.#allowed(address, account);
    const found = config.users.find((u) => u.userId === usercode);
    // Compare even when the user is unknown, so timing does not tell which users exist.
    const matches = safeEqual(found?.password ?? '\u0000never', password);
    if (!found || !matches) {
      await this.#limiter.failed(address, account);
      throw new ApiError(401, 'credentials_invalid', 'usercode or password is wrong');
    }
    await this.#limiter.succeeded(account);
    return this.#open(config, profileOf(found), Math.floor(now / 1000), now);
  }

  async #renew(config: ServerConfig, renewToken: string, address: string, now: number): Promise<SessionResponse> {
    await this.#allowed(address);
    const check = await verifyRenewToken(config.tokenSecret, renewToken, now);
    if (!check.ok) {
      await this.#limiter.failed(address);
      throw new ApiError(401, check.code, check.message);
    }
    const session = await this.#liveSession(check.sessionId);
    const next = await mintRenewToken(config.tokenSecret, session.userId, session.id, this.#renewTtl(config, session, now), now);
    if (session.renewJti !== check.jti || !(await this.#store.rotateRenewToken(session.id, check.jti, next.jti))) {
      // A renew token presented twice means two holders: one of them stole it. End the session for both.
      await this.#store.revokeSession(session.id);
      throw new ApiError(401, 'session_revoked', 'this renew token was used before; the session is revoked, log in again');
    }
    return this.#answer(config, session, next, now);
  }

  async #logout(body: Record<string, unknown>): Promise<{ ok: true }> {
    const renewToken = optionalString(body, 'renewToken');
    if (!renewToken) throw new ApiError(400, 'invalid_body', 'renewToken is required');
    const check = await verifyRenewToken(this.config.tokenSecret, renewToken);
    if (!check.ok && check.code === 'token_invalid') throw new ApiError(401, 'token_invalid', check.message);
    // An expired renew token may still name a live session: logging out must end it anyway.
    const sessionId = check.ok ? check.sessionId : sessionIdOfExpired(renewToken);
    if (sessionId) await this.#store.revokeSession(sessionId);
    return { ok: true };
  }

  async #open(config: ServerConfig, agent: AgentProfile, authTime: number, now: number): Promise<SessionResponse> {
    const id = randomUUID();
    const expiresAt = authTime + config.maxSessionSeconds;
    const draft: SessionRecord = { id, ...agent, authTime, renewJti: '', expiresAt, revoked: false };
    const renew = await mintRenewToken(config.tokenSecret, agent.userId, id, this.#renewTtl(config, draft, now), now);
    await this.#store.createSession({ ...draft, renewJti: renew.jti });
    return this.#answer(config, draft, renew, now);
  }

  #answer(config: ServerConfig, session: SessionRecord, renew: { token: string; expiresAt: number }, now: number): SessionResponse {
    const sip = ephemeralCredentials(config.sipSecret, session.userId, Math.min(config.sipCredentialTtlSeconds, session.expiresAt - Math.floor(now / 1000)), now);
    return {
      agent: profileOf(session),
      sip: { wsUrl: config.sipWsUrl, domain: config.sipDomain, username: sip.username, password: sip.password, expiresAt: sip.expiresAt },
      tenant: { allowedOrigins: config.allowedOrigins, referPolicy: config.referPolicy, internalExtensionPattern: config.internalExtensionPattern },
      renewToken: renew.token,
      renewBy: Math.min(renew.expiresAt, sip.expiresAt),
    };
  }

  /** A renew token never outlives the session it renews. */
  #renewTtl(config: ServerConfig, session: SessionRecord, now: number): number {
    const left = session.expiresAt - Math.floor(now / 1000);
    if (left <= 0) throw new ApiError(401, 'token_expired', 'the login is too old to renew; log in again');
    return Math.min(config.renewTokenTtlSeconds, left);
  }

  async #liveSession(id: string): Promise<SessionRecord> {
    const session = await this.#store.getSession(id);
    if (!session || session.revoked) throw new ApiError(401, 'session_revoked', 'the session has ended; log in again');
    return session;
  }

  async #createToken(req: IncomingMessage, address: string): Promise<{ token: string; expiresAt: number }> {
    await this.#allowed(address);
    const key = apiKeyOf(req);
    if (!key || !this.config.apiKeys.some((k) => safeEqual(k, key))) {
      await this.#limiter.failed(address);
      throw new ApiError(401, 'api_key_invalid', 'a valid API key is required');
    }
    const body = await readJson(req);
    const userId = matching(body, 'userId', SIP_USER, 'letters, digits, ".", "_" or "-", at most 64');
    if (!userId) throw new ApiError(400, 'invalid_body', 'userId is required');
    const extension = matching(body, 'extension', SIP_USER, 'letters, digits, ".", "_" or "-", at most 64');
    const displayName = matching(body, 'displayName', DISPLAY_NAME, 'at most 64 printable characters');
    const ttlValue = body.ttlSeconds ?? 3600;
    if (typeof ttlValue !== 'number' || !Number.isInteger(ttlValue) || ttlValue < 1 || ttlValue > this.config.maxTokenTtlSeconds) {
      throw new ApiError(400, 'invalid_body', `ttlSeconds must be an integer from 1 to ${this.config.maxTokenTtlSeconds}`);
    }
    const agent = this.config.mode === 'development' ? this.#directoryUser(userId) : { userId, extension: extension ?? userId, displayName: displayName ?? userId };
    const { token, expiresAt } = await mintToken(this.config.tokenSecret, profileOf(agent), ttlValue);
    return { token, expiresAt };
  }

  async #allowed(address: string, account?: string): Promise<void> {
    const check = await this.#limiter.check(address, account);
    if (!check.ok) throw rateLimited(check.retryAfterSeconds);
  }

  #directoryUser(userId: string): DirectoryUser {
    const user = this.config.users.find((u) => u.userId === userId);
    if (!user) throw new ApiError(404, 'unknown_user', `no user ${userId.slice(0, 64)}`);
    return user;
  }
}

function profileOf({ userId, extension, displayName }: AgentProfile): AgentProfile {
  return { userId, extension, displayName };
}

/**
 * The session id in a renew token whose signature verified but whose time ran out (jose
 * verifies the signature before it checks expiry, so `token_expired` means it was ours).
 */
function sessionIdOfExpired(token: string): string | undefined {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { sid?: unknown };
    return typeof payload.sid === 'string' ? payload.sid : undefined;
  } catch {
    return undefined;
  }
}
