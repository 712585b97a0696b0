import { msg, str } from '@lit/localize';
import { ErrorCode, MAX_NOTES, type AfterCallWorkInfo, type CallInfo, type ChosenAgentState, type DispositionCode } from '../../src/protocol/index.js';
import { PhoneError } from './phone-types.js';
import { forgetStored, readStored, writeStored } from './stored.js';

/**
 * The wrap-up of ended calls and the notes of calls: what the agent chose and wrote, kept in
 * the widget's sessionStorage per agent and login, so a reload in the middle of after-call
 * work comes back to the same panel with the same notes and the same deadline. Holds the
 * data and its rules only; `AgentWorkflow` decides when a wrap-up starts and ends and tells
 * the host.
 */
export interface AfterCallWorkRules {
  enabled: boolean;
  /** Wrap-up time in seconds; 0 = no timer. */
  maxSeconds: number;
  requireDisposition: boolean;
  codes: readonly DispositionCode[];
}

interface Saved {
  login: string;
  current: AfterCallWorkInfo | null;
  /** Notes of calls not wrapped up yet (typed during the call), by call id. */
  notes: Record<string, string>;
  /** The time ran out while a required disposition was missing: the panel keeps asking. */
  overdue: boolean;
  /** The state after the wrap-up, as the agent chose it in the panel (or the state before the call). */
  next: NextState;
}

export interface NextState {
  state: ChosenAgentState;
  reason: string;
}

const ready: NextState = Object.freeze({ state: 'ready', reason: '' });

/** Calls whose notes are kept at most; the oldest go first (a phone has a few lines, not hundreds). */
const MAX_KEPT_NOTES = 20;

const fail = (code: ErrorCode, message: string) => new PhoneError({ code, message });

const isInfo = (value: unknown): value is AfterCallWorkInfo => {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.callId === 'string' &&
    typeof v.disposition === 'string' &&
    typeof v.notes === 'string' &&
    v.notes.length <= MAX_NOTES &&
    typeof v.requireDisposition === 'boolean' &&
    Array.isArray(v.codes) &&
    v.codes.every((c: unknown) => typeof c === 'object' && c !== null && typeof (c as DispositionCode).code === 'string' && typeof (c as DispositionCode).label === 'string') &&
    typeof v.startedAt === 'number' &&
    typeof v.deadline === 'number'
  );
};

const isSaved = (value: unknown): value is Saved => {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  const notes = v.notes;
  return (
    typeof v.login === 'string' &&
    (v.current === null || isInfo(v.current)) &&
    typeof notes === 'object' &&
    notes !== null &&
    Object.values(notes).every((n) => typeof n === 'string' && n.length <= MAX_NOTES) &&
    typeof v.overdue === 'boolean' &&
    typeof v.next === 'object' &&
    v.next !== null &&
    ['ready', 'not_ready', 'dnd'].includes((v.next as NextState).state) &&
    typeof (v.next as NextState).reason === 'string'
  );
};

export class AfterCallWork {
  readonly #storage: Storage | null;
  #key = '';
  #data: Saved = { login: '', current: null, notes: {}, overdue: false, next: ready };

  constructor(storage: Storage | null) {
    this.#storage = storage;
  }

  /** The wrap-up running now, or null. */
  get current(): AfterCallWorkInfo | null {
    return this.#data.current;
  }

  /** The state the agent goes to after the wrap-up. */
  get next(): NextState {
    return this.#data.next;
  }

  /** Whether the wrap-up time ran out with a required disposition still missing. */
  get overdue(): boolean {
    return this.#data.overdue;
  }

