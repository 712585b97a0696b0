import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Ephemeral SIP credentials in the TURN REST scheme that Kamailio's `auth_ephemeral`
 * checks (username_format=1): username `<unix-expiry>:<user>`, password
 * `base64(HMAC-SHA1(secret, username))`. No SIP password is ever stored.
 */
export interface SipCredentials {
  username: string;
  password: string;
  expiresAt: number;
}

export function ephemeralPassword(secret: string, username: string): string {
  return createHmac('sha1', secret).update(username).digest('base64');
}

export function ephemeralCredentials(secret: string, user: string, ttlSeconds: number, now = Date.now()): SipCredentials {
  const expiresAt = Math.floor(now / 1000) + ttlSeconds;
  const username = `${expiresAt}:${user}`;
  return { username, password: ephemeralPassword(secret, username), expiresAt };
}

export type EphemeralUser = { ok: true; user: string; expiresAt: number } | { ok: false; reason: 'malformed' | 'expired' };

/** Reads `<expiry>:<user>`; the password check is the digest's job. */
export function parseEphemeralUsername(username: string, now = Date.now()): EphemeralUser {
  const match = /^(\d{1,12}):([A-Za-z0-9._-]{1,64})$/.exec(username);
  if (!match) return { ok: false, reason: 'malformed' };
  const expiresAt = Number(match[1]);
  if (expiresAt * 1000 <= now) return { ok: false, reason: 'expired' };
  return { ok: true, user: match[2]!, expiresAt };
}

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
