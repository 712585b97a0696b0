import type { TransferRefusal } from '../../../src/protocol/index.js';
import type { ReferRules } from './refer-policy.js';
import { parseReferTo, type ReferTarget } from './refer-to.js';

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
