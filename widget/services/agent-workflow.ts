import type { AfterCallWorkEndedBy, AfterCallWorkInfo, AgentProfile, AgentStatus, CallInfo, ChosenAgentState, EventDataMap, EventName, SubmitAfterCallWork } from '../../src/protocol/index.js';
import { ErrorCode } from '../../src/protocol/index.js';
import { AfterCallWork, type NextState } from './after-call-work.js';
import { agentStatus, AgentStatistics, busyAt, callChanged, stateLeft } from './agent-statistics.js';
import { AgentState, type AgentStateSnapshot } from './agent-state.js';
import type { Clock } from './clock.js';
import { PhoneError, type PhoneChange } from './phone-types.js';
import type { PhoneSettings } from './session-client.js';

/** What the workflow needs of the widget core. */
export interface WorkflowHost {
  readonly clock: Clock;
  /** The tenant's settings now. */
  readonly settings: PhoneSettings;
  /** The phone's calls now (ended ones are gone). */
  readonly calls: readonly CallInfo[];
  /** The call the agent is on (the line shown), if any. */
  currentCallId(): string | undefined;
  emit<N extends EventName>(name: N, data: EventDataMap[N]): void;
  /** Something the screen shows changed. */
  changed(): void;
}

/** Who asked for a change: the agent in the phone or the host by action. */
export type Actor = 'agent' | 'host';

/**
 * The contact-center workflow of one login: the agent state (ready, not ready, after-call
 * work, do-not-disturb), which inbound calls that state refuses, after-call work when an
 * answered call ends, call notes, and the statistics of the `status` event. Tells the host
 * about each change. The widget core forwards phone changes and actions here.
 *
 * Rules (README "After-call work"):
 * - Wrap-up follows an answered call (either direction) when the tenant enables it and no
 *   other answered call is up; a missed, rejected or cancelled call has nothing to wrap up.
 * - The wrap-up timer runs on the one clock only while a wrap-up with a deadline is open.
 *   When it runs out the wrap-up ends by itself (`timeout`), unless a required disposition
 *   is missing: then the phone stays in after-call work and keeps asking, notes untouched.
 * - An answered call that ends while another call's wrap-up is open ends that wrap-up as it
 *   stands (`agent`: the agent took the next call), so each call gets its own.
 */
export class AgentWorkflow {
  readonly #host: WorkflowHost;
  readonly #state: AgentState;
  readonly #acw: AfterCallWork;
  readonly #stats: AgentStatistics;
  #stopTick: (() => void) | null = null;

  constructor(host: WorkflowHost, storage: { session: Storage | null; local: Storage | null }) {
    this.#host = host;
    this.#state = new AgentState(host.clock, storage.session);
    this.#acw = new AfterCallWork(storage.session);
    this.#stats = new AgentStatistics(storage.session, storage.local);
  }

  get state(): AgentStateSnapshot {
    return this.#state.snapshot;
  }

  get afterCallWork(): AfterCallWorkInfo | null {
    return this.#acw.current;
  }

  /** Whether the wrap-up time ran out while a required disposition is missing. */
  get overdue(): boolean {
    return this.#acw.overdue;
  }

  /** The state after the wrap-up. */
  get next(): NextState {
    return this.#acw.next;
  }

