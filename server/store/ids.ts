import { createHash, randomBytes } from 'node:crypto';

/** Random, URL-safe identifiers with a readable prefix (`tn_…` tenants, `key_…` keys). */
export function newId(prefix: string, bytes = 9): string {
  return `${prefix}_${randomBytes(bytes).toString('base64url')}`;
}

/** API keys and session cookies are long random secrets: a fast hash is enough to store them. */
export function secretHash(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
