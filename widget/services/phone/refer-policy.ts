import type { TransferRefusal } from '../../../src/protocol/index.js';
import { parseReferTo, type ReferTarget } from './refer-to.js';

/**
 * Whether the phone follows a REFER from the far end of a call, by the tenant's policy:
 * `never` (the default), `internal` (only to the tenant's internal extensions) or `ask` (the
 * agent accepts or declines in the phone). Pure; table-tested in refer-policy.test.ts.
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

export type ReferDecision =
  | { action: 'follow' | 'ask'; target: ReferTarget }
  | { action: 'refuse'; refusal: TransferRefusal; detail: string; /** The user part, when one could be read. */ user: string };

/**
 * Decides one REFER. `referTo` holds every Refer-To value the request carried (RFC 3515
 * allows exactly one); `ownDialogs` are the `callId;localTag;remoteTag` of the phone's calls,
 * which a Replaces from the far end has no business naming.
 */
export function decideRefer(referTo: readonly string[], rules: ReferRules, ownDialogs: ReadonlySet<string>): ReferDecision {
  const parsed = referTo.length === 1 ? parseReferTo(referTo[0]!, rules.domain) : null;
  const user = parsed?.ok ? parsed.target.user : (parsed?.user ?? '');
  if (rules.policy === 'never') return { action: 'refuse', refusal: 'policy', detail: 'this phone does not follow transfer requests', user };
  if (!parsed) return { action: 'refuse', refusal: 'malformed', detail: 'a REFER needs exactly one Refer-To', user };
  if (!parsed.ok) return { action: 'refuse', refusal: parsed.problem === 'user' ? 'target' : parsed.problem, detail: parsed.detail, user };
  const { target } = parsed;
  if (rules.policy === 'internal' && !rules.internal?.test(target.user)) {
    return { action: 'refuse', refusal: 'target', detail: `${target.user} is not an internal extension`, user };
  }
  const replaces = target.replaces;
  if (replaces && (ownDialogs.has(`${replaces.callId};${replaces.fromTag};${replaces.toTag}`) || ownDialogs.has(`${replaces.callId};${replaces.toTag};${replaces.fromTag}`))) {
    return { action: 'refuse', refusal: 'headers', detail: 'the Replaces names a call of this phone', user };
  }
  return { action: rules.policy === 'ask' ? 'ask' : 'follow', target };
}
