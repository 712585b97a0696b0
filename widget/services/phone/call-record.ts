import type { Session } from 'sip.js';
import type { CallEndReason, CallInfo } from '../../../src/protocol/index.js';
import { newCallId } from './sip-helpers.js';

/** One call as the phone service keeps it: the host-facing info and the sip.js session. */
export interface CallRecord {
  info: CallInfo;
  session: Session;
  answeredAtMs: number | null;
  endReason: CallEndReason | null;
  audio: HTMLAudioElement | null;
}

/** What a new call is known by when it starts: who, which way, and for inbound calls what the network said. */
export type NewCall = Pick<CallInfo, 'direction' | 'remoteNumber' | 'remoteName' | 'identity' | 'state'> & {
  queue?: string | undefined;
  did?: string | undefined;
  variables?: Record<string, string> | undefined;
};

/** A fresh record for `session`, with a new call id and nothing answered or ended yet. */
export function newCallRecord(session: Session, initial: NewCall): CallRecord {
  const info: CallInfo = {
    callId: newCallId(),
    direction: initial.direction,
    remoteNumber: initial.remoteNumber,
    remoteName: initial.remoteName,
    identity: initial.identity ?? 'claimed',
    state: initial.state,
    muted: false,
    held: false,
    startedAt: new Date().toISOString(),
    answeredAt: null,
    endedAt: null,
    duration: 0,
  };
  if (initial.queue) info.queue = initial.queue;
  if (initial.did) info.did = initial.did;
  if (initial.variables) info.variables = initial.variables;
  return { info, session, answeredAtMs: null, endReason: null, audio: null };
}

/** The call's info as the host sees it now: the duration counted up to now, or to its end. */
export function snapshotOf(record: CallRecord): CallInfo {
  const end = record.info.endedAt ? Date.parse(record.info.endedAt) : Date.now();
  const duration = record.answeredAtMs ? Math.max(0, Math.floor((end - record.answeredAtMs) / 1000)) : 0;
  return { ...record.info, duration };
}
