import { randomUUID } from 'node:crypto';
import { SignJWT, errors, jwtVerify } from 'jose';

/**
 * The two kinds of token the session API signs (HS256 JWT, jose):
 *
 * - **login** tokens, minted for a CRM with its API key (or by the CLI): single-use, each
 *   with its own `jti` that /api/session remembers until the token expires. They name the
 *   tenant (`tid`) and carry the agent's profile as it was when minted.
 * - **renew** tokens, handed out by /api/session: bound to one server-side session (`sid`),
 *   rotated on every use. A login token is never accepted where a renew token is expected,
 *   and the other way round (the `kind` claim and separate audiences).
 */

const ISSUER = 'ringside';
const LOGIN_AUDIENCE = 'ringside-widget';
const RENEW_AUDIENCE = 'ringside-renew';

export interface AgentProfile {
  userId: string;
  extension: string;
  displayName: string;
}

export interface LoginClaims extends AgentProfile {
  /** The tenant the agent belongs to. */
  tenantId: string;
  jti: string;
  expiresAt: number;
}

export interface RenewClaims {
  userId: string;
  sessionId: string;
  jti: string;
  expiresAt: number;
}

export type TokenFailure = { ok: false; code: 'token_invalid' | 'token_expired'; message: string };
export type Checked<T> = ({ ok: true } & T) | TokenFailure;

function key(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

async function sign(secret: string, audience: string, subject: string, claims: Record<string, unknown>, ttlSeconds: number, now: number) {
  const issuedAt = Math.floor(now / 1000);
  const expiresAt = issuedAt + ttlSeconds;
  const jti = randomUUID();
  const token = await new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(subject)
    .setIssuer(ISSUER)
    .setAudience(audience)
    .setJti(jti)
    .setIssuedAt(issuedAt)
    .setExpirationTime(expiresAt)
    .sign(key(secret));
  return { token, expiresAt, jti };
}

/** Signs a single-use login token for an agent of tenant `tenantId`. */
export function mintToken(secret: string, tenantId: string, agent: AgentProfile, ttlSeconds: number, now = Date.now()) {
  return sign(secret, LOGIN_AUDIENCE, agent.userId, { kind: 'login', tid: tenantId, ext: agent.extension, name: agent.displayName }, ttlSeconds, now);
}

/** Signs the renew token of session `sessionId`. */
export function mintRenewToken(secret: string, userId: string, sessionId: string, ttlSeconds: number, now = Date.now()) {
  return sign(secret, RENEW_AUDIENCE, userId, { kind: 'renew', sid: sessionId }, ttlSeconds, now);
}

async function verify(secret: string, token: string, audience: string, kind: string, now: number): Promise<Checked<{ payload: Record<string, unknown>; sub: string; jti: string; exp: number }>> {
  try {
    const { payload } = await jwtVerify(token, key(secret), {
      issuer: ISSUER,
      audience,
      algorithms: ['HS256'],
      currentDate: new Date(now),
      requiredClaims: ['sub', 'exp', 'jti'],
    });
    if (payload.kind !== kind || typeof payload.sub !== 'string' || typeof payload.jti !== 'string') {
      return { ok: false, code: 'token_invalid', message: `token is not a ${kind} token` };
    }
    return { ok: true, payload, sub: payload.sub, jti: payload.jti, exp: payload.exp as number };
  } catch (error) {
    if (error instanceof errors.JWTExpired) return { ok: false, code: 'token_expired', message: 'token has expired' };
    return { ok: false, code: 'token_invalid', message: 'token is not valid' };
  }
}

const text = (value: unknown, fallback: string) => (typeof value === 'string' ? value : fallback);

export async function verifyToken(secret: string, token: string, now = Date.now()): Promise<Checked<LoginClaims>> {
  const check = await verify(secret, token, LOGIN_AUDIENCE, 'login', now);
  if (!check.ok) return check;
  const { payload, sub, jti, exp } = check;
  if (typeof payload.tid !== 'string') return { ok: false, code: 'token_invalid', message: 'token names no tenant' };
  return { ok: true, tenantId: payload.tid, userId: sub, extension: text(payload.ext, sub), displayName: text(payload.name, sub), jti, expiresAt: exp };
}

export async function verifyRenewToken(secret: string, token: string, now = Date.now()): Promise<Checked<RenewClaims>> {
  const check = await verify(secret, token, RENEW_AUDIENCE, 'renew', now);
  if (!check.ok) return check;
  if (typeof check.payload.sid !== 'string') return { ok: false, code: 'token_invalid', message: 'renew token names no session' };
  return { ok: true, userId: check.sub, sessionId: check.payload.sid, jti: check.jti, expiresAt: check.exp };
}