  /** A login (`login` names it, the same across reloads): its state, wrap-up and statistics from before a reload, else fresh. */
  begin(userId: string, login: string): void {
    const now = this.#host.clock.now();
    this.#state.begin(userId, login);
    this.#acw.begin(userId, login);
    this.#stats.begin(userId, login, now);
    // A wrap-up that was open before the reload is after-call work again, whatever was saved.
    if (this.#acw.current && this.#state.snapshot.state !== 'after_call_work') this.#state.set('after_call_work');
    this.#arm();
  }

  /** Logged out: an open wrap-up ends as it stands, so the host keeps the notes; then all is forgotten. */
  end(): void {
    const open = this.#acw.current;
    if (open) this.#finish(open, 'agent', false);
    this.#disarm();
    this.#stats.end(this.#host.clock.now(), this.#state.snapshot);
    this.#acw.end();
    this.#state.end();
  }

  /**
   * The agent or host chose a state. During after-call work this ends the wrap-up first (so a
   * required disposition must be there) and the chosen state follows it.
   */
  setState(state: ChosenAgentState, reason: string, by: Actor): AgentStateSnapshot {
    if (this.#acw.current) {
      this.submit({ nextState: state, ...(state === 'not_ready' && reason ? { reason } : {}) }, by);
      return this.#state.snapshot;
    }
    return this.#enter(state, reason);
  }

  /**
   * Every state but ready refuses new inbound calls with the tenant's status, so a queue
   * routes them elsewhere; direct calls ring unless the tenant refuses them too.
   */
  screen(call: { queue?: string | undefined }): 486 | 480 | null {
    if (this.#state.snapshot.state === 'ready') return null;
    const { notReadyRejectStatus, notReadyDirectCalls } = this.#host.settings;
    return !call.queue && notReadyDirectCalls ? null : notReadyRejectStatus;
  }

  phoneChanged(change: PhoneChange): void {
    if (change.kind !== 'call') return;
    const { call, previous } = change;
    this.#update((stats) => callChanged(stats, call, previous));
    const answeredCallEnded = call.state === 'ended' && previous?.state === 'active';
    const otherAnswered = this.#host.calls.some((c) => c.callId !== call.callId && c.state === 'active');
    if (answeredCallEnded && !otherAnswered && this.#host.settings.afterCallWork.enabled) this.#start(call);
    this.#busy();
  }

  /** The agent picked a disposition in the panel. */
  chooseDisposition(code: string): void {
    this.#acw.choose(code);
    this.#host.changed();
  }

  /** The agent chose the state that follows the wrap-up. */
  chooseNext(next: NextState): void {
    this.#acw.chooseNext(next);
    this.#host.changed();
  }

  /**
   * The agent typing notes, in the wrap-up panel or during the call (`callId`): kept (a reload
   * keeps them) without telling the host each keystroke; the host hears of them when they are
   * saved or the wrap-up ends.
   */
  draftNotes(notes: string, callId?: string): void {
    const open = this.#acw.current;
    const target = callId ?? open?.callId;
    if (!target || (target !== open?.callId && !this.#host.calls.some((c) => c.callId === target))) return;
    this.#acw.setNotes(target, notes);
    if (target === open?.callId) this.#host.changed();
  }

  /** The notes of a call: typed during it, or in its wrap-up. */
  notesOf(callId: string): string {
    return this.#acw.notesOf(callId);
  }

  /**
   * Saves notes for `callId`, else the call the agent is on, else the call being wrapped up;
   * tells the host (`OnCallNotesSubmitted`).
   */
  saveNotes(notes: string, callId?: string): { callId: string; notes: string } {
    const live = this.#host.calls.map((c) => c.callId);
    const wrapping = this.#acw.current?.callId;
    const target = callId ?? this.#host.currentCallId() ?? wrapping;
    if (!target) throw new PhoneError({ code: ErrorCode.NotAllowedNow, message: 'there is no call to write notes for' });
    if (!live.includes(target) && target !== wrapping) throw new PhoneError({ code: ErrorCode.NoSuchCall, message: `no call ${target} is up or being wrapped up` });
    this.#acw.setNotes(target, notes);
    this.#host.emit('OnCallNotesSubmitted', { callId: target, notes });
    this.#host.changed();
    return { callId: target, notes };
  }

  /** Ends the wrap-up with what was submitted (fields left out keep the panel's); refused submissions change nothing. */
  submit(data: SubmitAfterCallWork, by: Actor): AfterCallWorkInfo {
    const finished = this.#acw.check(data);
    if (data.nextState) this.#acw.chooseNext({ state: data.nextState, reason: data.reason ?? '' });
    this.#finish(finished, by);
    return finished;
  }

  /** The Tegsoft agent block for `status`. */
  agentStatus(agent: AgentProfile, registered: boolean, sipDomain: string, autoAnswerActive: boolean): AgentStatus {
    const now = this.#host.clock.now();
    const state = this.#state.snapshot;
    const { afterCallWork } = this.#host.settings;
    return agentStatus({
      agent,
      registered,
      state,
      stats: this.#stats.record,
      calls: this.#host.calls,
      now,
      today: this.#stats.today(now, state),
      sipDomain,
      requireDisposition: afterCallWork.enabled && afterCallWork.requireDisposition,
      autoAnswerActive,
    });
  }

  #start(call: CallInfo): void {
    const open = this.#acw.current;
    if (open) this.#finish(open, 'agent', false);
    const before = this.#state.snapshot;
    const next: NextState = before.state === 'not_ready' || before.state === 'dnd' ? { state: before.state, reason: before.reason } : open ? this.#acw.next : { state: 'ready', reason: '' };
    const { afterCallWork, dispositionCodes } = this.#host.settings;
    const info = this.#acw.start(call, { ...afterCallWork, codes: dispositionCodes }, this.#host.clock.now(), next);
    this.#enter('after_call_work', '');
    this.#host.emit('OnAfterCallWorkStarted', { afterCallWork: info });
    this.#arm();
  }

  /** Ends `finished`: notes saved, the host told, and (unless another wrap-up follows) the next state entered. */
  #finish(finished: AfterCallWorkInfo, by: AfterCallWorkEndedBy, thenNext = true): void {
    const next = this.#acw.next;
    this.#acw.finish(finished);
    this.#disarm();
    const { callId, disposition, notes } = finished;
    if (notes) this.#host.emit('OnCallNotesSubmitted', { callId, notes });
    this.#host.emit('OnAfterCallWorkEnded', { callId, disposition, notes, endedBy: by });
    if (thenNext) this.#enter(next.state, next.reason);
    this.#busy();
    this.#host.changed();
  }

  #enter(state: AgentStateSnapshot['state'], reason: string): AgentStateSnapshot {
    const now = this.#host.clock.now();
    const { previous, current } = this.#state.set(state, reason);
    if (current !== previous) {
      this.#update((stats) => stateLeft(stats, previous, now));
      this.#host.emit('OnAgentStateChanged', { state: current.state, reason: current.reason, since: current.since });
    }
    // As before the workflow: each ready / not-ready request is answered with its event.
    if (current.ready) this.#host.emit('OnReady', { ready: true });
    else this.#host.emit('OnNotready', { ready: false, reason: current.state === 'not_ready' ? current.reason : current.state === 'dnd' ? 'DND' : 'ACW' });
    this.#busy();
    this.#host.changed();
    return current;
  }

  #busy(): void {
    const busy = this.#host.calls.some((c) => c.state !== 'ended') || this.#state.snapshot.state === 'after_call_work';
    this.#update((stats) => busyAt(stats, busy, this.#host.clock.now()));
  }

  #update(change: Parameters<AgentStatistics['update']>[0]): void {
    this.#stats.update(change, this.#host.clock.now(), this.#state.snapshot);
  }

