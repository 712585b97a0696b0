import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServerConfig } from './config.js';
import { ApiError, sendError } from './http/api-http.js';
import { parseTarget } from './http/request-path.js';
import { SessionApi } from './session-api.js';

/**
 * Security headers of every page this server sends: `frame-ancestors` from the tenant's
 * allowed origins (so only those pages may frame the phone), no Referer on anything a page
 * loads, no MIME sniffing. On every response rather than on the widget's path, so that no
 * spelling of that path (`/widget`, `/%77idget/`, `/sdk/../widget/`) can skip them.
 */
export function securityHeaders(config: ServerConfig): Record<string, string> {
  const ancestors = ["'self'", ...config.allowedOrigins].join(' ');
  return {
    'content-security-policy': `frame-ancestors ${ancestors}`,
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
  };
}

/**
 * One connect-style middleware in front of everything the server answers (`npm start`'s
 * Vite, `npm run serve`'s static files, the test servers): reads the request target once,
 * rewrites `req.url` to that one reading so later handlers agree with it, sets the security
 * headers, answers the session API and the demo token endpoint. It never throws and never
 * leaves a promise rejected: any failure is a coded 4xx/5xx.
 */
export function ringsideMiddleware(config: ServerConfig, api = new SessionApi(config)) {
  const headers = Object.entries(securityHeaders(config));
  return async (req: IncomingMessage, res: ServerResponse, next: () => void): Promise<void> => {
    try {
      for (const [name, value] of headers) res.setHeader(name, value);
      const target = parseTarget(req.url);
      if (!target) throw new ApiError(400, 'bad_request', 'the request target is not a valid path');
      req.url = target.url;
      if (await api.handle(target.path, req, res)) return;
      if (await api.demoToken(target.path, target.search, res)) return;
    } catch (error) {
      sendError(res, error);
      return;
    }
    next();
  };
}
