import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AdminApi } from './admin/admin-api.js';
import type { ServerConfig } from './config.js';
import { ApiError, sendError } from './http/api-http.js';
import { parseTarget } from './http/request-path.js';
import type { SessionApi } from './session-api.js';

/**
 * Whose page a path is: `/t/<tenant>/…` is tenant `<tenant>`'s (its phone page, the modules and
 * assets that page loads by relative URL, the session API it calls); anything else is the
 * default tenant's (development) or nobody's. The tenant must be known before login so the
 * phone page's `frame-ancestors` can list that tenant's origins only.
 */
export function tenantPath(path: string, defaultTenant: string | undefined): { tenantId: string | undefined; scoped: boolean; path: string } {
  const match = /^\/t\/([A-Za-z0-9_-]{1,64})(\/.*)$/.exec(path);
  return match ? { tenantId: match[1], scoped: true, path: match[2]! } : { tenantId: defaultTenant, scoped: false, path };
}

const isWidgetPage = (path: string) => /^\/widget(\/.*)?$/.test(path);

/**
 * Headers of every response: no Referer on anything a page loads, no MIME sniffing. Applied
 * to every response rather than to one spelling of a path, so no spelling can skip them.
 */
export const commonHeaders: Readonly<Record<string, string>> = {
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
};

/**
 * Who may frame a page, decided on the one normalised reading of its path: a tenant's phone
 * page, that tenant's origins (and the server itself); the admin page, nobody; other pages
 * (the demo, the test fixtures) are left as they are.
 */
export function frameAncestors(allowed: readonly string[] | 'none'): string {
  return allowed === 'none' ? "frame-ancestors 'none'" : `frame-ancestors ${["'self'", ...allowed].join(' ')}`;
}

const isAdminPage = (path: string) => /^\/admin(\/.*)?$/.test(path);

/**
 * One connect-style middleware in front of everything the server answers (`npm start`'s
 * Vite, `npm run serve`'s static files, the test servers): reads the request target once,
 * rewrites `req.url` to that one reading (without a tenant's `/t/<tenant>` prefix) so later
 * handlers agree with it, sets the security headers, answers the session API, the admin API
 * and the demo token endpoint. It never throws and never leaves a promise rejected: any
 * failure is a coded 4xx/5xx.
 */
export function ringsideMiddleware(config: ServerConfig, api: SessionApi, admin?: AdminApi) {
  return async (req: IncomingMessage, res: ServerResponse, next: () => void): Promise<void> => {
    try {
      for (const [name, value] of Object.entries(commonHeaders)) res.setHeader(name, value);
      const target = parseTarget(req.url);
      if (!target) throw new ApiError(400, 'bad_request', 'the request target is not a valid path');
      const page = tenantPath(target.path, config.defaultTenant);
      req.url = encodeURI(page.path).replace(/[?#]/g, encodeURIComponent) + target.rawQuery;
      const widget = isWidgetPage(page.path);
      if (page.scoped || widget) {
        const tenant = page.tenantId ? await api.store.tenants.get(page.tenantId) : undefined;
        if (page.scoped && !tenant) throw new ApiError(404, 'unknown_tenant', 'no such tenant');
        if (widget) res.setHeader('content-security-policy', frameAncestors(tenant ? tenant.allowedOrigins : 'none'));
      }
      if (isAdminPage(page.path)) res.setHeader('content-security-policy', frameAncestors('none'));
      if (await api.handle(page.path, req, res, page.scoped ? page.tenantId : undefined)) return;
      if (admin && !page.scoped && (await admin.handle(target, req, res))) return;
      if (page.path.startsWith('/api/')) throw new ApiError(404, 'not_found', `no endpoint ${page.path.slice(0, 64)}`);
      if (await api.demoToken(target.path, target.search, res)) return;
    } catch (error) {
      sendError(res, error);
      return;
    }
    next();
  };
}
