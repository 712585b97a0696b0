import { createHash, createHmac, randomBytes } from 'node:crypto';
import { ephemeralPassword, parseEphemeralUsername, safeEqual } from '../credentials.js';

/**
 * Digest authentication (RFC 2617, MD5, qop=auth) against ephemeral credentials: the
 * password is derived from the username with the shared secret, as Kamailio's
 * auth_ephemeral does. Nonces are self-validating (time + HMAC) so nothing is stored.
 */

const NONCE_TTL_MS = 5 * 60 * 1000;
const md5 = (value: string) => createHash('md5').update(value).digest('hex');

export function makeNonce(secret: string, now = Date.now()): string {
  const stamp = now.toString(36);
  const salt = randomBytes(6).toString('hex');
  const mac = createHmac('sha256', secret).update(`${stamp}.${salt}`).digest('hex').slice(0, 24);
  return `${stamp}.${salt}.${mac}`;
}

function nonceIsFresh(secret: string, nonce: string, now: number): boolean {
  const [stamp, salt, mac] = nonce.split('.');
  if (!stamp || !salt || !mac) return false;
  const expected = createHmac('sha256', secret).update(`${stamp}.${salt}`).digest('hex').slice(0, 24);
  const issued = parseInt(stamp, 36);
  return safeEqual(mac, expected) && now - issued < NONCE_TTL_MS && issued <= now;
}

export function parseAuthorization(header: string): Record<string, string> | null {
  if (!/^Digest\s/i.test(header)) return null;
  const params: Record<string, string> = Object.create(null);
  const pattern = /([a-zA-Z-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/g;
  for (const match of header.slice(7).matchAll(pattern)) params[match[1]!.toLowerCase()] = match[2] ?? match[3] ?? '';
  return params;
}

export type DigestResult =
  | { ok: true; user: string; expiresAt: number }
  | { ok: false; status: 401 | 403; reason: string; stale?: boolean };

export function checkDigest(
  secret: string,
  realm: string,
  method: string,
  header: string,
  expectedUser: string,
  now = Date.now(),
): DigestResult {
  const p = parseAuthorization(header);
  if (!p || !p.username || !p.nonce || !p.uri || !p.response) return { ok: false, status: 401, reason: 'Malformed Authorization' };
  if (p.realm !== realm) return { ok: false, status: 401, reason: 'Wrong realm' };
  if (!nonceIsFresh(secret, p.nonce, now)) return { ok: false, status: 401, reason: 'Stale nonce', stale: true };
  const identity = parseEphemeralUsername(p.username, now);
  if (!identity.ok) return { ok: false, status: 403, reason: identity.reason === 'expired' ? 'Credentials Expired' : 'Bad Username' };
  if (identity.user !== expectedUser) return { ok: false, status: 403, reason: 'Credentials Of Another User' };
  const ha1 = md5(`${p.username}:${realm}:${ephemeralPassword(secret, p.username)}`);
  const ha2 = md5(`${method}:${p.uri}`);
  const expected = p.qop === 'auth' ? md5(`${ha1}:${p.nonce}:${p.nc}:${p.cnonce}:auth:${ha2}`) : md5(`${ha1}:${p.nonce}:${ha2}`);
  if (!safeEqual(expected, p.response.toLowerCase())) return { ok: false, status: 403, reason: 'Wrong Password' };
  return { ok: true, user: identity.user, expiresAt: identity.expiresAt };
}

export function challenge(secret: string, realm: string, stale = false): [string, string] {
  const staleParam = stale ? ', stale=true' : '';
  return ['WWW-Authenticate', `Digest realm="${realm}", nonce="${makeNonce(secret)}", algorithm=MD5, qop="auth"${staleParam}`];
}
