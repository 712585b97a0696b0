import type { CallInfo } from '../../../src/protocol/index.js';
import { clip } from './sip-helpers.js';

/** A SIP identity as read from a header: the URI's user part and the display name. */
export interface SipIdentity {
  user: string;
  displayName: string;
}

/**
 * Who is calling, and on whose word. P-Asserted-Identity is set by the network (the dev PBX
 * and Kamailio strip the copies phones send and assert the authenticated caller), so a caller
 * named there is `asserted`. Without it, From is all there is, and From says whatever the
 * caller wants: `claimed`. Number and name always come from the same header: a made-up From
 * display name ("Your Bank") is never shown beside an asserted number as if it were vouched for.
 */
export function callerIdentity(asserted: SipIdentity | undefined, from: SipIdentity): Pick<CallInfo, 'remoteNumber' | 'remoteName' | 'identity'> {
  if (asserted?.user) return { remoteNumber: clip(asserted.user), remoteName: clip(asserted.displayName), identity: 'asserted' };
  return { remoteNumber: clip(from.user), remoteName: clip(from.displayName), identity: 'claimed' };
}
