import { ErrorCode, isRecord, type RingsideError } from '../../src/protocol/index.js';

/** What the widget needs from `POST /api/session`, checked before use. */
export interface Session {
  agent: { userId: string; extension: string; displayName: string };
  sip: { wsUrl: string; domain: string; username: string; password: string; expiresAt: number };
  tenant: { allowedOrigins: string[] };
  renewToken: string;
  renewBy: number;
}

export type LoginCredentials = { token: string } | { usercode: string; clearpassword: string };

export type SessionResult = { ok: true; session: Session } | { ok: false; error: RingsideError };

function isSession(value: unknown): value is Session {
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
    Array.isArray(tenant.allowedOrigins) &&
    tenant.allowedOrigins.every((o) => typeof o === 'string') &&
    typeof value.renewToken === 'string' &&
    typeof value.renewBy === 'number'
  );
}

const apiCodes: Record<string, RingsideError['code']> = {
  token_invalid: ErrorCode.TokenInvalid,
  token_expired: ErrorCode.TokenExpired,
  credentials_invalid: ErrorCode.TokenInvalid,
  credentials_missing: ErrorCode.CredentialsMissing,
  unknown_user: ErrorCode.TokenInvalid,
};

/** Exchanges a token (or usercode + password) for a session. Never throws. */
export async function fetchSession(apiBase: string, credentials: LoginCredentials, fetcher: typeof fetch = fetch): Promise<SessionResult> {
  let response: Response;
  try {
    response = await fetcher(new URL('api/session', apiBase), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(credentials),
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      cache: 'no-store',
    });
  } catch {
    return { ok: false, error: { code: ErrorCode.SessionUnavailable, message: 'the session service cannot be reached' } };
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  if (response.ok && isSession(body)) return { ok: true, session: body };
  const apiError = isRecord(body) && isRecord(body.error) ? body.error : {};
  const code = typeof apiError.code === 'string' ? apiCodes[apiError.code] : undefined;
  if (code) return { ok: false, error: { code, message: typeof apiError.message === 'string' ? apiError.message : code } };
  return { ok: false, error: { code: ErrorCode.SessionUnavailable, message: `the session service answered ${response.status}` } };
}
