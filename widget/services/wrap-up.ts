import { ErrorCode, type AfterCallWorkEndedBy, type AfterCallWorkInfo, type AgentStateName, type CallInfo, type SubmitAfterCallWork } from '../../src/protocol/index.js';
import { AfterCallWork, type AfterCallWorkRules, type NextState } from './after-call-work.js';
import type { AgentStateSnapshot } from './agent-state.js';
import type { Actor, WorkflowHost } from './agent-workflow.js';
import { PhoneError } from './phone-types.js';

/**
 * The wrap-up flow of the agent workflow, loaded with after-call work (not in the widget's
 * first load): opening a wrap-up when an answered call ended, its timer, ending it (by the
 * agent, the host or the time) and telling the host, and the notes of calls. The workflow
 * (agent-workflow.ts) keeps the agent state and hands over how to change it; this module
 * imports nothing at run time from it, so it stays a chunk of its own.
 */
export interface WrapUpPort {
  readonly host: WorkflowHost;
  /** Enters an agent state (host events, statistics, screen). */
  enter(state: AgentStateName, reason: string): void;
  /** Busy or not changed (statistics). */
  busy(): void;
}

const afterReady: NextState = Object.freeze({ state: 'ready', reason: '' });

export class WrapUp {
  readonly #port: WrapUpPort;
  readonly #acw: AfterCallWork;
  #stopTick: (() => void) | null = null;

  constructor(port: WrapUpPort, storage: Storage | null) {
    this.#port = port;
    this.#acw = new AfterCallWork(storage);
  }

  get current(): AfterCallWorkInfo | null {
    return this.#acw.current;
  }

  get overdue(): boolean {
    return this.#acw.overdue;
  }

  get next(): NextState {
    return this.#acw.next;
  }

  notesOf(callId: string): string {
    return this.#acw.notesOf(callId);
  }

  /** The wrap-up and notes of this login from before a reload, if any; its timer runs again. */
  begin(userId: string, login: string): void {
    this.#acw.begin(userId, login);
  }

  /** Logged out: an open wrap-up ends as it stands, so the host keeps the notes; then all is forgotten. */
  end(): void {
    const open = this.#acw.current;
    if (open) this.#finish(open, 'agent', false);
    this.#disarm();
    this.#acw.end();
  }

  /**
   * Opens the wrap-up of `call`, ended at `now` when the agent was in `before`, ending the
   * open one as it stands. `enter`: the state is not after-call work yet (else it was entered
   * at the hang-up, while this part was loading).
   */
  open(call: CallInfo, rules: AfterCallWorkRules, now: number, before: AgentStateSnapshot, enter: boolean): void {
    const { host } = this.#port;
    const open = this.#acw.current;
    if (open) this.#finish(open, 'agent', false);
    const next: NextState = before.state === 'not_ready' || before.state === 'dnd' ? { state: before.state, reason: before.reason } : open ? this.#acw.next : afterReady;
    const info = this.#acw.start(call, rules, now, next);
    if (enter) this.#port.enter('after_call_work', '');
    host.emit('OnAfterCallWorkStarted', { afterCallWork: info });
    this.arm();
    // Opened later than the hang-up: the screen shows it now.
    if (!enter) host.changed();
  }

  /** Ends the wrap-up with what was submitted (fields left out keep the panel's); refused submissions change nothing. */
  submit(data: SubmitAfterCallWork, by: Actor): AfterCallWorkInfo {
    const finished = this.#acw.check(data);
    if (data.nextState) this.#acw.chooseNext({ state: data.nextState, reason: data.reason ?? '' });
    this.#finish(finished, by);
    return finished;
  }

  choose(code: string): void {
    this.#acw.choose(code);
    this.#port.host.changed();
  }

  chooseNext(next: NextState): void {
    this.#acw.chooseNext(next);
    this.#port.host.changed();
  }

  /** Draft notes for `callId` (`live`: it was up when typed), else for the wrap-up. */
  draftNotes(notes: string, callId: string | undefined, live: boolean): void {
    const open = this.#acw.current;
    const target = callId ?? open?.callId;
    if (!target || (target !== open?.callId && !live)) return;
    this.#acw.setNotes(target, notes);
    if (target === open?.callId) this.#port.host.changed();
  }

  /** Saves notes for `callId`, else the call the agent is on, else the call being wrapped up, and tells the host. */
  saveNotes(notes: string, callId?: string): { callId: string; notes: string } {
    const { host } = this.#port;
    const live = host.calls.map((c) => c.callId);
    const wrapping = this.#acw.current?.callId;
    const target = callId ?? host.currentCallId() ?? wrapping;
    if (!target) throw new PhoneError({ code: ErrorCode.NotAllowedNow, message: 'there is no call to write notes for' });
    if (!live.includes(target) && target !== wrapping) throw new PhoneError({ code: ErrorCode.NoSuchCall, message: `no call ${target} is up or being wrapped up` });
    this.#acw.setNotes(target, notes);
    host.emit('OnCallNotesSubmitted', { callId: target, notes });
    host.changed();
    return { callId: target, notes };
  }

  /** Ticks on the one clock while a wrap-up with a deadline is open, to end it on time. */
  arm(): void {
    this.#disarm();
    const open = this.#acw.current;
    if (!open || !open.deadline || this.#acw.overdue) return;
    this.#stopTick = this.#port.host.clock.tick(1000, () => this.#checkDeadline());
    this.#checkDeadline();
  }

  /** Ends `finished`: notes saved, the host told, and (unless another wrap-up follows) the next state entered. */
  #finish(finished: AfterCallWorkInfo, by: AfterCallWorkEndedBy, thenNext = true): void {
    const { host } = this.#port;
    const next = this.#acw.next;
    this.#acw.finish(finished);
    this.#disarm();
    const { callId, disposition, notes } = finished;
    if (notes) host.emit('OnCallNotesSubmitted', { callId, notes });
    host.emit('OnAfterCallWorkEnded', { callId, disposition, notes, endedBy: by });
    if (thenNext) this.#port.enter(next.state, next.reason);
    this.#port.busy();
    host.changed();
  }

  #disarm(): void {
    this.#stopTick?.();
    this.#stopTick = null;
  }

  #checkDeadline(): void {
    const open = this.#acw.current;
    if (!open || !open.deadline || this.#port.host.clock.now() < open.deadline) return;
    if (open.requireDisposition && !open.disposition) {
      this.#disarm();
      this.#acw.markOverdue();
      this.#port.host.changed();
      return;
    }
    this.#finish(open, 'timeout');
  }
}
