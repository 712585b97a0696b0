import { Inviter, UserAgent, type Invitation, type Session } from 'sip.js';
import { CallState } from '../../state/call-state.js';
import type { Logger } from '../logger.js';
import type { CallRecord } from './call-record.js';
import type { ReferTarget } from './refer-to.js';
import { replacesHeader, targetUri } from './sip-uri.js';
import { audioOnly } from './user-agent.js';

/**
 * The call that follows a transfer request the policy allowed: to the validated number at the
 * tenant's domain, with a Replaces rebuilt from validated parts. The URI the far end sent is
 * never dialled and none of its text reaches the INVITE, so a gap in validation still cannot
 * inject a header. The call reports its progress to the transferor (NOTIFY, RFC 3515) as
 * sip.js's own Referral.makeInviter arranges it: `_referred` is sip.js 0.21.2's field for that.
 */
export function referredInviter(ua: UserAgent, domain: string, target: ReferTarget, referred: Session | undefined): Inviter {
  const uri = UserAgent.makeURI(targetUri(target.user, domain));
  if (!uri) throw new Error(`cannot call ${target.user}`);
  const extraHeaders = target.replaces ? [`Replaces: ${replacesHeader(target.replaces)}`] : [];
  const inviter = new Inviter(ua, uri, { extraHeaders, sessionDescriptionHandlerOptions: audioOnly });
  if (referred) inviter._referred = referred;
  return inviter;
}

/**
 * An INVITE that replaces one of our calls (the last step of someone's attended transfer):
 * answered at once, and the call it replaces ended.
 */
export function takeOver(invitation: Invitation, replaced: CallRecord, log: Logger): void {
  replaced.endReason = 'transferred';
  invitation
    .accept({ sessionDescriptionHandlerOptions: audioOnly })
    .then(() => (replaced.info.state === CallState.Active ? replaced.session.bye() : undefined))
    .catch((error: unknown) => log.warn(`taking over a transferred call failed: ${(error as Error).message}`));
}
