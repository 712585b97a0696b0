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
export function reinvite(session: Session, options: { hold: boolean; video: boolean }, what: string): Promise<void> {
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