  /** Ticks on the one clock while a wrap-up with a deadline is open, to end it on time. */
  #arm(): void {
    this.#disarm();
    const open = this.#acw.current;
    if (!open || !open.deadline || this.#acw.overdue) return;
    this.#stopTick = this.#host.clock.tick(1000, () => this.#checkDeadline());
    this.#checkDeadline();
  }

  #disarm(): void {
    this.#stopTick?.();
    this.#stopTick = null;
  }

  #checkDeadline(): void {
    const open = this.#acw.current;
    if (!open || !open.deadline || this.#host.clock.now() < open.deadline) return;
    if (open.requireDisposition && !open.disposition) {
      this.#disarm();
      this.#acw.markOverdue();
      this.#host.changed();
      return;
    }
    this.#finish(open, 'timeout');
  }
}

/**
 * The name of a login, the same across page reloads and session renewals: the server-side
 * session id (`sid`) in the renew token. Only a storage key, so the token is read, not
 * verified. A token without one names only itself: a reload then starts a fresh login.
 */
export function loginIdOf(renewToken: string): string {
  try {
    const payload = JSON.parse(atob((renewToken.split('.')[1] ?? '').replace(/-/g, '+').replace(/_/g, '/'))) as { sid?: unknown };
    if (typeof payload.sid === 'string' && payload.sid.length <= 128) return payload.sid;
  } catch {
    // Not a JWT: fall through.
  }
  return renewToken.slice(-64);
}
