import type { Session } from 'sip.js';
import type { CallEndReason, CallInfo } from '../../../src/protocol/index.js';

/** One call as the phone service keeps it: the host-facing info and the sip.js session. */
export interface CallRecord {
  info: CallInfo;
  session: Session;
  answeredAtMs: number | null;
  endReason: CallEndReason | null;
  audio: HTMLAudioElement | null;
}
