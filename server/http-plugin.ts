import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AdminApi } from './admin/admin-api.js';
import type { ServerConfig } from './config.js';
import { ApiError, sendError } from './http/api-http.js';
import { parseTarget } from './http/request-path.js';
import type { SessionApi } from './session-api.js';

/**
 * Where the widget page is, and whose it is: `/t/<tenant>/widget/…` is tenant `<tenant>`'s
 * phone; `/widget/…` is the default tenant's (development) or nobody's. The tenant must be
 * known before login so the page's `frame-ancestors` can list that tenant's origins only.
 */
export function widgetPage(path: string, defaultTenant: string | undefined): { tenantId: string | undefined; path: string } | undefined {
  const tenantPath = /^\/t\/([A-Za-z0-9_-]{1,64})(\/widget(?:\/.*)?)$/.exec(path);
  if (tenantPath) return { tenantId: tenantPath[1], path: tenantPath[2]! };
  if (/^\/widget(\/.*)?$/.test(path)) return { tenantId: defaultTenant, path };
  return undefined;
}

/**
 * Security headers of every response: `frame-ancestors` (a tenant's phone page: `'self'` and
 * that tenant's origins; everything else: `'self'` only), no Referer, no MIME sniffing. On
 * every response rather than on one spelling of a path, so no spelling can skip them.
 */
export function securityHeaders(ancestors: readonly string[]): Record<string, string> {
  return {
    'content-security-policy': `frame-ancestors ${ancestors.length ? ["'self'", ...ancestors].join(' ') : "'self'"}`,
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
  };
}

/**
 * One connect-style middleware in front of everything the server answers (`npm start`'s
 * Vite, `npm run serve`'s static files, the test servers): reads the request target once,
 * rewrites `req.url` to that one reading (and a tenant's phone page to `/widget/…`) so later
 * handlers agree with it, sets the security headers, answers the session API, the admin API
 * and the demo token endpoint. It never throws and never leaves a promise rejected: any
 * failure is a coded 4xx/5xx.
 */
export function ringsideMiddleware(config: ServerConfig, api: SessionApi, admin?: AdminApi) {
  return async (req: IncomingMessage, res: ServerResponse, next: () => void): Promise<void> => {
    try {
      for (const [name, value] of Object.entries(securityHeaders([]))) res.setHeader(name, value);
      const target = parseTarget(req.url);
      if (!target) throw new ApiError(400, 'bad_request', 'the request target is not a valid path');
      req.url = target.url;
      const widget = widgetPage(target.path, config.defaultTenant);
      if (widget) {
        const tenant = widget.tenantId ? await api.store.tenants.get(widget.tenantId) : undefined;
        if (widget.tenantId && !tenant) throw new ApiError(404, 'unknown_tenant', 'no such tenant');
        res.setHeader('content-security-policy', tenant ? securityHeaders(tenant.allowedOrigins)['content-security-policy']! : "frame-ancestors 'none'");
        req.url = encodeURI(widget.path) + target.rawQuery;
      }
      // A tenant's phone page calls the session API under its own prefix: `/t/<tenant>/api/session`.
      const scoped = /^\/t\/([A-Za-z0-9_-]{1,64})(\/api\/[a-z]+)$/.exec(target.path);
      if (await api.handle(scoped ? scoped[2]! : target.path, req, res, scoped?.[1])) return;
      if (admin && (await admin.handle(target, req, res))) return;
      if (target.path.startsWith('/api/')) throw new ApiError(404, 'not_found', `no endpoint ${target.path.slice(0, 64)}`);
      if (await api.demoToken(target.path, target.search, res)) return;
    } catch (error) {
      sendError(res, error);
      return;
    }
    next();
  };
}
