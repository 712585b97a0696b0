import type { AfterCallWorkInfo, AgentProfile, AgentStatus, CallInfo, ChosenAgentState, EventDataMap, EventName, SubmitAfterCallWork } from '../../src/protocol/index.js';
import { ErrorCode } from '../../src/protocol/index.js';
import type { AfterCallWorkRules, NextState } from './after-call-work.js';
import type { LoginStatistics } from './agent-statistics.js';
import { AgentState, type AgentStateSnapshot } from './agent-state.js';
import type { Clock } from './clock.js';
import { PhoneError, type PhoneChange } from './phone-types.js';
import type { PhoneSettings } from './session-client.js';
import { LazyPart, mapLoaded } from './lazy-part.js';
import type { WrapUp } from './wrap-up.js';
import { lazyParts, savedAfterCallWork, type Statistics, type StatisticsModule, type WorkflowParts } from './workflow-parts.js';

export type { WorkflowParts } from './workflow-parts.js';

const afterReady: NextState = Object.freeze({ state: 'ready', reason: '' });

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
 *
 * After-call work and the statistics load on first need (`WorkflowParts`): after-call work
 * when a call is answered (or at login when a wrap-up or notes were saved before a reload),
 * the statistics at login without holding it up. The agent state is always here and always
 * current, so screening inbound calls never waits; what a lazy part must do before it is
 * there (a wrap-up to start, a call to count) waits in order and is done once it loads.
 */
export class AgentWorkflow {
  readonly #host: WorkflowHost;
  readonly #state: AgentState;
  readonly #session: Storage | null;
  readonly #acw: LazyPart<WrapUp>;
  readonly #stats: LazyPart<Statistics>;
  #userId = '';
  /** After-call work's code failed to load (it is tried again when next needed). */
  #wrapUpUnavailable = false;

