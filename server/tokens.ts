import { SignJWT, errors, jwtVerify } from 'jose';

const ISSUER = 'ringside';
const AUDIENCE = 'ringside-widget';

export type TokenCheck =
  | { ok: true; userId: string; expiresAt: number; authTime: number }
  | { ok: false; code: 'token_invalid' | 'token_expired'; message: string };

function key(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

/**
 * Signs a short-lived agent token (HS256 JWT) for `userId`. `authTime` (seconds) is when
 * the agent first logged in; renewed tokens carry it forward so a session cannot be
 * renewed for ever (see `maxSessionSeconds`).
 */
export async function mintToken(
  secret: string,
  userId: string,
  ttlSeconds: number,
  now = Date.now(),
  authTime = Math.floor(now / 1000),
): Promise<{ token: string; expiresAt: number }> {
  const issuedAt = Math.floor(now / 1000);
  const expiresAt = issuedAt + ttlSeconds;
  const token = await new SignJWT({ scope: 'agent', auth_time: authTime })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(userId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(issuedAt)
    .setExpirationTime(expiresAt)
    .sign(key(secret));
  return { token, expiresAt };
}

export async function verifyToken(secret: string, token: string, now = Date.now()): Promise<TokenCheck> {
  try {
    const { payload } = await jwtVerify(token, key(secret), {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ['HS256'],
      currentDate: new Date(now),
      requiredClaims: ['sub', 'exp'],
    });
    if (payload.scope !== 'agent' || typeof payload.sub !== 'string') {
      return { ok: false, code: 'token_invalid', message: 'token is not an agent token' };
    }
    const authTime = typeof payload.auth_time === 'number' ? payload.auth_time : (payload.iat ?? 0);
    return { ok: true, userId: payload.sub, expiresAt: payload.exp as number, authTime };
  } catch (error) {
    if (error instanceof errors.JWTExpired) return { ok: false, code: 'token_expired', message: 'token has expired' };
    return { ok: false, code: 'token_invalid', message: 'token is not valid' };
  }
}
