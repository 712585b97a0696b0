import { systime, type KeyValues, type TriggerKey } from '../protocol/triggers/keys.js';
import type { Trigger, TriggerEventName } from '../protocol/triggers/validate.js';

/**
 * From protocol events to trigger events and key values. One `TriggerContext` per element reads
 * every event the widget sends, in order: what it says about the session (the agent, their
 * state, a call's notes) is kept, and each event becomes an `Occurrence`: the trigger event
 * names it is (`inbound.received` and `acd.received` for a queue call, and always its own
 * protocol name) and the values of its keys. Payloads are read without trusting their shape:
 * a widget newer or older than this SDK may send more or less.
 */

/** The call of an event, as far as triggers read it (see CallInfo). */
export interface TriggerCall {
  callId: string;
  direction: 'inbound' | 'outbound' | '';
  remoteNumber: string;
  remoteName: string;
  queue: string;
  did: string;
  duration: number;
  variables: Record<string, string>;
}

export interface Occurrence {
  /** The protocol event's name. */
  protocolName: string;
  /** Every trigger event this is: stable names first, then the protocol name. */
  names: string[];
  call: TriggerCall | null;
  /** Key values without EVENT and EVENTID, which each firing sets. */
  keys: Omit<Record<TriggerKey, string>, 'EVENT' | 'EVENTID'>;
  vars: Record<string, string>;
  /** What makes the same call event seen in two tabs recognisable (event, agent, direction and number; the moment is compared apart). */
  fingerprint: string;
  at: number;
}

type Data = Record<string, unknown>;
const isRecord = (value: unknown): value is Data => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'number' && Number.isFinite(value) ? String(value) : '');

/** The stable names of an inbound call event (and their ACD twins for a queue call). */
const INBOUND: Record<string, 'received' | 'accepted' | 'hangup' | 'missed'> = {
  OnIncomingCallRinging: 'received',
  OnIncomingCallAnswered: 'accepted',
  OnIncomingCallHangup: 'hangup',
  OnAgentRingNoAnswer: 'missed',
};
const OUTBOUND: Record<string, TriggerEventName> = { OnOutgoingCallAnswered: 'outbound.connected', OnOutgoingCallHangup: 'outbound.hangup' };
const TRANSFERS = new Set(['OnBlindTransferCompleted', 'OnAttendedTransferCompleted']);
const STATUS_EVENTS = new Set(['OnAgentStateChanged', 'OnReady', 'OnNotready']);

/** The call an event carries, if it carries one with an id. */
export function triggerCallOf(data: unknown): TriggerCall | null {
  const call = isRecord(data) ? data.call : undefined;
  if (!isRecord(call) || typeof call.callId !== 'string') return null;
  const variables: Record<string, string> = {};
  if (isRecord(call.variables)) for (const [name, value] of Object.entries(call.variables)) if (typeof value === 'string') variables[name] = value;
  return {
    callId: call.callId,
    direction: call.direction === 'inbound' || call.direction === 'outbound' ? call.direction : '',
    remoteNumber: text(call.remoteNumber),
    remoteName: text(call.remoteName),
    queue: text(call.queue),
    did: text(call.did),
    duration: typeof call.duration === 'number' && Number.isFinite(call.duration) ? Math.max(0, Math.floor(call.duration)) : 0,
    variables,
  };
}

/**
 * The queue wait in seconds, from the queue's `X-Queue-Wait` (only the network may set it: the
 * PBX strips phones' copies; other spellings would be a caller's claim); `''` when none came.
 */
function queueWait(variables: Record<string, string>): string {
  for (const [name, value] of Object.entries(variables)) {
    if (/^queue-wait$/i.test(name) && /^\d{1,7}$/.test(value.trim())) return value.trim();
  }
  return '';
}

export class TriggerContext {
  #agent = { userId: '', extension: '', displayName: '' };
  #state = { state: '', reason: '' };
  /** The last agent state a `status` trigger event was for: OnReady and OnAgentStateChanged tell the same change. */
  #statusFired = '';
  /** Disposition and notes per call, as the phone last reported them. */
  readonly #wrapUp = new Map<string, { disposition: string; notes: string }>();

  /** The agent the events are about, as far as they have said (`''` before). */
  get userId(): string {
    return this.#agent.userId;
  }

