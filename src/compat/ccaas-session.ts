/**
 * One CCaaS wrapper library connected to one phone (see ccaas-wrapper.ts, which loads it): the
 * phone's events become the contract's calls, and the wrapper's callback event types become the
 * phone's actions. Every call into the wrapper is guarded and every refusal reported with a code.
 */
import type { AgentStateName, CallInfo, EventDataMap } from '../protocol/index.js';
import type { RingsidePhone } from '../element/ringside-phone.js';
import type { RingsideEvent } from '../element/events.js';
import type { Contract, ContractName, PresenceMap, WrapperErrorCode } from './ccaas-wrapper.js';

/** The callback's event types. */
const CALLBACK_TYPES = ['disposition', 'partner_config', 'get_presence', 'update_presence', 'start_call'] as const;

/** A disposition code as the phone takes it (`submitAfterCallWork`). */
const CODE = /^[A-Za-z0-9_.-]{1,32}$/;
const STATE = /^(ready|dnd|after_call_work|not_ready(?::[A-Za-z0-9 _.-]{1,64})?)$/;
const MAX_TEXT = 256;

interface Conversation {
  conversationId: string;
  call: CallInfo;
  /** Started by the wrapper's `start_call`: not an independent outbound call. */
  fromWrapper: boolean;
  notes: string;
  ended: boolean;
}

export type Report = (code: WrapperErrorCode, message: string, fn?: string, cause?: string) => void;

export class WrapperSession {
  readonly #phone: RingsidePhone;
  readonly #contract: Contract;
  readonly #presence: PresenceMap;
  readonly #report: Report;
  readonly #conversations = new Map<string, Conversation>();
  #partner = { partnerId: '', businessSegmentId: '', channelOriginId: '' };
  /** The last state told with statusChanged, so one change is told once. */
  #told = '';
  #state: { state: AgentStateName; reason: string } | null = null;
  #modernStates = false;
  /** Set while start_call's dial runs: the outbound call it starts is the wrapper's own. */
  #startingCall = false;
  /** The disposition codes the wrapper offered (`disposition`), to offer again after a reload of the phone. */
  #dispositions: string[] | null = null;
  readonly #codeToString = new Map<string, string>();

  constructor(phone: RingsidePhone, contract: Contract, presence: PresenceMap, report: Report) {
    this.#phone = phone;
    this.#contract = contract;
    this.#presence = presence;
    this.#report = report;
  }

