import type { CallInfo } from '../../src/protocol/index.js';
import type { AgentSettings } from './agent-settings.js';
import type { DeskCore } from './desk-core.js';
import { autoAnswerPolicy, type AutoAnswerPolicy } from './desk-policy.js';
import type { Logger } from './logger.js';

export { autoAnswerPolicy, type AutoAnswerPolicy };

/** One-shot timers; tests pass their own to move time by hand. */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const browserTimers: Timers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * The call auto-answer would pick up: an inbound ringing call while no other call is up
 * (answered, held or being dialled), and only while the agent is ready: a not-ready agent may
 * be away from the desk, and a caller answered by an empty chair is worse than a missed call.
 */
export function autoAnswerCandidate(calls: readonly CallInfo[], ready: boolean): CallInfo | undefined {
  if (!ready || calls.some((call) => call.state !== 'ringing' && call.state !== 'ended')) return undefined;
  return calls.find((call) => call.direction === 'inbound' && call.state === 'ringing');
}

type AutoAnswerCore = Pick<DeskCore, 'snapshot' | 'subscribe' | 'prefs' | 'settings' | 'lines'>;

/**
 * Answers an inbound call by itself after the delay, through `lines.answer` like the Answer
 * button. A timer runs only while a candidate call rings; it is cancelled when the call stops
 * ringing, another call comes up, the agent goes not ready or auto-answer is turned off. A
 * second call during a call is never answered by itself (that would put the first on hold).
 */
export class AutoAnswer {
  readonly #core: AutoAnswerCore;
  readonly #settings: Pick<AgentSettings, 'value' | 'subscribe'>;
  readonly #timers: Timers;
  readonly #log: Logger | undefined;
  #unsubscribe: (() => void)[] = [];
  #pending: { callId: string; handle: unknown } | null = null;
  /** The last call auto-answer answered: never tried twice, even if it still rings after a failure. */
  #answered: string | null = null;

  constructor(core: AutoAnswerCore, settings: Pick<AgentSettings, 'value' | 'subscribe'>, options: { timers?: Timers; log?: Logger } = {}) {
    this.#core = core;
    this.#settings = settings;
    this.#timers = options.timers ?? browserTimers;
    this.#log = options.log;
  }

  get policy(): AutoAnswerPolicy {
    return autoAnswerPolicy(this.#core.settings.allowAutoAnswer, this.#core.prefs.autoAnswer, this.#settings.value.autoAnswer);
  }

  /** The call about to be answered by itself, or null. */
  get pendingCallId(): string | null {
    return this.#pending?.callId ?? null;
  }

  start(): void {
    if (this.#unsubscribe.length) return;
    this.#unsubscribe = [this.#core.subscribe(() => this.#evaluate()), this.#settings.subscribe(() => this.#evaluate())];
    this.#evaluate();
  }

  stop(): void {
    for (const unsubscribe of this.#unsubscribe) unsubscribe();
    this.#unsubscribe = [];
    this.#cancel();
  }

  #candidate(): CallInfo | undefined {
    const { calls, agentState } = this.#core.snapshot();
    const call = autoAnswerCandidate(calls, agentState.ready);
    return call && call.callId !== this.#answered ? call : undefined;
  }

  #evaluate(): void {
    const policy = this.policy;
    const call = policy.enabled ? this.#candidate() : undefined;
    if (call && this.#pending?.callId === call.callId) return;
    this.#cancel();
    if (!call) return;
    const callId = call.callId;
    this.#pending = { callId, handle: this.#timers.setTimeout(() => this.#fire(callId), policy.delaySeconds * 1000) };
  }

  #fire(callId: string): void {
    this.#pending = null;
    // Checked again: a change the core has not reported yet must not be answered on a stale view.
    if (!this.policy.enabled || this.#candidate()?.callId !== callId) return;
    this.#answered = callId;
    this.#core.lines.answer(callId).catch((error: unknown) => this.#log?.warn(`auto-answer of ${callId} failed: ${error instanceof Error ? error.message : String(error)}`));
  }

  #cancel(): void {
    if (this.#pending) this.#timers.clearTimeout(this.#pending.handle);
    this.#pending = null;
  }
}
