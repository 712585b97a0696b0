import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServerConfig } from './config.js';
import { ephemeralCredentials } from './credentials.js';
import { ApiError, clientAddress, readJson, send, sendError } from './http/api-http.js';
import { LoginLimiter, limiterFactory } from './security/login-limiter.js';
import type { SessionRecord } from './security/session-store.js';
import type { Agent } from './store/agents.js';
import type { Store } from './store/store.js';
import type { Tenant } from './store/tenants.js';
import { isIceServerUrl, type TenantSettings } from './store/tenant-settings.js';
import { mintRenewToken, mintToken, verifyRenewToken, verifyToken, type AgentProfile } from './tokens.js';

/**
 * The session API, on the store:
 * - `POST /api/tokens` (a tenant's API key → single-use login token for one of its agents;
 *   with a profile, creates or updates the agent when the tenant allows just-in-time agents),
 * - `POST /api/session` (login token, usercode + clearpassword, or a renew token → profile,
 *   SIP credentials, the tenant's settings and the session's next renew token),
 * - `POST /api/logout` (renew token → the session is revoked on the server).
 * Every failed login backs off per account and per address (LoginLimiter).
 */

export { ApiError } from './http/api-http.js';

/**
 * What the phone needs of its tenant's settings to work calls, in one object (`tenant.phone`).
 * Every field is copied by name, so a setting added later (a secret, say) reaches no phone
 * until someone writes it here.
 */
export type PhoneSettings = Pick<
  TenantSettings,
  'dtmfMode' | 'ringTimeoutSeconds' | 'allowAutoAnswer' | 'notReadyRejectStatus' | 'notReadyDirectCalls' | 'turnServers' | 'defaultLanguage' | 'notReadyReasons' | 'dispositionCodes' | 'afterCallWork' | 'historyDays'
>;

/**
 * The tenant's settings as the widget gets them (no secrets, nothing about other tenants).
 * `phone` is where the phone reads its settings; the fields beside it are what earlier
 * versions sent, kept where they were (the REFER rules are read from there).
 */
export type WidgetTenant = {
  id: string;
  allowedOrigins: readonly string[];
  phone: PhoneSettings;
  /** The tenant's CCaaS wrapper library, when it has one: the widget hands it to the host SDK at login. */
  wrapper?: { url: string; presence: Record<string, string> };
} & Pick<
  TenantSettings,
  'referPolicy' | 'internalExtensionPattern' | 'notReadyReasons' | 'dispositionCodes' | 'afterCallWork' | 'urlTriggers' | 'turnServers' | 'defaultLanguage'
>;

/** What `POST /api/session` answers. */
export interface SessionResponse {
  agent: AgentProfile;
  sip: { wsUrl: string; domain: string; username: string; password: string; expiresAt: number };
  tenant: WidgetTenant;
  /** The one token that renews this session next (`POST /api/session {renewToken}`); rotated on every use. */
  renewToken: string;
  /** When the widget must have renewed (seconds since epoch): the earliest of renew-token, SIP and session expiry. */
  renewBy: number;
}

/** What a test may change for one session (the interop suite's short-lived credentials, its wss:// URL). */
export type SessionOverrides = Partial<Pick<ServerConfig, 'sipWsUrl' | 'sipCredentialTtlSeconds' | 'renewTokenTtlSeconds'>>;

/** The configuration one request runs with: the server's, with a test's overrides. */
type RequestConfig = ServerConfig & { wsUrlOverride?: string };

