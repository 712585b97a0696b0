import type { CallDirection, CallEndReason, CallIdentity } from './calls.js';

/**
 * How a call in the history ended, from the agent's side. Inbound: `answered`, `missed` (the
 * caller gave up or it rang out), `rejected` (the agent declined it). Outbound: `answered`,
 * `rejected` (the far end was busy or declined), `unanswered` (nobody picked up before the
 * agent or the far end gave up), `failed` (no such number, unreachable). Either way
 * `transferred` when the call was handed on to someone else.
 */
export type CallHistoryResult = 'answered' | 'missed' | 'rejected' | 'transferred' | 'unanswered' | 'failed';

export const callHistoryResults = ['answered', 'missed', 'rejected', 'transferred', 'unanswered', 'failed'] as const satisfies readonly CallHistoryResult[];

/** One ended call in the agent's history. Times are milliseconds since the epoch. */
export interface CallHistoryEntry {
  /** The call's id while it was up (as in its call events). */
  callId: string;
  direction: CallDirection;
  /** The other party's number and display name, as the call's `remoteNumber` and `remoteName`. */
  number: string;
  name: string;
  /** As the call's `identity`: `claimed` when the number and name are only what the caller set (shown as unverified). */
  identity?: CallIdentity;
  startedAt: number;
  answeredAt: number | null;
  endedAt: number;
  /** Whole seconds talking (0 for a call never answered). */
  duration: number;
  result: CallHistoryResult;
  /** The call's `endReason`, for hosts that want the finer reason. */
  endReason: CallEndReason;
  /** The queue from `X-Queue`, for a queue call. */
  queue?: string;
  /** The disposition code and notes given in after-call work ('' until then, or without it). */
  disposition: string;
  notes: string;
}

/** Entries kept per agent at most, whatever the tenant's `historyDays`; the oldest go first. */
export const MAX_CALL_HISTORY = 500;
