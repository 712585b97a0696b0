import { createHash } from 'node:crypto';
import { serialize, type SipRequest, type SipResponse } from './sip-text.js';

/**
 * Requests the PBX writes itself rather than relays: the CANCEL and ACK of a proxy's own
 * client transactions, and the BYE that ends an answer nobody wants (queue.ts).
 */

/** The host of the PBX's own Via (and of its Contact in the queue's 180). */
export const VIA_HOST = 'pbx.invalid';

/**
 * Our branch is derived from the incoming one, so a CANCEL (which reuses its INVITE's
 * branch) is forwarded with the branch of the INVITE we forwarded (RFC 3261 16.11).
 */
export function ourBranch(request: SipRequest): string {
  return `z9hG4bK${createHash('sha1').update(`${request.viaBranch}|${request.callId}`).digest('hex').slice(0, 20)}`;
}

/** The CANCEL of an INVITE the PBX sent to `uri` with `branch` (RFC 3261 9.1). */
export function cancelFor(invite: SipRequest, uri: string, branch: string, reason: string): string {
  return serialize({
    startLine: `CANCEL ${uri} SIP/2.0`,
    headers: [
      ['Via', `SIP/2.0/WS ${VIA_HOST};branch=${branch}`],
      ['Max-Forwards', '70'],
      ['From', invite.getHeader('from') ?? ''],
      ['To', invite.getHeader('to') ?? ''],
      ['Call-ID', invite.callId],
      ['CSeq', `${invite.cseq} CANCEL`],
      ['Reason', reason],
    ],
    body: '',
  });
}

/** The ACK of a non-2xx final response to an INVITE the PBX sent (RFC 3261 17.1.1.3): same branch and URI. */
export function ackFor(invite: SipRequest, uri: string, branch: string, response: SipResponse): string {
  return serialize({
    startLine: `ACK ${uri} SIP/2.0`,
    headers: [
      ['Via', `SIP/2.0/WS ${VIA_HOST};branch=${branch}`],
      ['Max-Forwards', '70'],
      ['From', invite.getHeader('from') ?? ''],
      ['To', response.getHeader('to') ?? ''],
      ['Call-ID', invite.callId],
      ['CSeq', `${invite.cseq} ACK`],
    ],
    body: '',
  });
}

/**
 * A request inside the dialog a 2xx made, sent by the PBX on the caller's behalf: the ACK
 * (CSeq of the INVITE) and then the BYE (CSeq + 1) that end an answer that came too late.
 */
export function inDialogFor(invite: SipRequest, answer: SipResponse, method: 'ACK' | 'BYE'): string {
  const contact = answer.parseHeader('contact');
  const target = contact?.uri?.toString() ?? '';
  const branch = `z9hG4bK${createHash('sha1').update(`${answer.callId}|${answer.toTag}|${method}`).digest('hex').slice(0, 20)}`;
  return serialize({
    startLine: `${method} ${target} SIP/2.0`,
    headers: [
      ['Via', `SIP/2.0/WS ${VIA_HOST};branch=${branch}`],
      ['Max-Forwards', '70'],
      ['From', invite.getHeader('from') ?? ''],
      ['To', answer.getHeader('to') ?? ''],
      ['Call-ID', invite.callId],
      ['CSeq', `${method === 'ACK' ? invite.cseq : invite.cseq + 1} ${method}`],
      ...(method === 'BYE' ? ([['Reason', 'SIP;cause=200;text="Call completed elsewhere"']] as [string, string][]) : []),
    ],
    body: '',
  });
}
