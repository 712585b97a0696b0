/**
 * A widget core for the desk services' tests: calls, the agent and preferences set by the test,
 * commands recorded and applied to the calls the way the phone would report them. Test
 * support only; no library code imports it.
 */
import type { AgentProfile, CallInfo, EventDataMap, EventName, PhonePrefs } from '../../src/protocol/index.js';
import type { Timers } from './auto-answer.js';
import type { DeskCore } from './desk-core.js';
import type { DeviceChoice } from './phone-types.js';
import type { ToneOutput } from './ringer.js';

export function call(callId: string, patch: Partial<CallInfo> = {}): CallInfo {
  return {
    callId,
    direction: 'inbound',
    remoteNumber: '2002',
    remoteName: 'Caller',
    identity: 'asserted',
    state: 'ringing',
    muted: false,
    held: false,
    startedAt: '2026-11-29T09:00:00.000Z',
    answeredAt: null,
    endedAt: null,
    duration: 0,
    ...patch,
  };
}

export const agent: AgentProfile = { userId: 'u1', extension: '1001', displayName: 'Ada' };

type Snapshot = ReturnType<DeskCore['snapshot']>;

export class FakeDeskCore implements DeskCore {
  prefs: PhonePrefs = {};
  settings = { allowAutoAnswer: true };
  tenantId: string | null = null;
  /** Host events, in order. */
  readonly emitted: { name: EventName; data: unknown }[] = [];
  /** `setDevices` calls, in order. */
  readonly devices: DeviceChoice[] = [];
  /** Commands as `answer c1`, `hang-up c1`, `mute c1 true`, `hold c1`, `unhold c1`. */
  readonly commands: string[] = [];
  readonly #listeners = new Set<() => void>();
  #snapshot: Snapshot = { agent: null, agentState: { state: 'ready', ready: true, reason: '', since: 0 }, calls: [] };

  readonly phone = { setDevices: (choice: DeviceChoice) => void this.devices.push(choice) };

  readonly lines: DeskCore['lines'];

  constructor() {
    // The getter below needs the core, not the lines object it sits on.
    const core = this;
    this.lines = {
      /** The same rule as `Lines.current`: answered and not held, else the newest call being placed. */
      get current(): CallInfo | undefined {
        const calls = core.#snapshot.calls;
        return calls.find((c) => c.state === 'active' && !c.held) ?? calls.findLast((c) => c.state === 'dialing' || c.state === 'early');
      },
      answer: (callId = '') => this.#command(`answer ${callId}`, callId, { state: 'active', answeredAt: '2026-11-29T09:00:05.000Z' }),
      hangUp: (callId = '') => this.#command(`hang-up ${callId}`, callId, { state: 'ended' }),
      setMuted: (muted: boolean, callId = '') => this.#command(`mute ${callId} ${muted}`, callId, { muted }),
      hold: (callId = '') => this.#command(`hold ${callId}`, callId, { held: true }),
      unhold: (callId = '') => this.#command(`unhold ${callId}`, callId, { held: false }),
    };
  }

  snapshot(): Snapshot {
    return this.#snapshot;
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  emit<N extends EventName>(name: N, data: EventDataMap[N]): void {
    this.emitted.push({ name, data });
  }

  /** Changes what the core shows and tells subscribers, as a phone change would. */
  set(patch: Partial<Snapshot>): void {
    this.#snapshot = { ...this.#snapshot, ...patch };
    for (const listener of [...this.#listeners]) listener();
  }

  setCalls(...calls: CallInfo[]): void {
    this.set({ calls });
  }

  get listeners(): number {
    return this.#listeners.size;
  }

  #command(name: string, callId: string, effect: Partial<CallInfo>): Promise<CallInfo> {
    this.commands.push(name);
    const calls = this.#snapshot.calls.map((c) => (c.callId === callId ? { ...c, ...effect } : c));
    this.setCalls(...calls);
    return Promise.resolve(calls.find((c) => c.callId === callId) ?? call(callId));
  }
}

/** Records what the agent would hear: each tone started (with its output) and each stop. */
export class ToneRecorder implements ToneOutput {
  readonly heard: string[] = [];
  ring(sinkId: string): Promise<void> {
    this.heard.push(`ring on '${sinkId}'`);
    return Promise.resolve();
  }
  callWaiting(sinkId: string): Promise<void> {
    this.heard.push(`call-waiting on '${sinkId}'`);
    return Promise.resolve();
  }
  stop(): Promise<void> {
    this.heard.push('stop');
    return Promise.resolve();
  }
}

/** Timers a test moves by hand. */
export class ManualTimers implements Timers {
  #now = 0;
  #next = 1;
  readonly #due = new Map<number, { at: number; callback: () => void }>();

  setTimeout(callback: () => void, ms: number): number {
    const id = this.#next++;
    this.#due.set(id, { at: this.#now + ms, callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.#due.delete(handle as number);
  }

  /** Timers waiting to fire. */
  get armed(): number {
    return this.#due.size;
  }

  advance(ms: number): void {
    this.#now += ms;
    for (const [id, timer] of [...this.#due].sort((a, b) => a[1].at - b[1].at)) {
      if (timer.at > this.#now || !this.#due.has(id)) continue;
      this.#due.delete(id);
      timer.callback();
    }
  }
}
