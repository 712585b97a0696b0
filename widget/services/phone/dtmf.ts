import type { Session, Web } from 'sip.js';
import { ErrorCode } from '../../../src/protocol/index.js';
import { PhoneError } from '../phone-types.js';

/**
 * Sends keypad tones on a call: in the media as RFC 4733 telephone-events (the default), or as
 * one SIP INFO per tone (`application/dtmf-relay`) for servers that want them in signalling.
 */
export async function sendTones(session: Session, tones: string, mode: 'rfc4733' | 'info'): Promise<void> {
  if (mode === 'info') {
    for (const tone of tones) {
      await session.info({ requestOptions: { body: { contentDisposition: 'render', contentType: 'application/dtmf-relay', content: `Signal=${tone}\r\nDuration=100` } } });
    }
    return;
  }
  const handler = session.sessionDescriptionHandler as Web.SessionDescriptionHandler | undefined;
  if (!handler?.sendDtmf(tones, { duration: 100, interToneGap: 70 })) {
    throw new PhoneError({ code: ErrorCode.CallFailed, message: 'this call cannot carry DTMF tones' });
  }
}
