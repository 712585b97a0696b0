import type { Replaces } from './refer-to.js';

/**
 * The URIs and headers the phone itself writes, from validated parts. Apart from refer-to.ts
 * (which reads what far ends send, and loads with the first REFER) so dialling needs none of it.
 */

/** The URI the phone dials for a validated target: always the tenant's domain, always `sip:`. */
export function targetUri(user: string, domain: string): string {
  return `sip:${user.replace(/#/g, '%23')}@${domain}`;
}

/** The Replaces header value rebuilt from validated parts (never the text that came in). */
export function replacesHeader(replaces: Replaces): string {
  return `${replaces.callId};to-tag=${replaces.toTag};from-tag=${replaces.fromTag}${replaces.earlyOnly ? ';early-only' : ''}`;
}
