import { dialogFromRequest, dialogFromResponse, sendInDialog, type Dialog } from '../wire/dialog.js';
import { isFor, type SipPeer } from '../wire/peer.js';
import type { RawPhone } from '../wire/phone.js';
import { buildRequest, buildResponse, randomToken, type SipMessage } from '../wire/sip.js';
import { DOMAIN, isInvite, PORTS } from './fixture.js';

/** Genuine calls through Kamailio, set up the way real phones and trunks do, for tests to build on. */

export interface PhoneCall {
  /** The caller's and the callee's dialog state. */
  caller: Dialog;
  callee: Dialog;
  /** The INVITE as the callee received it. */
  invite: SipMessage;
}

/** `from` calls `to` (both registered phones); `to` answers; `from` ACKs. */
export async function phoneCallsPhone(from: RawPhone, to: RawPhone, headers: string[] = []): Promise<PhoneCall> {
  const mark = to.peer.received.length;
  const answered = from.request('INVITE', `sip:${to.user}@${DOMAIN}`, { headers });
  const invite = await to.peer.next(isInvite, 3000, mark);
  const toTag = randomToken(4);
  to.reply(invite, 200, 'OK', { toTag });
  const { final, cseq } = await answered;
  if (final.status !== 200) throw new Error(`call ${from.user} -> ${to.user}: ${final.raw.split('\r\n')[0]}`);
  const caller = dialogFromResponse(final, cseq);
  sendInDialog(from.peer, caller, 'ACK');
  await to.peer.next((m) => m.method === 'ACK' && m.status === null, 3000, mark);
  return { caller, callee: dialogFromRequest(invite, toTag), invite };
}

export interface TrunkCall {
  /** The trunk's dialog state and the phone's. */
  trunk: Dialog;
  phone: Dialog;
  invite: SipMessage;
  /** The 200 OK as the trunk received it. */
  answer: SipMessage;
}

/** A trusted trunk (plain SIP) calls `to`; the phone answers with `answerHeaders`; the trunk ACKs. */
export async function trunkCallsPhone(trunkPeer: SipPeer, to: RawPhone, headers: string[] = [], answerHeaders: string[] = []): Promise<TrunkCall> {
  const mark = to.peer.received.length;
  const callId = `${randomToken()}@trunk.invalid`;
  trunkPeer.send(
    buildRequest({
      method: 'INVITE',
      uri: `sip:${to.user}@${DOMAIN}`,
      via: trunkPeer.via,
      from: `sip:15550001111@${DOMAIN}`,
      fromTag: randomToken(4),
      to: `sip:${to.user}@${DOMAIN}`,
      callId,
      cseq: 1,
      contact: `sip:trunk@${trunkPeer.contactHost}`,
      headers,
    }),
  );
  const invite = await to.peer.next(isInvite, 3000, mark);
  const toTag = randomToken(4);
  to.reply(invite, 200, 'OK', { toTag, headers: answerHeaders });
  const answer = await trunkPeer.final(callId, 1);
  if (answer.status !== 200) throw new Error(`trunk call to ${to.user}: ${answer.raw.split('\r\n')[0]}`);
  const trunk = dialogFromResponse(answer, 1);
  sendInDialog(trunkPeer, trunk, 'ACK');
  await to.peer.next((m) => m.method === 'ACK' && m.status === null && isFor(m, callId), 3000, mark);
  return { trunk, phone: dialogFromRequest(invite, toTag), invite, answer };
}

/**
 * Sends an in-dialog request from `peer` and lets `receiver` answer it with 200 (if it gets it);
 * resolves with the final response `peer` received.
 */
export async function inDialog(peer: SipPeer, dialog: Dialog, method: string, receiver: SipPeer | null, options: { uri?: string; headers?: string[]; body?: string } = {}): Promise<{ final: SipMessage; received: SipMessage | null }> {
  const mark = receiver?.received.length ?? 0;
  const cseq = sendInDialog(peer, dialog, method, options);
  let received: SipMessage | null = null;
  if (receiver) {
    received = await receiver.next((m) => m.status === null && m.method === method && isFor(m, dialog.callId, cseq), 3000, mark).catch(() => null);
    if (received) receiver.send(buildResponse(received, 200, 'OK', { contact: `sip:x@${receiver.contactHost}${receiver.transport === 'ws' ? ';transport=ws' : ''}` }));
  }
  const final = await peer.final(dialog.callId, cseq);
  if (method === 'INVITE' && final.status === 200) sendInDialog(peer, dialog, 'ACK');
  return { final, received };
}

export const HOLD_SDP = ['v=0', 'o=- 1 2 IN IP4 127.0.0.1', 's=-', 'c=IN IP4 127.0.0.1', 't=0 0', 'm=audio 9 UDP/TLS/RTP/SAVPF 111', 'a=rtpmap:111 opus/48000/2', 'a=sendonly', ''].join('\r\n');

/** Where Kamailio listens for plain SIP, as a Route header value. */
export const kamailioRoute = `<sip:127.0.0.1:${PORTS.sip};lr>`;