const SIP_USER = /^[A-Za-z0-9._-]{1,64}$/;
const DISPLAY_NAME = /^[^\p{Cc}\p{Cf}]{1,64}$/u;
const TENANT_ID = /^[A-Za-z0-9_-]{1,64}$/;

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
  readonly store: Store;
  readonly #limiter: LoginLimiter;
  readonly #routes: Record<string, (req: IncomingMessage, address: string, pageTenant?: string) => Promise<unknown>> = {
    '/api/tokens': (req, address) => this.#createToken(req, address),
    '/api/session': async (req, address, pageTenant) => this.createSession(withPageTenant(await readJson(req), pageTenant), address),
    '/api/logout': async (req) => this.#logout(await readJson(req)),
  };

  constructor(config: ServerConfig, store: Store, limiter = new LoginLimiter(config.rateLimits, limiterFactory(store.db.pool))) {
    this.config = config;
    this.store = store;
    this.#limiter = limiter;
  }

  /**
   * Handles the session endpoints (already normalised `path`; `pageTenant` when called under a
   * tenant's prefix, `/t/<tenant>/api/…`); false for anything else. Never throws.
   */
  async handle(path: string, req: IncomingMessage, res: ServerResponse, pageTenant?: string): Promise<boolean> {
    const route = this.#routes[path];
    if (!route) return false;
    try {
      if (req.method !== 'POST') throw new ApiError(405, 'method_not_allowed', 'use POST', { allow: 'POST' });
      send(res, 200, await route(req, clientAddress(req, this.config.trustProxy), pageTenant));
    } catch (error) {
      sendError(res, error);
    }
    return true;
  }

  /** The demo's stand-in for a CRM backend: `GET /demo/token?user=1001`, for the default tenant. Development only. */
  async demoToken(path: string, search: URLSearchParams, res: ServerResponse): Promise<boolean> {
    if (!this.config.demo || !this.config.defaultTenant || path !== '/demo/token') return false;
    try {
      const agent = await this.#enabledAgent(this.config.defaultTenant, search.get('user') ?? '');
      send(res, 200, await mintToken(this.config.tokenSecret, agent.tenantId, agent, 3600));
    } catch (error) {
      sendError(res, error);
    }
    return true;
  }

  async createSession(body: Record<string, unknown>, address: string, overrides: SessionOverrides = {}, now = Date.now()): Promise<SessionResponse> {
    const config: RequestConfig = { ...this.config, ...overrides, ...(overrides.sipWsUrl ? { wsUrlOverride: overrides.sipWsUrl } : {}) };
    const renewToken = optionalString(body, 'renewToken');
    const token = optionalString(body, 'token');
    const usercode = optionalString(body, 'usercode');
    const clearpassword = optionalString(body, 'clearpassword');
    // The tenant of the widget page the login comes from (`/t/<tenant>/widget/`), when it names one.
    const pageTenant = matching(body, 'tenant', TENANT_ID, 'a tenant id');
    if (renewToken) return this.#renew(config, renewToken, address, now, pageTenant);
    if (token) return this.#loginWithToken(config, token, address, now, pageTenant);
    if (usercode && clearpassword) return this.#loginWithPassword(config, pageTenant ?? config.defaultTenant, usercode, clearpassword, address, now);
    throw new ApiError(400, 'credentials_missing', 'send token, or usercode and clearpassword, or renewToken');
  }

  async #loginWithToken(config: RequestConfig, token: string, address: string, now: number, pageTenant?: string): Promise<SessionResponse> {
    await this.#allowed(address);
    const check = await verifyToken(config.tokenSecret, token, now);
    if (!check.ok) {
      // Older widgets renew with `{token: <renew token>}`: accept that spelling too.
      const renew = await verifyRenewToken(config.tokenSecret, token, now);
      if (renew.ok || renew.code === 'token_expired') return this.#renew(config, token, address, now, pageTenant);
      await this.#limiter.failed(address);
      throw new ApiError(401, check.code, check.message);
    }
    // Checked before the token is spent: a token used on the wrong page stays good for the right one.
    sameTenant(pageTenant, check.tenantId);
    if (!(await this.store.sessions.useToken(check.jti, check.expiresAt))) {
      await this.#limiter.failed(address);
      throw new ApiError(401, 'token_reused', 'this login token has been used already; ask the CRM for a new one');
    }
    const agent = await this.#enabledAgent(check.tenantId, check.userId);
    return this.#open(config, agent, Math.floor(now / 1000), now);
  }

  async #loginWithPassword(config: RequestConfig, tenantId: string | undefined, usercode: string, password: string, address: string, now: number): Promise<SessionResponse> {
    if (!tenantId) throw new ApiError(400, 'tenant_required', 'a password login must come from a tenant’s phone page (/t/<tenant>/widget/)');
    const account = `${tenantId}/${usercode.slice(0, 128)}`;
    await this.#allowed(address, account);
    const agent = await this.store.agents.checkPassword(tenantId, usercode, password);
    if (!agent) {
      await this.#limiter.failed(address, account);
      throw new ApiError(401, 'credentials_invalid', 'usercode or password is wrong');
    }
    await this.#limiter.succeeded(account);
    return this.#open(config, agent, Math.floor(now / 1000), now);
  }

  async #renew(config: RequestConfig, renewToken: string, address: string, now: number, pageTenant?: string): Promise<SessionResponse> {
    await this.#allowed(address);
    const check = await verifyRenewToken(config.tokenSecret, renewToken, now);
    if (!check.ok) {
      await this.#limiter.failed(address);
      throw new ApiError(401, check.code, check.message);
    }
    const session = await this.#liveSession(check.sessionId);
    sameTenant(pageTenant, session.tenantId);
    const next = await mintRenewToken(config.tokenSecret, session.userId, session.id, this.#renewTtl(config, session, now), now);
    if (session.renewJti !== check.jti || !(await this.store.sessions.rotateRenewToken(session.id, check.jti, next.jti))) {
      // A renew token presented twice means two holders: one of them stole it. End the session for both.
      await this.store.sessions.revokeSession(session.id);
      throw new ApiError(401, 'session_revoked', 'this renew token was used before; the session is revoked, log in again');
    }
    // An agent disabled (or a tenant removed) since the login is logged out at the next renewal.
    const agent = await this.#enabledAgent(session.tenantId ?? '', session.userId).catch(async (error: unknown) => {
      await this.store.sessions.revokeSession(session.id);
      throw error;
    });
    return this.#answer(config, await this.#tenant(agent.tenantId), { ...session, ...profileOf(agent) }, next, now);
  }

  async #logout(body: Record<string, unknown>): Promise<{ ok: true }> {
    const renewToken = optionalString(body, 'renewToken');
    if (!renewToken) throw new ApiError(400, 'invalid_body', 'renewToken is required');
    const check = await verifyRenewToken(this.config.tokenSecret, renewToken);
    if (!check.ok && check.code === 'token_invalid') throw new ApiError(401, 'token_invalid', check.message);
    // An expired renew token may still name a live session: logging out must end it anyway.
    const sessionId = check.ok ? check.sessionId : sessionIdOfExpired(renewToken);
    if (sessionId) await this.store.sessions.revokeSession(sessionId);
    return { ok: true };
  }

  async #open(config: RequestConfig, agent: Agent, authTime: number, now: number): Promise<SessionResponse> {
    const tenant = await this.#tenant(agent.tenantId);
    const id = randomUUID();
    const expiresAt = authTime + config.maxSessionSeconds;
    const draft: SessionRecord = { id, tenantId: tenant.id, ...profileOf(agent), authTime, renewJti: '', expiresAt, revoked: false };
    const renew = await mintRenewToken(config.tokenSecret, agent.userId, id, this.#renewTtl(config, draft, now), now);
    await this.store.sessions.createSession({ ...draft, renewJti: renew.jti });
    return this.#answer(config, tenant, draft, renew, now);
  }

  #answer(config: RequestConfig, tenant: Tenant, session: SessionRecord, renew: { token: string; expiresAt: number }, now: number): SessionResponse {
    const sip = ephemeralCredentials(config.sipSecret, session.userId, Math.min(config.sipCredentialTtlSeconds, session.expiresAt - Math.floor(now / 1000)), now);
    const { referPolicy, internalExtensionPattern, notReadyReasons, dispositionCodes, afterCallWork, urlTriggers, turnServers, defaultLanguage } = tenant.settings;
    return {
      agent: profileOf(session),
      sip: { wsUrl: config.wsUrlOverride ?? tenant.sipWsUrl, domain: tenant.sipDomain, username: sip.username, password: sip.password, expiresAt: sip.expiresAt },
      tenant: {
        id: tenant.id,
        allowedOrigins: tenant.allowedOrigins,
        phone: phoneSettingsOf(tenant.settings),
        referPolicy,
        internalExtensionPattern,
        notReadyReasons,
        dispositionCodes,
        afterCallWork,
        urlTriggers,
        turnServers,
        defaultLanguage,
        ...(tenant.settings.wrapperUrl ? { wrapper: { url: tenant.settings.wrapperUrl, presence: tenant.settings.wrapperPresence } } : {}),
      },
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
    const session = await this.store.sessions.getSession(id);
    if (!session || session.revoked) throw new ApiError(401, 'session_revoked', 'the session has ended; log in again');
    return session;
  }

  async #tenant(id: string): Promise<Tenant> {
    const tenant = await this.store.tenants.get(id);
    if (!tenant) throw new ApiError(401, 'token_invalid', 'the tenant of this login no longer exists');
    return tenant;
  }

  async #enabledAgent(tenantId: string, userId: string): Promise<Agent> {
    const agent = await this.store.agents.get(tenantId, userId);
    if (!agent) throw new ApiError(404, 'unknown_user', `no agent ${userId.slice(0, 64)}`);
    if (!agent.enabled) throw new ApiError(403, 'agent_disabled', `agent ${userId.slice(0, 64)} is disabled`);
    return agent;
  }

  async #createToken(req: IncomingMessage, address: string): Promise<{ token: string; expiresAt: number }> {
    await this.#allowed(address);
    const key = apiKeyOf(req);
    const tenant = key ? await this.store.tenants.byApiKey(key) : undefined;
    if (!tenant) {
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
    if ((extension || displayName) && tenant.settings.jitAgents) await this.#justInTime(tenant.id, userId, extension, displayName);
    const agent = await this.#enabledAgent(tenant.id, userId);
    const { token, expiresAt } = await mintToken(this.config.tokenSecret, tenant.id, agent, ttlValue);
    return { token, expiresAt };
  }

  /** A CRM that sends a profile keeps its agents in step without a second user list. */
  async #justInTime(tenantId: string, userId: string, extension: string | undefined, displayName: string | undefined): Promise<void> {
    const current = await this.store.agents.get(tenantId, userId);
    const next = { userId, extension: extension ?? current?.extension ?? userId, displayName: displayName ?? current?.displayName ?? userId };
    if (current && current.extension === next.extension && current.displayName === next.displayName) return;
    try {
      await this.store.agents.upsert(tenantId, next);
    } catch (error) {
      if ((error as { code?: string }).code === '23505') throw new ApiError(409, 'conflict', `extension ${next.extension} belongs to another agent`);
      throw error;
    }
  }

  async #allowed(address: string, account?: string): Promise<void> {
    const check = await this.#limiter.check(address, account);
    if (!check.ok) throw rateLimited(check.retryAfterSeconds);
  }
}

