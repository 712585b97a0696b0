
/**
 * Whether the phone follows a REFER from the far end of a call, by the tenant's policy:
 * `never` (the default), `internal` (only to the tenant's internal extensions) or `ask` (the
 * agent accepts or declines in the phone). Read at login; deciding a REFER is
 * refer-decision.ts, loaded with the first REFER. Pure; table-tested in refer-policy.test.ts.
 */

export const referPolicies = ['never', 'internal', 'ask'] as const;
export type ReferPolicy = (typeof referPolicies)[number];

/** The tenant's REFER rules as the phone applies them. */
export interface ReferRules {
  policy: ReferPolicy;
  /** The tenant's SIP domain: the only domain a transfer may point into. */
  domain: string;
  /** Matches a whole user part that is an internal extension (`internal` only). */
  internal: RegExp | null;
}

const MAX_PATTERN = 256;

/** The safe rules: follow nothing. */
export const refuseAll = (domain: string): ReferRules => ({ policy: 'never', domain, internal: null });

/**
 * Reads `referPolicy` and `internalExtensionPattern` from the session's `tenant` object,
 * which older session APIs do not send and which arrived over HTTP: anything missing or
 * unknown means `never`, and so does a pattern that does not compile. The pattern must match
 * the whole user part (it is anchored here), so `[0-9]{2,5}` cannot pass `18005550100`.
 */
export function referRulesFrom(tenant: object, domain: string): ReferRules {
  const { referPolicy, internalExtensionPattern } = tenant as { referPolicy?: unknown; internalExtensionPattern?: unknown };
  const policy = referPolicies.find((p) => p === referPolicy);
  if (!policy || policy === 'never') return refuseAll(domain);
  if (policy === 'ask') return { policy, domain, internal: null };
  if (typeof internalExtensionPattern !== 'string' || internalExtensionPattern === '' || internalExtensionPattern.length > MAX_PATTERN) return refuseAll(domain);
  try {
    return { policy, domain, internal: new RegExp(`^(?:${internalExtensionPattern})$`) };
  } catch {
    return refuseAll(domain);
  }
}
