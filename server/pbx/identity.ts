/**
 * Which headers a phone may not set: the ones that name who a caller *is* (asserted identity)
 * or that Ringside reads as facts of the network (queue, dialled number, time waited in the
 * queue, the queue's contact id). A user agent that registered with us is a claim-maker, not
 * a network element; only the proxy states these.
 * Kamailio applies the same rule to everything that is not a trusted peer (deploy/kamailio/).
 */
export const NETWORK_FACT_HEADERS = ['P-Asserted-Identity', 'P-Preferred-Identity', 'Remote-Party-ID', 'X-Queue', 'X-DID', 'X-Queue-Wait', 'X-Contact-Id'] as const;

/** Header names, lower case, with their compact forms where SIP has one. */
export function networkFactNames(extra: readonly string[] = []): Set<string> {
  return new Set([...NETWORK_FACT_HEADERS, ...extra].map((name) => name.toLowerCase()));
}

/** Removes network-fact headers from `[name, value]` lines as a phone sent them. */
export function stripNetworkFacts(headers: [string, string][], names: Set<string>): [string, string][] {
  return headers.filter(([name]) => !names.has(name.toLowerCase()));
}

const UNSAFE_NAME = /["\\\r\n\u0000-\u001f\u007f]/g;

/** The identity the proxy asserts for an authenticated user, optionally with a display name it knows. */
export function assertedIdentity(user: string, domain: string, displayName?: string): [string, string] {
  const name = displayName?.replace(UNSAFE_NAME, '').slice(0, 64);
  return ['P-Asserted-Identity', `${name ? `"${name}" ` : ''}<sip:${user}@${domain}>`];
}
