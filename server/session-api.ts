import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DirectoryUser, ReferPolicy, ServerConfig } from './config.js';
import { ephemeralCredentials, safeEqual } from './credentials.js';
import { mintToken, verifyToken } from './tokens.js';

/**
 * The session API: `POST /api/tokens` (API key → agent token) and `POST /api/session`
 * (token, or usercode + clearpassword → profile, SIP credentials, tenant config). Stateless:
 * everything it hands out is signed or derived from a shared secret.
 */

export type ApiErrorCode =
  | 'invalid_body'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'api_key_invalid'
  | 'unknown_user'
  | 'credentials_missing'
  | 'credentials_invalid'
  | 'token_invalid'
  | 'token_expired'
  | 'not_found'
  | 'method_not_allowed';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** What `POST /api/session` answers. */
export interface SessionResponse {
  agent: { userId: string; extension: string; displayName: string };
  sip: { wsUrl: string; domain: string; username: string; password: string; expiresAt: number };
  tenant: { allowedOrigins: readonly string[]; referPolicy: ReferPolicy; internalExtensionPattern: string };
  /** A fresh agent token for the next `POST /api/session`, so the widget can renew. */
  renewToken: string;
  /** When the widget must have renewed (seconds since epoch): the earlier of renew-token and SIP expiry. */
  renewBy: number;
}

const MAX_BODY = 16 * 1024;

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(type)) throw new ApiError(415, 'unsupported_media_type', 'send Content-Type: application/json');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new ApiError(413, 'payload_too_large', `body is larger than ${MAX_BODY} bytes`);
    chunks.push(chunk as Buffer);
  }
  let body: unknown;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new ApiError(400, 'invalid_body', 'body is not valid JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new ApiError(400, 'invalid_body', 'body must be a JSON object');
  return body as Record<string, unknown>;
}

function optionalString(body: Record<string, unknown>, field: string): string | undefined {
  const value = Object.prototype.hasOwnProperty.call(body, field) ? body[field] : undefined;
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length === 0 || value.length > 4096) throw new ApiError(400, 'invalid_body', `${field} must be a non-empty string`);
  return value;
}

function findUser(config: ServerConfig, userId: string): DirectoryUser {
  const user = config.users.find((u) => u.userId === userId);
  if (!user) throw new ApiError(404, 'unknown_user', `no user ${userId.slice(0, 64)}`);
  return user;
}

function apiKeyOf(req: IncomingMessage): string | undefined {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7);
  const header = req.headers['x-api-key'];
  return typeof header === 'string' ? header : undefined;
}

async function createToken(config: ServerConfig, req: IncomingMessage) {
  const key = apiKeyOf(req);
  if (!key || !config.apiKeys.some((k) => safeEqual(k, key))) throw new ApiError(401, 'api_key_invalid', 'a valid API key is required');
  const body = await readJson(req);
  const userId = optionalString(body, 'userId');
  if (!userId) throw new ApiError(400, 'invalid_body', 'userId is required');
  const ttlValue = body.ttlSeconds ?? 3600;
  if (typeof ttlValue !== 'number' || !Number.isInteger(ttlValue) || ttlValue < 1 || ttlValue > config.maxTokenTtlSeconds) {
    throw new ApiError(400, 'invalid_body', `ttlSeconds must be an integer from 1 to ${config.maxTokenTtlSeconds}`);
  }
  findUser(config, userId);
  return mintToken(config.tokenSecret, userId, ttlValue);
}

export async function createSession(config: ServerConfig, body: Record<string, unknown>, now = Date.now()): Promise<SessionResponse> {
  const token = optionalString(body, 'token');
  const usercode = optionalString(body, 'usercode');
  const clearpassword = optionalString(body, 'clearpassword');
  let user: DirectoryUser;
  let authTime = Math.floor(now / 1000);
  if (token) {
    const check = await verifyToken(config.tokenSecret, token, now);
    if (!check.ok) throw new ApiError(401, check.code, check.message);
    if (authTime - check.authTime > config.maxSessionSeconds) throw new ApiError(401, 'token_expired', 'the login is too old to renew; log in again');
    user = findUser(config, check.userId);
    authTime = check.authTime;
  } else if (usercode && clearpassword) {
    const found = config.users.find((u) => u.userId === usercode);
    if (!found || !safeEqual(found.password, clearpassword)) throw new ApiError(401, 'credentials_invalid', 'usercode or password is wrong');
    user = found;
  } else {
    throw new ApiError(400, 'credentials_missing', 'send token, or usercode and clearpassword');
  }
  const sip = ephemeralCredentials(config.sipSecret, user.userId, config.sipCredentialTtlSeconds, now);
  const renew = await mintToken(config.tokenSecret, user.userId, config.renewTokenTtlSeconds, now, authTime);
  return {
    agent: { userId: user.userId, extension: user.extension, displayName: user.displayName },
    sip: { wsUrl: config.sipWsUrl, domain: config.sipDomain, username: sip.username, password: sip.password, expiresAt: sip.expiresAt },
    tenant: { allowedOrigins: config.allowedOrigins, referPolicy: config.referPolicy, internalExtensionPattern: config.internalExtensionPattern },
    renewToken: renew.token,
    renewBy: Math.min(renew.expiresAt, sip.expiresAt),
  };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
  });
  res.end(JSON.stringify(body));
}

const routes: Record<string, (config: ServerConfig, req: IncomingMessage) => Promise<unknown>> = {
  '/api/tokens': createToken,
  '/api/session': async (config, req) => createSession(config, await readJson(req)),
};

/**
 * Handles `/api/*` requests; returns false for anything else so the caller can pass it on
 * (Vite middleware, the test server, a plain http server).
 */
export async function handleApi(config: ServerConfig, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const path = (req.url ?? '').split('?')[0]!;
  if (!path.startsWith('/api/')) return false;
  try {
    const route = routes[path];
    if (!route) throw new ApiError(404, 'not_found', `no endpoint ${path.slice(0, 64)}`);
    if (req.method !== 'POST') throw new ApiError(405, 'method_not_allowed', 'use POST');
    send(res, 200, await route(config, req));
  } catch (error) {
    if (error instanceof ApiError) send(res, error.status, { error: { code: error.code, message: error.message } });
    else send(res, 500, { error: { code: 'internal', message: 'internal error' } });
  }
  return true;
}

/**
 * The demo's stand-in for a CRM backend: `GET /demo/token?user=1001` mints a token with the
 * server's own key. Only served when `config.demo` is on (never in production).
 */
export async function handleDemoToken(config: ServerConfig, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const url = new URL(req.url ?? '/', 'http://x');
  if (!config.demo || url.pathname !== '/demo/token') return false;
  try {
    const user = findUser(config, url.searchParams.get('user') ?? '');
    send(res, 200, await mintToken(config.tokenSecret, user.userId, 3600));
  } catch (error) {
    if (error instanceof ApiError) send(res, error.status, { error: { code: error.code, message: error.message } });
    else send(res, 500, { error: { code: 'internal', message: 'internal error' } });
  }
  return true;
}
