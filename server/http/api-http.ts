import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * JSON over HTTP for the API: coded errors, bounded bodies, and the client address. Every
 * failure a handler can have becomes `{error: {code, message}}` with a 4xx/5xx status.
 */

export type ApiErrorCode =
  | 'bad_request'
  | 'invalid_body'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'api_key_invalid'
  | 'unknown_user'
  | 'credentials_missing'
  | 'credentials_invalid'
  | 'token_invalid'
  | 'token_expired'
  | 'token_reused'
  | 'session_revoked'
  | 'rate_limited'
  | 'tenant_required'
  | 'tenant_mismatch'
  | 'unknown_tenant'
  | 'agent_disabled'
  | 'conflict'
  | 'validation_failed'
  | 'admin_auth_required'
  | 'forbidden'
  | 'csrf_invalid'
  | 'not_found'
  | 'method_not_allowed'
  | 'internal';

/** A field that failed validation, named as in the request (`settings.dispositionCodes[2].code`). */
export interface FieldError {
  field: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
    readonly fields?: FieldError[],
  ) {
    super(message);
  }
}

export const invalid = (fields: FieldError[]) => new ApiError(422, 'validation_failed', fields.map((f) => `${f.field}: ${f.message}`).join('; '), {}, fields);

export const MAX_BODY = 16 * 1024;

export async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
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

export function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  res.end(JSON.stringify(body));
}

/** Answers any thrown value: an ApiError with its code, anything else as a 500 that says nothing more. */
export function sendError(res: ServerResponse, error: unknown): void {
  if (error instanceof ApiError) send(res, error.status, { error: { code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}) } }, error.headers);
  else send(res, 500, { error: { code: 'internal', message: 'internal error' } });
}

/**
 * The address a request came from: the socket's, or with `trustProxy` the last hop in
 * X-Forwarded-For (the one your own proxy added; earlier entries are the client's claims).
 */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  const forwarded = req.headers['x-forwarded-for'];
  if (trustProxy && typeof forwarded === 'string') {
    const last = forwarded.split(',').map((part) => part.trim()).filter(Boolean).pop();
    if (last) return last.slice(0, 64);
  }
  return req.socket.remoteAddress ?? 'unknown';
}

/**
 * Answers CONNECT (a proxy tunnel request) with 405. Node hands CONNECT to a 'connect'
 * listener and, with none, drops the connection unanswered; every request gets an answer.
 */
export function refuseTunnels(server: import('node:http').Server): void {
  server.on('connect', (_req, socket) => {
    socket.on('error', () => socket.destroy());
    socket.end('HTTP/1.1 405 Method Not Allowed\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });
}
