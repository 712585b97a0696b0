import type { Session } from 'sip.js';
import { ErrorCode, type CallEndReason, type CallInfo } from '../../../src/protocol/index.js';
import { canTransitionCall, CallState } from '../../state/call-state.js';
import type { Logger } from '../logger.js';
import { PhoneError, type PhoneChange } from '../phone-types.js';
import { newCallRecord, snapshotOf, type CallRecord, type NewCall } from './call-record.js';

/**
 * The phone's calls, and the only writer of call state. Every change goes through `update`
 * (checked against the call state machine) or `end`, and each one is reported once as a
 * `call` change with the call before and after. An illegal move arriving from a sip.js
 * callback is logged and ignored, never thrown into sip.js.
 */
export class CallRegistry {
  readonly #log: Logger;
  readonly #emit: (change: PhoneChange) => void;
  readonly #records = new Map<string, CallRecord>();

  constructor(log: Logger, emit: (change: PhoneChange) => void) {
    this.#log = log;
    this.#emit = emit;
  }

  get calls(): CallInfo[] {
    return this.records().map(snapshotOf);
  }

  records(): CallRecord[] {
    return [...this.#records.values()];
  }

  /** The record of `callId`; `no_such_call` when there is none. */
  get(callId: string): CallRecord {
    const record = this.#records.get(callId);
    if (!record) throw new PhoneError({ code: ErrorCode.NoSuchCall, message: `no call ${callId}` });
    return record;
  }

  bySession(session: Session): CallRecord | undefined {
    return this.records().find((record) => record.session === session);
  }

  /** Answered calls that the agent hears now: not held. */
  live(): CallRecord[] {
    return this.records().filter((record) => record.info.state === CallState.Active && !record.info.held);
  }

  add(session: Session, initial: NewCall): CallRecord {
    const record = newCallRecord(session, initial);
    this.#records.set(record.info.callId, record);
    this.#emit({ kind: 'call', call: snapshotOf(record), previous: null });
    return record;
  }

  update(record: CallRecord, patch: Partial<Omit<CallInfo, 'callId' | 'endReason' | 'endedAt'>>): void {
    if (!this.#records.has(record.info.callId)) return;
    const previous = snapshotOf(record);
    if (patch.state && patch.state !== previous.state && !canTransitionCall(previous.state, patch.state)) {
      this.#log.error(`ignored illegal call transition ${previous.state} → ${patch.state}`);
      return;
    }
    if (patch.state === CallState.Active && previous.state !== CallState.Active) record.answeredAtMs = Date.now();
    record.info = { ...record.info, ...patch };
    this.#emit({ kind: 'call', call: snapshotOf(record), previous });
  }

  /** The call is over: its reason is the one recorded earlier, else what its state implies. */
  end(record: CallRecord): void {
    if (!this.#records.has(record.info.callId)) return;
    const previous = snapshotOf(record);
    const was = previous.state;
    const reason: CallEndReason = record.endReason ?? (was === CallState.Active ? 'remote_hangup' : was === CallState.Ringing ? 'missed' : 'failed');
    record.info = { ...record.info, state: CallState.Ended, endedAt: new Date().toISOString(), endReason: reason };
    this.#records.delete(record.info.callId);
    this.#emit({ kind: 'call', call: snapshotOf(record), previous });
  }

  notNow(action: string, record: CallRecord): PhoneError {
    return new PhoneError({ code: ErrorCode.NotAllowedNow, message: `cannot ${action} a call that is ${record.info.state}` });
  }
}
