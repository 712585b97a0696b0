import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServerConfig } from '../config.js';
import { safeEqual } from '../credentials.js';
import { ApiError, clientAddress, readJson, send, sendError } from '../http/api-http.js';
import type { RequestTarget } from '../http/request-path.js';
import { LoginLimiter, limiterFactory } from '../security/login-limiter.js';
import type { Admin } from '../store/admins.js';
import type { Store } from '../store/store.js';
import { AdminService } from './admin-service.js';

/**
 * The admin API under `/api/admin/`. Two ways in:
 * - an admin login (`POST /api/admin/login`) sets an HttpOnly, SameSite=Strict session cookie
 *   scoped to `/api/admin`; every request that changes something must also carry the
 *   session's CSRF token in `X-CSRF-Token` (which a page on another origin cannot read);
 * - `Authorization: Bearer <admin key>` (RINGSIDE_ADMIN_KEYS) for automation: no cookie, so no CSRF.
 * An admin of one tenant sees and changes only that tenant; creating tenants and admins needs
 * an admin of all tenants.
 */

const COOKIE = 'ringside_admin';
const SESSION_SECONDS = 8 * 3600;

interface Caller {
  admin: Admin;
  csrfToken?: string;
}

type Handler = (caller: Caller, params: string[], req: IncomingMessage) => Promise<unknown>;

function cookieOf(req: IncomingMessage): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === COOKIE) return value.join('=');
  }
  return undefined;
}

export class AdminApi {
  readonly #service: AdminService;
  readonly #limiter: LoginLimiter;
  readonly #routes: [method: string, pattern: RegExp, handler: Handler][];

