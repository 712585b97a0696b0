import { agentStateNames, type AgentStateInfo, type AgentStateName } from '../../src/protocol/index.js';
import type { Clock } from './clock.js';
import { forgetStored, readStored, writeStored } from './stored.js';

/**
 * The agent's state as the phone knows it: ready, not ready with a reason code, after-call
 * work or do-not-disturb, and since when. The one writer of that state; the screen,
 * `queryStatus`, the statistics and the host events read it here. Kept in the widget's
 * sessionStorage per agent and login, so a page reload keeps the state and its start time
 * while a new login starts ready.
 */
export interface AgentStateSnapshot extends AgentStateInfo {
  /** Derived: `state === 'ready'`, for readers that only ask whether calls may ring. */
  ready: boolean;
}

interface Saved extends AgentStateInfo {
  login: string;
}

const MAX_REASON = 64;

function snapshotOf(state: AgentStateName, reason: string, since: number): AgentStateSnapshot {
  return Object.freeze({ state, reason: state === 'not_ready' ? reason : '', since, ready: state === 'ready' });
}

const isSaved = (value: unknown): value is Saved => {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    agentStateNames.includes(record.state as AgentStateName) &&
    typeof record.reason === 'string' &&
    record.reason.length <= MAX_REASON &&
    typeof record.since === 'number' &&
    Number.isFinite(record.since) &&
    typeof record.login === 'string'
  );
};

export class AgentState {
  readonly #clock: Clock;
  readonly #storage: Storage | null;
  #key = '';
  #login = '';
  #state: AgentStateSnapshot;

  constructor(clock: Clock, storage: Storage | null) {
    this.#clock = clock;
    this.#storage = storage;
    this.#state = snapshotOf('ready', '', clock.now());
  }

  get snapshot(): AgentStateSnapshot {
    return this.#state;
  }

  /**
   * A login of `userId`: its state from before a reload of the same login (`login` names it),
   * else ready from now. A saved state from another login, or one that cannot be believed
   * (wrong shape, a start in the future), is dropped.
   */
  begin(userId: string, login: string): void {
    this.#key = `ringside.agent-state.${userId}`;
    this.#login = login;
    const saved = readStored(this.#storage, this.#key);
    const now = this.#clock.now();
    this.#state = isSaved(saved) && saved.login === login && saved.since <= now ? snapshotOf(saved.state, saved.reason, saved.since) : snapshotOf('ready', '', now);
    this.#save();
  }

  /** Logged out: the state is forgotten. */
  end(): void {
    if (this.#key) forgetStored(this.#storage, this.#key);
    this.#key = '';
    this.#login = '';
    this.#state = snapshotOf('ready', '', this.#clock.now());
  }

  /**
   * Sets the state; a not-ready state without a reason is `NOT_READY`. The time in state
   * restarts only when the state or the reason changes. Returns the state before and after.
   */
  set(state: AgentStateName, reason = ''): { previous: AgentStateSnapshot; current: AgentStateSnapshot } {
    const previous = this.#state;
    const next = state === 'not_ready' ? reason || 'NOT_READY' : '';
    if (previous.state !== state || previous.reason !== next) this.#state = snapshotOf(state, next, this.#clock.now());
    this.#save();
    return { previous, current: this.#state };
  }

  #save(): void {
    if (!this.#key) return;
    const { state, reason, since } = this.#state;
    writeStored(this.#storage, this.#key, { state, reason, since, login: this.#login } satisfies Saved);
  }
}
