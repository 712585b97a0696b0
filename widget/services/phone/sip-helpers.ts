import { URI, type Registerer } from 'sip.js';
import type { CallEndReason } from '../../../src/protocol/index.js';

/** Small pure helpers of the phone service (it stays the only importer of sip.js's classes). */

let counter = 0;
export function newCallId(): string {
  counter += 1;
  return `c${Date.now().toString(36)}${counter.toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}

const MAX_VARIABLES = 50;

/** Headers only the network sets (the PBX strips phones' copies): kept whatever else came, so a caller's own `X-` headers cannot push them out. */
const NETWORK_VARIABLES = /^(queue-wait|contact-id)$/i;

/** The `X-` headers of a raw SIP message (other than X-Queue and X-DID), names as sent. */
export function ctiVariables(raw: string): Record<string, string> | undefined {
  const head = raw.slice(0, raw.indexOf('\r\n\r\n') >>> 0);
  const out: Record<string, string> = {};
  let count = 0;
  for (const match of head.matchAll(/^X-([A-Za-z][A-Za-z0-9_-]{0,63}):[ \t]*(.*)$/gm)) {
    const name = match[1]!;
    const network = NETWORK_VARIABLES.test(name);
    if (/^(queue|did)$/i.test(name) || (count >= MAX_VARIABLES && !network)) continue;
    out[name] = clip(match[2]!.trim());
    if (!network) count += 1;
  }
  return Object.keys(out).length ? out : undefined;
}

/** Values from the network are shown and re-posted to hosts: bound their length. */
export function clip<T extends string | undefined>(value: T): T {
  return (value === undefined ? value : value.slice(0, 128)) as T;
}

export function endReasonFor(status: number): CallEndReason {
  if (status === 486 || status === 600) return 'busy';
  if (status === 404 || status === 484 || status === 604) return 'not_found';
  if (status === 480 || status === 408) return 'unavailable';
  if (status === 487) return 'cancelled';
  if (status === 603) return 'rejected';
  return 'failed';
}

/**
 * Stops a Registerer without un-registering. Its contact is the new Registerer's contact, so
 * the un-REGISTER that `dispose()` sends would delete the fresh binding. sip.js 0.21 has no
 * public way to do this; these are its private members as of 0.21.2 (the version pinned in
 * package.json). Remove when sip.js offers a dispose without unregister.
 */
export function retire(registerer: Registerer): void {
  const internals = registerer as unknown as {
    disposed: boolean;
    id: string;
    userAgent: { _registerers: Record<string, unknown> };
    terminated(): void;
    registered(expires: number): void;
    unregistered(): void;
  };
  internals.disposed = true;
  delete internals.userAgent._registerers[internals.id];
  internals.terminated();
  // A REGISTER it sent may still be answered: sip.js would then move the terminated Registerer
  // to (un)registered and throw inside its own transport callback. Its answers mean nothing now.
  internals.registered = () => undefined;
  internals.unregistered = () => undefined;
}


/** A URI that prints as a name-addr, `<sip:…>`. */
class NameAddrUri extends URI {
  override toString(): string {
    return `<${super.toString()}>`;
  }
}

/**
 * The Refer-To of an attended transfer: the target's number at the tenant's domain with a
 * Replaces header. A URI with headers must be inside `<…>` (RFC 3261 20.10); sip.js prints a
 * URI bare, and its own parser then drops the REFER on the other side without an answer.
 */
export function replacesReferTo(user: string, domain: string, replaces: string): URI {
  return new NameAddrUri('sip', user, domain, undefined, undefined, { Replaces: [encodeURIComponent(replaces)] });
}