  constructor(host: WorkflowHost, storage: { session: Storage | null; local: Storage | null }, parts: WorkflowParts = lazyParts) {
    this.#host = host;
    this.#session = storage.session;
    this.#state = new AgentState(host.clock, storage.session);
    const port = { host, enter: (state: AgentStateSnapshot['state'], reason: string) => void this.#enter(state, reason), busy: () => this.#busy() };
    this.#acw = new LazyPart(() => mapLoaded(parts.afterCallWork(), (m) => new m.WrapUp(port, storage.session)));
    this.#stats = new LazyPart(() => mapLoaded(parts.statistics(), (module) => ({ module, stats: new module.AgentStatistics(storage.session, storage.local) })));
  }

  get state(): AgentStateSnapshot {
    return this.#state.snapshot;
  }

  /** The wrap-up open now (null while after-call work is still loading: the agent state says after-call work already). */
  get afterCallWork(): AfterCallWorkInfo | null {
    return this.#acw.value?.current ?? null;
  }

  /** Whether the wrap-up time ran out while a required disposition is missing. */
  get overdue(): boolean {
    return this.#acw.value?.overdue ?? false;
  }

  /** The state after the wrap-up. */
  get next(): NextState {
    return this.#acw.value?.next ?? afterReady;
  }

  /**
   * Resolves once after-call work is loaded and has done what waited for it, if anything
   * needs it (`load`: always); a host action that reads or ends a wrap-up awaits this first.
   */
  async settled(load = false): Promise<void> {
    if (!(load || this.#acw.value || this.#acw.waiting || this.#state.snapshot.state === 'after_call_work')) return;
    try {
      await this.#acw.load();
    } catch (error) {
      this.#wrapUpUnavailable = true;
      throw error;
    }
  }

  /** A login (`login` names it, the same across reloads): its state, wrap-up and statistics from before a reload, else fresh. */
  begin(userId: string, login: string): void {
    const now = this.#host.clock.now();
    this.#userId = userId;
    this.#state.begin(userId, login);
    // Loads without holding up the login; what happens meanwhile is counted once it is there.
    this.#stats.run(({ stats }) => stats.begin(userId, login, now));
    // A wrap-up that was open before the reload is after-call work again, whatever was saved:
    // at once, so calls are screened by it while after-call work loads.
    const saved = savedAfterCallWork(this.#session, userId, login);
    const before = this.#state.snapshot;
    if (saved?.open && before.state !== 'after_call_work') this.#state.set('after_call_work');
    // After-call work waits for its first need unless something was saved: then it loads now.
    this.#acw.run((acw) => {
      acw.begin(userId, login);
      const state = this.#state.snapshot.state;
      if (acw.current && state !== 'after_call_work') this.#state.set('after_call_work');
      // What was saved could not be believed: no wrap-up, the state as it was.
      else if (!acw.current && saved?.open && state === 'after_call_work' && before.state !== 'after_call_work') this.#state.set(before.state, before.reason);
      acw.arm();
    }, saved !== null);
  }

  /** Logged out: an open wrap-up ends as it stands, so the host keeps the notes; then all is forgotten. */
  end(): void {
    if (this.#acw.value) {
      this.#acw.run((acw) => acw.end());
    } else {
      // Never loaded in this login (or it could not load): nothing to end but what a reload kept.
      this.#acw.drop();
      try {
        if (this.#userId) this.#session?.removeItem(`ringside.after-call-work.${this.#userId}`);
      } catch {
        // Blocked storage: nothing was kept either.
      }
    }
    const now = this.#host.clock.now();
    const state = this.#state.snapshot;
    this.#stats.run(({ stats }) => stats.end(now, state));
    this.#state.end();
    this.#userId = '';
  }

  /**
   * The agent or host chose a state. During after-call work this ends the wrap-up first (so a
   * required disposition must be there) and the chosen state follows it.
   */
  setState(state: ChosenAgentState, reason: string, by: Actor): AgentStateSnapshot {
    if (!this.#acw.value && this.#state.snapshot.state === 'after_call_work') {
      // After-call work's code could not be loaded (offline, or a redeploy removed the file):
      // there is no wrap-up to end, so the choice applies now rather than never.
      if (this.#wrapUpUnavailable) return this.#enter(state, reason);
      // The wrap-up is still loading: the choice ends the wrap-up once it is there; refused (a
      // required disposition), the panel then asks for it. If it cannot load, the choice applies.
      this.#acw.run(() => {
        try {
          this.setState(state, reason, by);
        } catch (error) {
          if (!(error instanceof PhoneError)) throw error;
        }
      });
      this.#acw.load().catch(() => {
        this.#wrapUpUnavailable = true;
        if (!this.#acw.value && this.#state.snapshot.state === 'after_call_work') this.#enter(state, reason);
      });
      return this.#state.snapshot;
    }
    if (this.#acw.value?.current) {
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
    this.#update((m, stats) => m.callChanged(stats, call, previous));
    // An answered call is the first need of after-call work: it is there when the call ends.
    if (call.state === 'active' && previous?.state !== 'active') this.#acw.load().catch(() => undefined);
    const answeredCallEnded = call.state === 'ended' && previous?.state === 'active';
    const otherAnswered = this.#host.calls.some((c) => c.callId !== call.callId && c.state === 'active');
    if (answeredCallEnded && !otherAnswered && this.#host.settings.afterCallWork.enabled) this.#start(call);
    this.#busy();
  }

  /** The agent picked a disposition in the panel. */
  chooseDisposition(code: string): void {
    this.#acw.run((acw) => acw.choose(code));
  }

  /** The agent chose the state that follows the wrap-up. */
  chooseNext(next: NextState): void {
    this.#acw.run((acw) => acw.chooseNext(next));
  }

  /**
   * The agent typing notes, in the wrap-up panel or during the call (`callId`): kept (a reload
   * keeps them) without telling the host each keystroke; the host hears of them when they are
   * saved or the wrap-up ends.
   */
  draftNotes(notes: string, callId?: string): void {
    // Checked against the calls as they are now, kept once after-call work is there.
    const live = callId !== undefined && this.#host.calls.some((c) => c.callId === callId);
    this.#acw.run((acw) => acw.draftNotes(notes, callId, live));
  }

  /** The notes of a call: typed during it, or in its wrap-up (none before after-call work loaded: nothing could be kept). */
  notesOf(callId: string): string {
    return this.#acw.value?.notesOf(callId) ?? '';
  }

  /**
   * Saves notes for `callId`, else the call the agent is on, else the call being wrapped up;
   * tells the host (`OnCallNotesSubmitted`).
   */
  async saveNotes(notes: string, callId?: string): Promise<{ callId: string; notes: string }> {
    return (await this.#acw.load()).saveNotes(notes, callId);
  }

  /**
   * Ends the wrap-up with what was submitted (fields left out keep the panel's); refused
   * submissions change nothing. Needs after-call work loaded (`settled` first): without it no
   * wrap-up is open (`no_after_call_work`).
   */
  submit(data: SubmitAfterCallWork, by: Actor): AfterCallWorkInfo {
    const acw = this.#acw.value;
    if (!acw) throw new PhoneError({ code: ErrorCode.NoAfterCallWork, message: 'no call is being wrapped up' });
    return acw.submit(data, by);
  }

  /**
   * The Tegsoft agent block for `status`, as things stand now: asked before the statistics
   * loaded, it waits for them and for what they had to count, never guessing.
   */
  /** Resolves once the statistics are loaded and have counted everything that waited for them. */
  async statisticsLoaded(): Promise<void> {
    await this.#stats.load();
  }

  agentStatus(agent: AgentProfile, registered: boolean, sipDomain: string, autoAnswerActive: boolean): Promise<AgentStatus> {
    const now = this.#host.clock.now();
    const state = this.#state.snapshot;
    const calls = this.#host.calls;
    const { afterCallWork } = this.#host.settings;
    const requireDisposition = afterCallWork.enabled && afterCallWork.requireDisposition;
    return new Promise((resolve, reject) => {
      this.#stats.run(({ module, stats }) => {
        try {
          resolve(module.agentStatus({ agent, registered, state, stats: stats.record, calls, now, today: stats.today(now, state), sipDomain, requireDisposition, autoAnswerActive }));
        } catch (error) {
          reject(error);
        }
      }, false);
      this.#stats.load().catch(reject);
    });
  }

  #start(call: CallInfo): void {
    const before = this.#state.snapshot;
    const { afterCallWork, dispositionCodes } = this.#host.settings;
    const rules: AfterCallWorkRules = { ...afterCallWork, codes: dispositionCodes };
    const now = this.#host.clock.now();
    const acw = this.#acw.value;
    if (acw && !this.#acw.waiting) {
      acw.open(call, rules, now, before, true);
      return;
    }
    // Still loading: after-call work as of now (the next inbound call is screened by it), the
    // wrap-up itself, as of the hang-up, once the part is there.
    this.#enter('after_call_work', '');
    this.#acw.run((loaded) => loaded.open(call, rules, now, before, false));
  }

  #enter(state: AgentStateSnapshot['state'], reason: string): AgentStateSnapshot {
    const now = this.#host.clock.now();
    const { previous, current } = this.#state.set(state, reason);
    if (current !== previous) {
      this.#update((m, stats) => m.stateLeft(stats, previous, now));
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
    const now = this.#host.clock.now();
    this.#update((m, stats) => m.busyAt(stats, busy, now));
  }

  /** A change to the statistics, with the time and state of now (counted in order once they are loaded). */
  #update(change: (module: StatisticsModule, stats: LoginStatistics) => LoginStatistics): void {
    const now = this.#host.clock.now();
    const state = this.#state.snapshot;
    this.#stats.run(({ module, stats }) => stats.update((record) => change(module, record), now, state), false);
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