  /** Reads one protocol event; `at` is when it arrived (ms since the epoch). */
  read(name: string, data: unknown, at: number): Occurrence {
    this.#learn(name, data);
    const call = triggerCallOf(data);
    const names = this.#namesOf(name, data, call);
    // The protocol's own `status` (a snapshot after each handshake) is not the stable `status` (a change).
    if (name !== 'status') names.push(name);
    const record = isRecord(data) ? data : {};
    const wrapUp = call ? this.#wrapUp.get(call.callId) : typeof record.callId === 'string' ? this.#wrapUp.get(record.callId) : undefined;
    const transfer = isRecord(record.request) ? text(record.request.target) : text(record.target);
    const keys: Occurrence['keys'] = {
      CALLERID: call?.remoteNumber ?? '',
      CALLERNAME: call?.remoteName ?? '',
      SYSTIME: systime(at),
      USERID: this.#agent.userId,
      USEREXT: this.#agent.extension,
      DISPLAYNAME: this.#agent.displayName,
      DNDSTATUS: this.#state.state === 'dnd' ? 'on' : 'off',
      TRANSFERID: transfer,
      DID: call?.did ?? '',
      QUEUENAME: call?.queue ?? '',
      QUEUEWAIT: call ? queueWait(call.variables) : '',
      CALLID: call?.callId ?? text(record.callId),
      DIRECTION: call?.direction ?? '',
      DURATION: call ? String(call.duration) : '',
      DISPOSITION: wrapUp?.disposition ?? '',
      NOTES: wrapUp?.notes ?? '',
      AGENTSTATE: this.#state.state,
    };
    const fingerprint = [name, this.#agent.userId, call ? `${call.direction}:${call.remoteNumber}` : ''].join('|');
    return { protocolName: name, names, call, keys, vars: call?.variables ?? {}, fingerprint, at };
  }

  /** What the event says about the session, kept for the events after it. */
  #learn(name: string, data: unknown): void {
    if (!isRecord(data)) return;
    if (name === 'OnLogin' && isRecord(data.agent)) {
      this.#agent = { userId: text(data.agent.userId), extension: text(data.agent.extension), displayName: text(data.agent.displayName) };
    } else if (name === 'status' && isRecord(data.agent)) {
      const agent = data.agent;
      this.#agent = { userId: text(agent.USERCODE) || this.#agent.userId, extension: text(agent.EXTEN) || this.#agent.extension, displayName: text(agent.DISPLAYNAME) || this.#agent.displayName };
      const state = text(agent.agentState) || (agent.ready === true ? 'ready' : agent.ready === false ? 'not_ready' : '');
      if (state) this.#state = { state, reason: state === 'not_ready' ? text(agent.notReadyReason) : '' };
      // A snapshot, not a change: the next change is measured from it.
      this.#statusFired = `${this.#state.state}:${this.#state.reason}`;
    } else if (name === 'OnAgentStateChanged') {
      this.#state = { state: text(data.state), reason: text(data.reason) };
    } else if (name === 'OnReady') {
      this.#state = { state: 'ready', reason: '' };
    } else if (name === 'OnNotready') {
      this.#state = { state: 'not_ready', reason: text(data.reason) };
    } else if (name === 'OnLogout') {
      this.#state = { state: '', reason: '' };
    } else if ((name === 'OnAfterCallWorkEnded' || name === 'OnCallNotesSubmitted') && typeof data.callId === 'string') {
      const before = this.#wrapUp.get(data.callId) ?? { disposition: '', notes: '' };
      this.#wrapUp.set(data.callId, { disposition: typeof data.disposition === 'string' ? data.disposition : before.disposition, notes: typeof data.notes === 'string' ? data.notes : before.notes });
      // Bounded: wrap-ups of calls long gone are not needed.
      if (this.#wrapUp.size > 50) this.#wrapUp.delete(this.#wrapUp.keys().next().value!);
    } else if (typeof data.UID === 'string' && data.UID && !this.#agent.userId) {
      this.#agent = { userId: data.UID, extension: text(data.EXTEN), displayName: this.#agent.displayName };
    }
  }

  #namesOf(name: string, data: unknown, call: TriggerCall | null): string[] {
    const inbound = INBOUND[name];
    if (inbound) return call?.queue ? [`inbound.${inbound}`, `acd.${inbound}`] : [`inbound.${inbound}`];
    const outbound = OUTBOUND[name];
    if (outbound) return [outbound];
    if (TRANSFERS.has(name) && call?.direction) return [`${call.direction}.transfer`];
    if (name === 'OnLogin') return ['login'];
    if (name === 'OnLogout') return ['logout'];
    if (STATUS_EVENTS.has(name) && isRecord(data)) {
      const now = `${this.#state.state}:${this.#state.reason}`;
      if (now === this.#statusFired) return [];
      this.#statusFired = now;
      return ['status'];
    }
    return [];
  }
}

/** Whether a trigger's conditions hold for an occurrence. A call condition never holds without a call. */
export function conditionsHold(when: Trigger['when'], occurrence: Occurrence): boolean {
  const call = occurrence.call;
  const conditions = Object.keys(when).length;
  if (conditions === 0) return true;
  if (!call) return false;
  if (when.direction && call.direction !== when.direction) return false;
  if (when.acd !== undefined && Boolean(call.queue) !== when.acd) return false;
  if (when.queue && !when.queue.includes(call.queue)) return false;
  if (when.did && !when.did.includes(call.did)) return false;
  if (when.numberPrefix && !when.numberPrefix.some((prefix) => call.remoteNumber.startsWith(prefix))) return false;
  return true;
}

/** A random id (UUID v4 form) for one firing; crypto.getRandomValues works on http pages too. */
export function newEventId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The values of one trigger's firing for an occurrence. */
export function valuesOf(occurrence: Occurrence, event: string, eventId: string): KeyValues {
  return { keys: { ...occurrence.keys, EVENT: event, EVENTID: eventId }, vars: occurrence.vars };
}
