import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServerConfig } from './config.js';
import { handleApi, handleDemoToken } from './session-api.js';

/**
 * Security headers of the widget page: `frame-ancestors` from the tenant's allowed origins
 * (so only those pages may frame the phone) and no Referer on anything it loads.
 */
export function widgetHeaders(config: ServerConfig): Record<string, string> {
  const ancestors = ["'self'", ...config.allowedOrigins].join(' ');
  return {
    'content-security-policy': `frame-ancestors ${ancestors}`,
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
  };
}

/**
 * One connect-style middleware for the session API, the demo token endpoint and the widget
 * page's headers; used by `npm start` (Vite) and by the browser tests' server.
 */
export function ringsideMiddleware(config: ServerConfig) {
  const headers = widgetHeaders(config);
  return async (req: IncomingMessage, res: ServerResponse, next: () => void): Promise<void> => {
    if (await handleApi(config, req, res)) return;
    if (await handleDemoToken(config, req, res)) return;
    if ((req.url ?? '').startsWith('/widget/')) for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    next();
  };
}