  /** A login of `userId`: the wrap-up and notes from before a reload of the same login, else none. */
  begin(userId: string, login: string): void {
    this.#key = `ringside.after-call-work.${userId}`;
    const saved = readStored(this.#storage, this.#key);
    this.#data = isSaved(saved) && saved.login === login ? { ...saved, notes: Object.assign(Object.create(null), saved.notes) } : { login, current: null, notes: Object.create(null), overdue: false, next: ready };
    this.#save();
  }

  end(): void {
    if (this.#key) forgetStored(this.#storage, this.#key);
    this.#key = '';
    this.#data = { login: '', current: null, notes: Object.create(null), overdue: false, next: ready };
  }

  /** The notes of a call: those of its wrap-up, or those typed during the call. */
  notesOf(callId: string): string {
    return this.#data.current?.callId === callId ? this.#data.current.notes : (this.#data.notes[callId] ?? '');
  }

  /** Saves notes for a call (live or being wrapped up). */
  setNotes(callId: string, notes: string): void {
    const current = this.#data.current;
    if (current?.callId === callId) {
      this.#data.current = { ...current, notes };
    } else {
      delete this.#data.notes[callId];
      this.#data.notes[callId] = notes;
      const kept = Object.keys(this.#data.notes);
      for (const old of kept.slice(0, Math.max(0, kept.length - MAX_KEPT_NOTES))) delete this.#data.notes[old];
    }
    this.#save();
  }

  /** Starts the wrap-up of `call`, with the notes typed during it. */
  start(call: CallInfo, rules: AfterCallWorkRules, now: number, next: NextState): AfterCallWorkInfo {
    this.#data.next = { state: next.state, reason: next.state === 'not_ready' ? next.reason : '' };
    const notes = this.#data.notes[call.callId] ?? '';
    delete this.#data.notes[call.callId];
    this.#data.current = {
      callId: call.callId,
      call,
      disposition: '',
      notes,
      // Required only when there is a code to choose: an empty list must not keep the wrap-up open for good.
      requireDisposition: rules.requireDisposition && rules.codes.length > 0,
      codes: rules.codes.map(({ code, label }) => ({ code, label })),
      startedAt: now,
      deadline: rules.maxSeconds > 0 ? now + rules.maxSeconds * 1000 : 0,
    };
    this.#data.overdue = false;
    this.#save();
    return this.#data.current;
  }

  /** The agent picked a disposition in the panel ('' = none). */
  choose(disposition: string): void {
    const current = this.#require();
    if (disposition && !current.codes.some((c) => c.code === disposition)) throw fail(ErrorCode.UnknownDisposition, msg(str`${disposition} is not one of the disposition codes.`, { id: 'acw.unknown-disposition' }));
    this.#data.current = { ...current, disposition };
    this.#save();
  }

  /** The agent chose the state that follows the wrap-up. */
  chooseNext(next: NextState): void {
    this.#require();
    this.#data.next = { state: next.state, reason: next.state === 'not_ready' ? next.reason : '' };
    this.#save();
  }

  markOverdue(): void {
    this.#data.overdue = true;
    this.#save();
  }

  /**
   * Checks a submission against the running wrap-up: it must be that call's, the disposition
   * one of the codes, and present when required. Returns the wrap-up as it would end, without
   * ending it; nothing changes when the submission is refused, so no notes are lost.
   */
  check(submission: { callId?: string | undefined; disposition?: string | undefined; notes?: string | undefined }): AfterCallWorkInfo {
    const current = this.#require();
    if (submission.callId && submission.callId !== current.callId) throw fail(ErrorCode.NoAfterCallWork, `call ${submission.callId} is not in after-call work (${current.callId} is)`);
    const disposition = submission.disposition ?? current.disposition;
    if (disposition && !current.codes.some((c) => c.code === disposition)) throw fail(ErrorCode.UnknownDisposition, msg(str`${disposition} is not one of the disposition codes.`, { id: 'acw.unknown-disposition' }));
    if (!disposition && current.requireDisposition) throw fail(ErrorCode.DispositionRequired, msg('Choose a disposition to finish the wrap-up.', { id: 'acw.disposition-required' }));
    return { ...current, disposition, notes: submission.notes ?? current.notes };
  }

  /** Ends the running wrap-up as `finished` (from {@link check}). */
  finish(finished: AfterCallWorkInfo): void {
    this.#data.current = null;
    this.#data.overdue = false;
    delete this.#data.notes[finished.callId];
    this.#save();
  }

  #require(): AfterCallWorkInfo {
    const current = this.#data.current;
    if (!current) throw fail(ErrorCode.NoAfterCallWork, msg('No call is being wrapped up.', { id: 'acw.none' }));
    return current;
  }

  #save(): void {
    if (!this.#key) return;
    writeStored(this.#storage, this.#key, this.#data);
  }
}