function sameTenant(pageTenant: string | undefined, tenantId: string | undefined): void {
  if (pageTenant && pageTenant !== tenantId) throw new ApiError(401, 'tenant_mismatch', 'this login belongs to another tenant than this phone page');
}

/** The tenant of the page's path wins over one in the body; two different ones are a mismatch. */
function withPageTenant(body: Record<string, unknown>, pageTenant: string | undefined): Record<string, unknown> {
  if (!pageTenant) return body;
  if (body.tenant !== undefined && body.tenant !== pageTenant) throw new ApiError(401, 'tenant_mismatch', 'this login names another tenant than this phone page');
  return { ...body, tenant: pageTenant };
}

function phoneSettingsOf(settings: TenantSettings): PhoneSettings {
  const { dtmfMode, ringTimeoutSeconds, allowAutoAnswer, notReadyRejectStatus, notReadyDirectCalls, turnServers, defaultLanguage, notReadyReasons, dispositionCodes, afterCallWork, historyDays } = settings;
  // Stored before URLs were checked this closely: one the browser refuses would fail every call, so it is left out.
  return { dtmfMode, ringTimeoutSeconds, allowAutoAnswer, notReadyRejectStatus, notReadyDirectCalls, turnServers: turnServers.filter(isIceServerUrl), defaultLanguage, notReadyReasons, dispositionCodes, afterCallWork, historyDays };
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