  constructor(
    private readonly config: ServerConfig,
    private readonly store: Store,
  ) {
    this.#service = new AdminService(store, config);
    this.#limiter = new LoginLimiter(config.rateLimits, limiterFactory(store.db.pool));
    const service = this.#service;
    const body = (req: IncomingMessage) => readJson(req);
    this.#routes = [
      ['GET', /^\/me$/, async (caller) => ({ admin: caller.admin, csrfToken: caller.csrfToken ?? null })],
      ['GET', /^\/tenants$/, async ({ admin }) => ({ tenants: await store.tenants.list(admin.tenantId ? [admin.tenantId] : undefined) })],
      ['POST', /^\/tenants$/, async ({ admin }, _, req) => (this.#superOnly(admin), service.createTenant(await body(req)))],
      ['GET', /^\/tenants\/([^/]+)$/, async ({ admin }, [id]) => ({ tenant: await service.tenant(this.#scope(admin, id!)) })],
      ['PATCH', /^\/tenants\/([^/]+)$/, async ({ admin }, [id], req) => ({ tenant: await service.updateTenant(this.#scope(admin, id!), await body(req)) })],
      ['DELETE', /^\/tenants\/([^/]+)$/, async ({ admin }, [id]) => (this.#superOnly(admin), { deleted: await store.tenants.remove(id!) })],
      ['GET', /^\/tenants\/([^/]+)\/keys$/, async ({ admin }, [id]) => ({ keys: await store.tenants.keys((await service.tenant(this.#scope(admin, id!))).id) })],
      ['POST', /^\/tenants\/([^/]+)\/keys$/, async ({ admin }, [id], req) => service.createKey(this.#scope(admin, id!), await body(req))],
      ['POST', /^\/tenants\/([^/]+)\/keys\/([^/]+)\/revoke$/, async ({ admin }, [id, key]) => ({ key: await service.revokeKey(this.#scope(admin, id!), key!) })],
      ['GET', /^\/tenants\/([^/]+)\/agents$/, async ({ admin }, [id]) => ({ agents: await store.agents.list((await service.tenant(this.#scope(admin, id!))).id) })],
      ['POST', /^\/tenants\/([^/]+)\/agents$/, async ({ admin }, [id], req) => ({ agent: await service.saveAgent(this.#scope(admin, id!), await body(req), 'create') })],
      ['PATCH', /^\/tenants\/([^/]+)\/agents\/([^/]+)$/, async ({ admin }, [id, user], req) => ({ agent: await service.saveAgent(this.#scope(admin, id!), await body(req), 'update', user) })],
      ['GET', /^\/admins$/, async ({ admin }) => (this.#superOnly(admin), { admins: await store.admins.list() })],
      ['POST', /^\/admins$/, async ({ admin }, _, req) => (this.#superOnly(admin), { admin: await service.createAdmin(await body(req)) })],
    ];
  }

  /** Handles `/api/admin/*`; false for anything else. Never throws. */
  async handle(target: RequestTarget, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    if (!target.path.startsWith('/api/admin/')) return false;
    const path = target.path.slice('/api/admin'.length);
    try {
      if (path === '/login') return await this.#login(req, res), true;
      if (path === '/logout') return await this.#logout(req, res), true;
      const caller = await this.#caller(req);
      const matches = this.#routes.filter(([, pattern]) => pattern.test(path));
      if (!matches.length) throw new ApiError(404, 'not_found', `no admin endpoint ${path.slice(0, 64)}`);
      const route = matches.find(([method]) => method === req.method);
      if (!route) throw new ApiError(405, 'method_not_allowed', `use ${matches.map(([m]) => m).join(' or ')}`, { allow: matches.map(([m]) => m).join(', ') });
      if (req.method !== 'GET' && caller.csrfToken !== undefined) this.#checkCsrf(req, caller.csrfToken);
      const params = route[1].exec(path)!.slice(1).map((p) => decodeURIComponent(p));
      send(res, route[0] === 'POST' && /\/(tenants|keys|agents|admins)$/.test(path) ? 201 : 200, await route[2](caller, params, req));
    } catch (error) {
      sendError(res, error);
    }
    return true;
  }

  async #caller(req: IncomingMessage): Promise<Caller> {
    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ')) {
      const key = auth.slice(7);
      const address = clientAddress(req, this.config.trustProxy);
      const limit = await this.#limiter.check(address);
      if (!limit.ok) throw new ApiError(429, 'rate_limited', `too many failed attempts; retry in ${limit.retryAfterSeconds} s`, { 'retry-after': String(limit.retryAfterSeconds) });
      if (!this.config.adminKeys.some((k) => safeEqual(k, key))) {
        await this.#limiter.failed(address);
        throw new ApiError(401, 'admin_auth_required', 'this admin key is not valid');
      }
      return { admin: { id: 'admin-key', username: 'admin key', tenantId: null } };
    }
    const cookie = cookieOf(req);
    const session = cookie ? await this.store.admins.session(cookie) : undefined;
    if (!session) throw new ApiError(401, 'admin_auth_required', 'log in at /admin/ or send an admin key');
    return session;
  }

  #checkCsrf(req: IncomingMessage, expected: string): void {
    const sent = req.headers['x-csrf-token'];
    if (typeof sent !== 'string' || !safeEqual(sent, expected)) throw new ApiError(403, 'csrf_invalid', 'send the X-CSRF-Token of your admin session');
  }

  #superOnly(admin: Admin): void {
    if (admin.tenantId !== null) throw new ApiError(403, 'forbidden', 'only an admin of all tenants may do this');
  }

  /** The tenant id if this admin may act on it; a tenant admin gets 404 for other tenants (not even their existence is told). */
  #scope(admin: Admin, tenantId: string): string {
    if (admin.tenantId !== null && admin.tenantId !== tenantId) throw new ApiError(404, 'not_found', `no tenant ${tenantId.slice(0, 64)}`);
    return tenantId;
  }

  async #login(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      if (req.method !== 'POST') throw new ApiError(405, 'method_not_allowed', 'use POST', { allow: 'POST' });
      const body = await readJson(req);
      const username = typeof body.username === 'string' ? body.username.slice(0, 64) : '';
      const password = typeof body.password === 'string' ? body.password.slice(0, 200) : '';
      if (!username || !password) throw new ApiError(400, 'credentials_missing', 'send username and password');
      const address = clientAddress(req, this.config.trustProxy);
      const account = `admin/${username}`;
      const limit = await this.#limiter.check(address, account);
      if (!limit.ok) throw new ApiError(429, 'rate_limited', `too many failed attempts; retry in ${limit.retryAfterSeconds} s`, { 'retry-after': String(limit.retryAfterSeconds) });
      const admin = await this.store.admins.checkPassword(username, password);
      if (!admin) {
        await this.#limiter.failed(address, account);
        throw new ApiError(401, 'credentials_invalid', 'username or password is wrong');
      }
      await this.#limiter.succeeded(account);
      const { cookie, csrfToken } = await this.store.admins.openSession(admin.id, SESSION_SECONDS);
      // Secure whenever the admin reached us over TLS (directly, or through a proxy we trust).
      const overTls = 'encrypted' in req.socket || (this.config.trustProxy && req.headers['x-forwarded-proto'] === 'https');
      const secure = overTls ? '; Secure' : '';
      send(res, 200, { admin, csrfToken }, { 'set-cookie': `${COOKIE}=${cookie}; Path=/api/admin; HttpOnly; SameSite=Strict; Max-Age=${SESSION_SECONDS}${secure}` });
    } catch (error) {
      sendError(res, error);
    }
  }

  async #logout(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      if (req.method !== 'POST') throw new ApiError(405, 'method_not_allowed', 'use POST', { allow: 'POST' });
      const cookie = cookieOf(req);
      const session = cookie ? await this.store.admins.session(cookie) : undefined;
      if (session) {
        this.#checkCsrf(req, session.csrfToken);
        await this.store.admins.closeSession(cookie!);
      }
      send(res, 200, { ok: true }, { 'set-cookie': `${COOKIE}=; Path=/api/admin; HttpOnly; SameSite=Strict; Max-Age=0` });
    } catch (error) {
      sendError(res, error);
    }
  }
}
