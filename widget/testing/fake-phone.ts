import { ContextProvider } from '@lit/context';
import { fixture, html } from '@open-wc/testing';
import { render, type TemplateResult } from 'lit';
import { ErrorCode, type CallEndReason, type CallIdentity, type CallInfo, type CallStats, type ConsultationEndReason, type CtiData, type RegistrationStateName, type RingsideError, type TransferRequest } from '../../src/protocol/index.js';
import { widgetContext } from '../context.js';
import { ManualClock, type Clock } from '../services/clock.js';
import { createLogger } from '../services/logger.js';
import { PhoneError, type CallVideo, type Consultation, type DeviceChoice, type PhoneChange, type PhoneService, type SipConfig, type TransferStage } from '../services/phone-types.js';
import { WidgetCore } from '../services/widget-core.js';
import { transitionCall } from '../state/call-state.js';
import { transitionRegistration } from '../state/registration-state.js';

/** One command the widget gave the phone, with its arguments. */
export interface Command {
  name: string;
  args: unknown[];
}

const notNow = (message: string) => new PhoneError({ code: ErrorCode.NotAllowedNow, message });
const noRequests: readonly TransferRequest[] = Object.freeze([]);

/**
 * A {@link PhoneService} held in memory, for tests of the core and the views without SIP. The
 * test plays the network (`register`, `fail`, `drop`, `ring`, `farEndAnswers`, `farEndHangsUp`,
 * `mediaFails`); the widget's commands change calls as `phone-service.ts` does (answering,
 * resuming or dialling holds the other live line; a consultation holds the caller; its consult
 * call ending resumes the caller) and emit the same `PhoneChange`s. Every command is logged in
 * `commands`. A move the state machines forbid throws, so a test cannot drive the fake where
 * the real phone never goes.
 */