  /**
   * The softphone "loads" when it can act: `load(callback)` is called once the phone is
   * registered, so what the wrapper asks at once (update_presence, start_call) can be done.
   */
  async begin(): Promise<void> {
    let loaded = false;
    const load = () => {
      if (loaded) return;
      loaded = true;
      this.#invoke('load', (eventType: unknown, payload?: unknown) => this.#onCallback(eventType, payload));
    };
    this.#phone.addEventListener('ringside-event', (event) => {
      if (event.name === 'OnRegistrationChanged' && (event.data as EventDataMap['OnRegistrationChanged']).state === 'registered') load();
      this.#onEvent(event);
    });
    const status = await this.#phone.queryStatus().catch(() => null);
    if (status?.registration === 'registered') load();
  }

  /** Calls a contract function; what it throws or rejects is reported, never passed on. */
  #invoke(name: ContractName, params: unknown): void {
    const fn = this.#contract[name];
    if (!fn) return;
    const failed = (error: unknown) => this.#report('wrapper_threw', `${name} failed: ${error instanceof Error ? error.message : String(error)}`, name);
    try {
      const returned = fn.call(window, params);
      if (returned && typeof (returned as Promise<unknown>).then === 'function') (returned as Promise<unknown>).then(undefined, failed);
    } catch (error) {
      failed(error);
    }
  }

  // ── phone → wrapper ─────────────────────────────────────────────────────────

  #onEvent(event: RingsideEvent): void {
    const name = event.name as string;
    const data = event.data as unknown as Record<string, unknown>;
    switch (name) {
      case 'OnLogin':
        // A reloaded phone has forgotten the wrapper's codes: offer them again.
        if (this.#dispositions) void this.#offerDispositions(this.#dispositions);
        return;
      case 'OnAgentStateChanged': {
        this.#modernStates = true;
        const { state, reason } = data as unknown as EventDataMap['OnAgentStateChanged'];
        this.#stateChanged(state, reason);
        return;
      }
      case 'OnReady':
      case 'OnNotready':
        if (!this.#modernStates) this.#stateChanged(name === 'OnReady' ? 'ready' : 'not_ready', typeof data.reason === 'string' ? data.reason : '');
        return;
      case 'OnAfterCallWorkEnded':
        this.#afterCallWorkEnded(data as unknown as EventDataMap['OnAfterCallWorkEnded']);
        return;
      case 'OnCallNotesSubmitted': {
        const { callId, notes } = data as unknown as EventDataMap['OnCallNotesSubmitted'];
        const conversation = this.#conversations.get(callId);
        if (conversation) conversation.notes = notes;
        return;
      }
    }
    const call = (data as { call?: CallInfo } | null)?.call;
    if (call && typeof call.callId === 'string') this.#onCall(name, call);
  }

  #conversation(call: CallInfo): Conversation {
    let conversation = this.#conversations.get(call.callId);
    if (!conversation) {
      // The queue's contact id (X-Contact-Id: only the network may set it). A caller's own
      // X-conversationId is not taken: it could name another customer's conversation.
      const fromNetwork = variable(call, 'Contact-Id');
      conversation = { conversationId: fromNetwork || crypto.randomUUID(), call, fromWrapper: this.#startingCall, notes: '', ended: false };
      this.#conversations.set(call.callId, conversation);
    }
    conversation.call = call;
    return conversation;
  }

  #ids(conversation: Conversation): { partnerId: string; conversationId: string } {
    return { partnerId: this.#partner.partnerId, conversationId: conversation.conversationId };
  }

  #onCall(name: string, call: CallInfo): void {
    // An ended call no conversation knows (one already told as ended) starts none.
    if (call.state === 'ended' && !this.#conversations.has(call.callId)) return;
    const conversation = this.#conversation(call);
    const ids = this.#ids(conversation);
    const language = variable(call, 'language') || 'en_US';
    switch (name) {
      case 'OnIncomingCallRinging':
        this.#invoke('incomingCall', { ...ids, callerANI: call.remoteNumber, language });
        break;
      case 'OnIncomingCallAnswered':
        this.#invoke('callAccepted', {
          ...ids,
          callerANI: call.remoteNumber,
          language,
          ivrExitPath: variable(call, 'ivrExitPath'),
          channelName: variable(call, 'channelName') || (call.queue ?? ''),
          reservationStartDate: variable(call, 'reservationStartDate'),
          specialEvent: variable(call, 'specialEvent'),
          escalationType: variable(call, 'escalationType'),
          // Ringside does not record calls, and an X-recordingStatus header is anyone's claim
          // (a caller may send it): never told to the wrapper as a fact.
          recordingStatus: 'OFF',
        });
        break;
      case 'OnAgentRingNoAnswer':
        conversation.ended = true;
        this.#invoke('callRejected', { ...ids, reason: call.endReason === 'rejected' ? 'active' : 'passive' });
        this.#conversations.delete(call.callId);
        break;
      case 'OnOutgoingCallInitialized':
        if (!conversation.fromWrapper) this.#invoke('outboundCallInitiated', { ...ids, dialledTo: call.remoteNumber });
        break;
      case 'OnIncomingCallHangup':
      case 'OnOutgoingCallHangup':
      case 'OnOutgoingCallCancelled':
        if (!conversation.ended) {
          conversation.ended = true;
          void this.#callEnded(conversation);
        }
        break;
    }
  }

  /**
   * A talked call ends with after-call work (when the tenant has it): callEnded waits for its
   * end, so it carries the disposition and notes the agent chose. Without after-call work it
   * goes at once, with the notes saved during the call.
   */
  async #callEnded(conversation: Conversation): Promise<void> {
    const { callId } = conversation.call;
    const wrapUp = await this.#phone.sendAction('getAfterCallWork').then(
      ({ afterCallWork }) => afterCallWork?.callId === callId,
      () => false,
    );
    if (!wrapUp) this.#sendCallEnded(conversation, '', conversation.notes);
  }

  #afterCallWorkEnded({ callId, disposition, notes, endedBy }: EventDataMap['OnAfterCallWorkEnded']): void {
    const conversation = this.#conversations.get(callId);
    if (!conversation) return;
    const chosen = this.#dispositionString(disposition);
    if (endedBy !== 'timeout') this.#invoke('callNotesSubmitted', { ...this.#ids(conversation), disposition: chosen, notes });
    this.#sendCallEnded(conversation, chosen, notes);
  }

  #sendCallEnded(conversation: Conversation, disposition: string, notes: string): void {
    if (!this.#conversations.delete(conversation.call.callId)) return;
    const { call } = conversation;
    this.#invoke('callEnded', { ...this.#ids(conversation), duration: call.duration, disposition, notes, callType: call.direction });
  }

  #stateChanged(state: AgentStateName, reason: string): void {
    this.#state = { state, reason };
    const softphoneId = this.#softphoneIdOf(state, reason);
    if (softphoneId === this.#told) return;
    this.#told = softphoneId;
    this.#invoke('statusChanged', { softphoneId });
  }

  /** The wrapper's id for a state: the presence map's entry, else the state's own name. */
  #softphoneIdOf(state: AgentStateName, reason: string): string {
    const wanted = state === 'not_ready' && reason ? [`not_ready:${reason}`, 'not_ready'] : [state];
    for (const name of wanted) {
      const entry = Object.entries(this.#presence).find(([, value]) => value === name);
      if (entry) return entry[0];
    }
    return wanted[0]!;
  }

  // ── wrapper → phone ─────────────────────────────────────────────────────────

  async #onCallback(eventType: unknown, raw: unknown): Promise<void> {
    const type = typeof eventType === 'string' ? eventType : '';
    if (!(CALLBACK_TYPES as readonly string[]).includes(type)) return this.#report('wrapper_bad_callback', `unknown callback event type: ${String(eventType).slice(0, 40)}`, String(eventType).slice(0, 40));
    let payload = raw;
    if (typeof raw === 'string' && type !== 'get_presence') {
      try {
        payload = JSON.parse(raw);
      } catch {
        return this.#report('wrapper_bad_callback', `the ${type} payload is not JSON`, type);
      }
    }
    const bad = (message: string) => this.#report('wrapper_bad_callback', `${type}: ${message}`, type);
    try {
      switch (type) {
        case 'disposition': {
          if (!Array.isArray(payload) || payload.length > 100 || !payload.every((code) => typeof code === 'string' && /^[^\p{Cc}]{1,64}$/u.test(code))) return bad('expects an array of at most 100 strings of 1 to 64 characters');
          this.#dispositions = [...new Set(payload as string[])];
          await this.#offerDispositions(this.#dispositions);
          return;
        }
        case 'partner_config': {
          const config = record(payload);
          const fields = ['partnerId', 'businessSegmentId', 'channelOriginId'] as const;
          if (!config || !fields.every((field) => config[field] === undefined || isText(config[field]))) return bad('expects {partnerId, businessSegmentId, channelOriginId} strings');
          this.#partner = { partnerId: text(config.partnerId), businessSegmentId: text(config.businessSegmentId), channelOriginId: text(config.channelOriginId) };
          return;
        }
        case 'get_presence':
          return await this.#answerPresence();
        case 'update_presence': {
          const softphoneId = record(payload)?.softphoneId;
          if (!isText(softphoneId)) return bad('expects {softphoneId}');
          return await this.#updatePresence(softphoneId);
        }
        case 'start_call':
          return await this.#startCall(record(payload), bad);
      }
    } catch (error) {
      const { code = 'internal', message = String(error) } = error as { code?: string; message?: string };
      this.#report('wrapper_action_failed', `${type}: ${message}`, type, code);
    }
  }

  /**
   * The wrapper's strings become the phone's codes: a string that is a valid code stays itself,
   * any other (`"Call back later"`) gets the code `d<n>` with the string as its label, and is
   * turned back into the string in callEnded and callNotesSubmitted.
   */
  #offerDispositions(strings: string[]): Promise<unknown> {
    this.#codeToString.clear();
    // The strings that are codes keep them, so the `d<n>` of another never takes one of theirs.
    const own = new Set(strings.filter((string) => CODE.test(string)));
    const fresh = (n: number): string => {
      while (own.has(`d${n}`) || this.#codeToString.has(`d${n}`)) n += 1;
      return `d${n}`;
    };
    const codes = strings.map((string, i) => {
      const code = own.has(string) && !this.#codeToString.has(string) ? string : fresh(i + 1);
      this.#codeToString.set(code, string);
      return { code, label: string };
    });
    return this.#phone.sendAction('setDispositionCodes', { codes });
  }

  #dispositionString(code: string): string {
    return this.#codeToString.get(code) ?? code;
  }

  async #answerPresence(): Promise<void> {
    if (!this.#state) {
      const { agent } = await this.#phone.queryStatus();
      if (agent) this.#state = { state: agent.agentState ?? (agent.ready ? 'ready' : 'not_ready'), reason: agent.ready ? '' : (agent.notReadyReason ?? '') };
    }
    const { state = 'not_ready', reason = '' } = this.#state ?? {};
    const softphoneId = this.#softphoneIdOf(state, reason);
    this.#told = softphoneId;
    this.#invoke('statusChanged', { softphoneId });
  }

  async #updatePresence(softphoneId: string): Promise<void> {
    const mapped = Object.hasOwn(this.#presence, softphoneId) ? this.#presence[softphoneId]! : softphoneId;
    const match = STATE.exec(mapped);
    if (!match || mapped === 'after_call_work') {
      return this.#report('wrapper_bad_callback', `update_presence: no agent state for softphoneId ${softphoneId.slice(0, 64)}`, 'update_presence');
    }
    const [state, reason] = mapped.split(':') as ['ready' | 'dnd' | 'not_ready', string | undefined];
    await this.#phone.setAgentState(state, reason);
  }

  async #startCall(payload: Record<string, unknown> | null, bad: (message: string) => void): Promise<void> {
    if (!payload || !isText(payload.dialTo) || !payload.dialTo) return bad('expects {dialTo, dialFrom, partnerId, …}');
    // The rest travels with the call as X- headers (X-dialFrom, X-partnerId, …), for the network to use.
    const variables: Record<string, string> = {};
    for (const [name, value] of Object.entries(payload)) if (name !== 'dialTo' && /^[A-Za-z][A-Za-z0-9_-]{0,63}$/.test(name) && isText(value) && value && !/[\r\n]/.test(value)) variables[name] = value;
    this.#startingCall = true;
    try {
      await this.#phone.dial(payload.dialTo.replace(/[\s()-]/g, ''), Object.keys(variables).length ? { variables } : undefined);
    } finally {
      this.#startingCall = false;
    }
  }
}

const record = (value: unknown): Record<string, unknown> | null => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null);
const isText = (value: unknown): value is string => typeof value === 'string' && value.length <= MAX_TEXT;
const text = (value: unknown): string => (isText(value) ? value : '');

/** A CTI variable of the call (its `X-` headers), by name in any case; `''` without one. */
function variable(call: CallInfo, name: string): string {
  const wanted = name.toLowerCase();
  return Object.entries(call.variables ?? {}).find(([key]) => key.toLowerCase() === wanted)?.[1] ?? '';
}
