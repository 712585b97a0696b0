import type { Clock } from './clock.js';

/**
 * The agent's state as the phone knows it: ready, or not ready with a reason code, and since
 * when. The one writer of that state; the screen, `queryStatus` and the host events read it
 * here. Kept in the widget's sessionStorage per agent, so a page reload within a login keeps
 * the state and its start time. Routing on it comes with the contact-center workflow.
 */
export interface AgentStateSnapshot {
  ready: boolean;
  /** The not-ready reason code ('' while ready). */
  reason: string;
  /** When the agent entered this state (ms since the epoch). */
  since: number;
}

const isSnapshot = (value: unknown): value is AgentStateSnapshot => {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record.ready === 'boolean' && typeof record.reason === 'string' && record.reason.length <= 64 && typeof record.since === 'number' && Number.isFinite(record.since);
};

export class AgentState {
  readonly #clock: Clock;
  readonly #storage: Storage | null;
  #key = '';
  #state: AgentStateSnapshot;

  constructor(clock: Clock, storage: Storage | null) {
    this.#clock = clock;
    this.#storage = storage;
    this.#state = { ready: true, reason: '', since: clock.now() };
  }

  get snapshot(): AgentStateSnapshot {
    return this.#state;
  }

  /** A login of `userId`: its state from before a reload, else ready from now. */
  begin(userId: string): void {
    this.#key = `ringside.agent-state.${userId}`;
    let saved: unknown = null;
    try {
      saved = JSON.parse(this.#storage?.getItem(this.#key) ?? 'null');
    } catch {
      saved = null;
    }
    this.#state = isSnapshot(saved) && saved.since <= this.#clock.now() ? saved : { ready: true, reason: '', since: this.#clock.now() };
    this.#save();
  }

  /** Logged out: the state is forgotten. */
  end(): void {
    if (this.#key) this.#storage?.removeItem(this.#key);
    this.#key = '';
    this.#state = { ready: true, reason: '', since: this.#clock.now() };
  }

  /** Sets the state; the time in state restarts only when the state or reason changes. */
  set(ready: boolean, reason = ''): AgentStateSnapshot {
    const next = ready ? '' : reason || 'NOT_READY';
    if (this.#state.ready !== ready || this.#state.reason !== next) this.#state = { ready, reason: next, since: this.#clock.now() };
    this.#save();
    return this.#state;
  }

  #save(): void {
    if (!this.#key) return;
    try {
      this.#storage?.setItem(this.#key, JSON.stringify(this.#state));
    } catch {
      // Storage full or blocked: the state still holds for this page.
    }
  }
}