export class FakePhone implements PhoneService {
  readonly commands: Command[] = [];
  readonly #now: () => number;
  readonly #listeners = new Set<(change: PhoneChange) => void>();
  readonly #calls = new Map<string, CallInfo>();
  #registration: RegistrationStateName = 'logged_out';
  #consultation: Consultation | null = null;
  #ids = 0;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  get registration(): RegistrationStateName { return this.#registration; }
  get consultation(): Consultation | null { return this.#consultation; }
  /** The fake plays no REFERs from the far end: no transfer request ever waits. */
  get transferRequests(): readonly TransferRequest[] { return noRequests; }
  get calls(): readonly CallInfo[] {
    return [...this.#calls.values()].map((c) => ({ ...c, duration: c.answeredAt ? Math.floor((this.#now() - Date.parse(c.answeredAt)) / 1000) : 0 }));
  }

  subscribe(listener: (change: PhoneChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  // --- the network, played by the test --------------------------------------------------

  /** The REGISTER succeeded (through `registering`, as after a reconnect). */
  register(): void {
    if (this.#registration !== 'registering') this.#setRegistration('registering');
    this.#setRegistration('registered');
  }
  fail(error: RingsideError = { code: ErrorCode.RegistrationFailed, message: 'SIP server refused registration: 403 Forbidden' }): void { this.#setRegistration('failed', error); }
  /** The WebSocket dropped. */
  drop(): void { this.#setRegistration('reconnecting'); }

  /** An inbound call starts ringing. */
  ring(from: string, { name = '', queue, identity = 'asserted' }: { name?: string; queue?: string; identity?: CallIdentity } = {}): CallInfo {
    return this.#add({ direction: 'inbound', remoteNumber: from, remoteName: name, identity, state: 'ringing', ...(queue ? { queue } : {}) });
  }
  farEndRings(callId: string): CallInfo { return this.#update(callId, { state: 'early' }); }
  /** An outbound call is answered; the target of a consultation answering connects it. */
  farEndAnswers(callId: string): CallInfo {
    const call = this.#update(callId, { state: 'active', answeredAt: this.#iso() });
    const running = this.#consultation;
    if (running?.consultId === callId && running.state === 'dialing') {
      running.state = 'connected';
      this.#transfer('attended-connected', running.primaryId, running.target);
    }
    return call;
  }
  farEndHangsUp(callId: string): CallInfo { return this.#end(callId); }
  /** The microphone could not be opened (for `callId`, if given). */
  mediaFails(message: string, callId?: string): void {
    const error = { code: ErrorCode.MediaUnavailable, message };
    this.#emit(callId ? { kind: 'media', error, callId } : { kind: 'media', error });
  }

  // --- commands -------------------------------------------------------------------------

  async connect(config: SipConfig): Promise<void> {
    this.#log('connect', config);
    this.#setRegistration('registering');
  }
  async disconnect(): Promise<void> {
    this.#log('disconnect');
    this.#consultation = null;
    for (const call of [...this.#calls.values()]) this.#hangUp(call.callId);
    this.#setRegistration('logged_out');
  }
  async dial(number: string, cti?: CtiData): Promise<CallInfo> {
    this.#log('dial', ...(cti ? [number, cti] : [number]));
    return this.#dial(number);
  }
  async answer(callId: string): Promise<CallInfo> {
    this.#log('answer', callId);
    if (this.#get(callId).state !== 'ringing') throw notNow(`cannot answer ${callId}`);
    this.#holdOthers(callId);
    return this.#update(callId, { state: 'active', answeredAt: this.#iso() });
  }
  async reject(callId: string): Promise<CallInfo> {
    this.#log('reject', callId);
    if (this.#get(callId).state !== 'ringing') throw notNow(`cannot reject ${callId}`);
    return this.#end(callId, 'rejected');
  }
  async hangUp(callId: string): Promise<CallInfo> {
    this.#log('hangUp', callId);
    return this.#hangUp(callId);
  }
  async setMuted(callId: string, muted: boolean): Promise<CallInfo> {
    this.#log('setMuted', callId, muted);
    // In a conference the one microphone is muted for every party.
    const parties = this.#active(callId).conference ? [...this.#calls.values()].filter((c) => c.conference) : [this.#get(callId)];
    for (const party of parties) if (party.muted !== muted) this.#update(party.callId, { muted });
    return this.#get(callId);
  }
  async setHeld(callId: string, held: boolean): Promise<CallInfo> {
    this.#log('setHeld', callId, held);
    return this.#hold(callId, held);
  }
  async sendDtmf(callId: string, tones: string): Promise<CallInfo> {
    this.#log('sendDtmf', callId, tones);
    return this.#active(callId);
  }
  /** The REFER is accepted at once, and the agent's leg ends. */
  async blindTransfer(callId: string, target: string): Promise<CallInfo> {
    this.#log('blindTransfer', callId, target);
    this.#active(callId);
    this.#transfer('blind-initialized', callId, target);
    this.#transfer('blind-completed', callId, target);
    return this.#end(callId, 'transferred');
  }
  async attendedTransfer(callId: string, target: string): Promise<CallInfo> {
    this.#log('attendedTransfer', callId, target);
    if (this.#consultation) throw notNow('a transfer is already in progress');
    if (this.#active(callId).conference) throw notNow('a call in a conference cannot be transferred');
    this.#hold(callId, true);
    const consult = this.#dial(target);
    this.#consultation = { state: 'dialing', primaryId: callId, consultId: consult.callId, target };
    this.#transfer('attended-initialized', callId, target);
    return consult;
  }
  async completeAttendedTransfer(): Promise<CallInfo> {
    this.#log('completeAttendedTransfer');
    const running = this.#consultation;
    if (running?.state !== 'connected') throw notNow('no consultation is connected');
    this.#consultation = null;
    this.#transfer('attended-completed', running.primaryId, running.target);
    this.#end(running.consultId, 'transferred');
    return this.#end(running.primaryId, 'transferred');
  }
  async cancelAttendedTransfer(): Promise<CallInfo> {
    this.#log('cancelAttendedTransfer');
    return this.#cancel('agent');
  }
  async changeActiveLine(): Promise<CallInfo> {
    this.#log('changeActiveLine');
    const waiting = [...this.#calls.values()].find((c) => c.state === 'active' && c.held);
    if (!waiting) throw notNow('there is no other line to switch to');
    const call = this.#hold(waiting.callId, false);
    const running = this.#consultation;
    if (running?.primaryId === call.callId || running?.consultId === call.callId) {
      this.#transfer(running.primaryId === call.callId ? 'attended-switch-primary' : 'attended-switch-secondary', call.callId, running.target);
    }
    return call;
  }
  async conference(): Promise<CallInfo[]> {
    this.#log('conference');
    const answered = [...this.#calls.values()].filter((c) => c.state === 'active');
    if (answered.length < 2) throw notNow('a conference needs two answered lines');
    if (this.#consultation?.state === 'connected') this.#consultation = null;
    const calls = answered.map((c) => this.#update(c.callId, { held: false, conference: true }));
    this.#emit({ kind: 'conference', started: true, calls });
    return calls;
  }
  async leaveConference(): Promise<CallInfo[]> {
    this.#log('leaveConference');
    const [first, second, ...more] = [...this.#calls.values()].filter((c) => c.state === 'active');
    if (!first || !second || more.length) throw notNow('leaving connects exactly two other parties');
    return [this.#end(first.callId, 'transferred'), this.#end(second.callId, 'transferred')];
  }
  async setVideo(callId: string, on: boolean): Promise<CallInfo> {
    this.#log('setVideo', callId, on);
    throw new PhoneError({ code: ErrorCode.NotSupported, message: 'video calls are not available in this version of the phone' });
  }
  video(): CallVideo { return { local: null, remote: null }; }
  setDevices(choice: DeviceChoice): void {
    this.#log('setDevices', choice);
  }
  async stats(callId?: string): Promise<CallStats[]> {
    this.#log('stats', ...(callId ? [callId] : []));
    return (callId ? [this.#get(callId)] : [...this.#calls.values()]).map((c) => ({ callId: c.callId, bytesReceived: 0, bytesSent: 0, packetsReceived: 0, packetsLost: 0, jitter: 0 }));
  }
  async answerTransferRequest(requestId: string, accept: boolean): Promise<TransferRequest> {
    this.#log('answerTransferRequest', requestId, accept);
    throw notNow(`no transfer request ${requestId} is waiting`);
  }

  // --- the rules of phone-service.ts ----------------------------------------------------

  #dial(number: string): CallInfo {
    if (this.#registration !== 'registered') throw new PhoneError({ code: ErrorCode.NotLoggedIn, message: 'the phone is not registered' });
    this.#holdOthers(null);
    return this.#add({ direction: 'outbound', remoteNumber: number, remoteName: '', identity: 'asserted', state: 'dialing' });
  }
  #hangUp(callId: string): CallInfo {
    const { state } = this.#get(callId);
    return this.#end(callId, state === 'ringing' ? 'rejected' : state === 'active' ? 'local_hangup' : 'cancelled');
  }
  #hold(callId: string, held: boolean): CallInfo {
    const call = this.#active(callId);
    if (call.held === held) return call;
    if (call.conference) throw notNow('a call in a conference cannot be held on its own');
    if (!held) this.#holdOthers(callId);
    return this.#update(callId, { held });
  }
  /** Holds every live line but `keep`: nobody hears two parties unless the agent made a conference. */
  #holdOthers(keep: string | null): void {
    for (const c of [...this.#calls.values()]) if (c.callId !== keep && c.state === 'active' && !c.held && !c.conference) this.#update(c.callId, { held: true });
  }
  #cancel(reason: ConsultationEndReason): CallInfo {
    const running = this.#consultation;
    if (!running) throw notNow('no attended transfer is in progress');
    this.#consultation = null;
    if (this.#calls.has(running.consultId)) this.#hangUp(running.consultId);
    if (this.#calls.get(running.primaryId)?.held) this.#hold(running.primaryId, false);
    this.#transfer('attended-cancelled', running.primaryId, running.target, reason);
    return this.#get(running.primaryId);
  }
  #active(callId: string): CallInfo {
    const call = this.#get(callId);
    if (call.state !== 'active') throw notNow(`cannot do that to a call that is ${call.state}`);
    return call;
  }
  #get(callId: string): CallInfo {
    const call = this.#calls.get(callId);
    if (!call) throw new PhoneError({ code: ErrorCode.NoSuchCall, message: `no call ${callId}` });
    return call;
  }
  #add(initial: Pick<CallInfo, 'direction' | 'remoteNumber' | 'remoteName' | 'identity' | 'state' | 'queue'>): CallInfo {
    const call: CallInfo = { callId: `call-${++this.#ids}`, muted: false, held: false, startedAt: this.#iso(), answeredAt: null, endedAt: null, duration: 0, ...initial };
    this.#calls.set(call.callId, call);
    this.#emit({ kind: 'call', call, previous: null });
    return call;
  }
  #update(callId: string, patch: Partial<CallInfo>): CallInfo {
    const previous = this.#get(callId);
    if (patch.state && patch.state !== previous.state) transitionCall(previous.state, patch.state);
    const call = { ...previous, ...patch };
    this.#calls.set(callId, call);
    this.#emit({ kind: 'call', call, previous });
    return call;
  }
  /** The call is over. A consultation ends with its consult call (the caller resumed) or its caller; a conference of one dissolves. */
  #end(callId: string, reason?: CallEndReason): CallInfo {
    const previous = this.#get(callId);
    transitionCall(previous.state, 'ended');
    const endReason = reason ?? (previous.state === 'active' ? 'remote_hangup' : previous.state === 'ringing' ? 'missed' : 'failed');
    const call: CallInfo = { ...previous, state: 'ended', endedAt: this.#iso(), endReason };
    this.#calls.delete(callId);
    this.#emit({ kind: 'call', call, previous });
    const running = this.#consultation;
    if (running?.consultId === callId) this.#cancel(running.state === 'connected' ? 'hung_up' : 'failed');
    if (running?.primaryId === callId) {
      this.#consultation = null;
      this.#emit({ kind: 'transfer', stage: 'attended-cancelled', call, target: running.target, reason: 'caller_hung_up' });
    }
    const rest = [...this.#calls.values()].filter((c) => c.conference);
    if (previous.conference && rest.length <= 1) this.#emit({ kind: 'conference', started: false, calls: rest.map((c) => this.#update(c.callId, { conference: false })) });
    return call;
  }
  #transfer(stage: TransferStage, callId: string, target: string, reason?: ConsultationEndReason): void {
    const call = this.#get(callId);
    this.#emit(reason ? { kind: 'transfer', stage, call, target, reason } : { kind: 'transfer', stage, call, target });
  }
  #setRegistration(state: RegistrationStateName, error?: RingsideError): void {
    if (state === this.#registration && !error) return;
    if (state !== this.#registration) this.#registration = transitionRegistration(this.#registration, state);
    this.#emit(error ? { kind: 'registration', state, error } : { kind: 'registration', state });
  }
  #iso(): string { return new Date(this.#now()).toISOString(); }
  #log(name: string, ...args: unknown[]): void { this.commands.push({ name, args }); }
  #emit(change: PhoneChange): void {
    for (const listener of [...this.#listeners]) listener(change);
  }
}

/** A Storage in memory: the widget's sessionStorage, fresh for each test. */
export function memoryStorage(): Storage {
  const map = new Map<string, string>();
  return {
    get length() { return map.size; },
    clear: () => map.clear(),
    getItem: (key) => map.get(key) ?? null,
    key: (index) => [...map.keys()][index] ?? null,
    removeItem: (key) => void map.delete(key),
    setItem: (key, value) => void map.set(key, String(value)),
  };
}

/**
 * A started {@link WidgetCore} on a FakePhone, with a window of its own (no parent, so the
 * host bridge posts nothing) whose sessionStorage is `storage`. `logged` collects warnings.
 */
export function fakeCore({ clock = new ManualClock(), storage = memoryStorage(), phone = new FakePhone(() => clock.now()) }: { clock?: Clock; storage?: Storage; phone?: FakePhone } = {}) {
  const win = Object.assign(new EventTarget(), { location: { href: 'https://phone.example.com/widget/' }, history: { state: null, replaceState: () => undefined }, sessionStorage: storage });
  const logged: string[] = [];
  const log = createLogger('widget', (level, category, message) => logged.push(`${level} ${category}: ${message}`));
  const core = new WidgetCore({ win: Object.assign(win, { parent: win }) as unknown as Window, phone, log, apiBase: 'https://phone.example.com/', storage, clock });
  core.start();
  return { core, phone, clock, storage, logged };
}

/** Renders `template` in an element that provides `core` through context, as `<rs-app>` does. */
export async function provide<T extends HTMLElement>(core: WidgetCore, template: TemplateResult): Promise<T> {
  const host = await fixture<HTMLElement>(html`<div></div>`);
  new ContextProvider(host, { context: widgetContext, initialValue: core });
  render(template, host);
  const element = host.firstElementChild as T & { updateComplete?: Promise<unknown> };
  await element.updateComplete;
  return element;
}
