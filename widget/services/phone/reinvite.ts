import type { Session } from 'sip.js';
import { ErrorCode } from '../../../src/protocol/index.js';
import { PhoneError } from '../phone-types.js';

/** How long a re-INVITE (hold, resume, video) may go unanswered before the command fails. */
export const REINVITE_TIMEOUT_MS = 8000;

/**
 * Sends a re-INVITE with new media options and resolves when the far end accepts it. A
 * refusal (488, 491…) or silence rejects with a coded error and leaves the call up as it
 * was: a failed hold must never end the call.
 */
export async function reinvite(session: Session, options: { hold: boolean; video: boolean }, what: string): Promise<void> {
  await untilAcknowledged(session);
  session.sessionDescriptionHandlerOptionsReInvite = {
    hold: options.hold,
    constraints: { audio: true, video: options.video },
  } as typeof session.sessionDescriptionHandlerOptionsReInvite;
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new PhoneError({ code: ErrorCode.CallFailed, message: `no answer to the ${what} request` })), REINVITE_TIMEOUT_MS);
    session
      .invite({
        requestDelegate: {
          onAccept: () => {
            clearTimeout(timer);
            resolve();
          },
          onReject: (response) => {
            clearTimeout(timer);
            void rollback((session.sessionDescriptionHandler as { peerConnection?: RTCPeerConnection } | undefined)?.peerConnection);
            reject(new PhoneError({ code: ErrorCode.CallFailed, message: `the other side refused the ${what}: ${response.message.statusCode} ${response.message.reasonPhrase}` }));
          },
        },
      })
      .catch((error: unknown) => {
        clearTimeout(timer);
        reject(new PhoneError({ code: ErrorCode.NotAllowedNow, message: `cannot ${what} now: ${(error as Error).message}` }));
      });
  });
}

/** How long to wait for the ACK of a call just answered before re-INVITEing anyway. */
const ACK_WAIT_MS = 4000;

/**
 * Waits until a call this phone answered has its ACK. A re-INVITE sent before it (the agent
 * answering a second line holds the first at once, or resumes a line just answered) crosses
 * the ACK: sip.js then takes the ACK for lost and ends the call with a BYE. RFC 5407 3.1.5
 * advises exactly this wait. sip.js 0.21 keeps the flag as `ackWait` on the session dialog and
 * has no event for it, hence the short poll.
 */
export async function untilAcknowledged(session: Session): Promise<void> {
  const dialog = session.dialog as unknown as { ackWait?: boolean } | undefined;
  for (let waited = 0; dialog?.ackWait === true && waited < ACK_WAIT_MS; waited += 50) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Undoes an offer the far end refused (488, 491…): sip.js 0.21's browser media handler has no
 * rollback and would stay in `have-local-offer`, failing the next re-INVITE.
 */
export async function rollback(peer: RTCPeerConnection | undefined): Promise<void> {
  if (peer?.signalingState !== 'have-local-offer') return;
  await peer.setLocalDescription({ type: 'rollback' }).catch(() => undefined);
}
