import { Invitation, Inviter, SessionState, UserAgent, type Session } from 'sip.js';
import { ErrorCode, type CallInfo, type CallStats, type CtiData, type RegistrationStateName, type RingsideError, type TransferRequest } from '../../../src/protocol/index.js';
import { CallState } from '../../state/call-state.js';
import { canTransitionRegistration, RegistrationState } from '../../state/registration-state.js';
import type { Logger } from '../logger.js';
import { PhoneError, type CallVideo, type Consultation, type DeviceChoice, type PhoneChange, type PhoneService, type SipConfig } from '../phone-types.js';
import { snapshotOf, type CallRecord, type NewCall } from './call-record.js';
import { CallRegistry } from './call-registry.js';
import { applyLineMedia, callStats, peerOf, playRemoteAudio } from './call-media.js';
import { sendTones } from './dtmf.js';
import { referredInviter, takeOver } from './follow-referral.js';
import type { Conference } from './conference.js';
import { inboundCallOf, missAfter } from './inbound-call.js';
import { MediaGate } from './media-gate.js';
import type { ReferTarget } from './refer-to.js';
import { targetUri } from './sip-uri.js';
import { SipRegistration } from './registration.js';
import { reinvite } from './reinvite.js';
import { clip, endReasonFor } from './sip-helpers.js';
import { TransferParts } from './transfer-parts.js';
import { audioOnly, makeUserAgent } from './user-agent.js';
import { CallVideos } from './video.js';

/**
 * The phone service (this folder is the only importer of sip.js): the UserAgent and its
 * registration, and one sip.js Session per call in the call registry, the only writer of
 * call state. Line rules live here: answering, resuming or dialling puts the agent's other
 * live line on hold first, so nobody hears two parties unless the agent made a conference.
 * Transfers this phone makes are in transfers.ts, transfer requests it receives in
 * referrals.ts, the browser-mixed conference in conference.ts.
 */
export class SipPhoneService implements PhoneService {
  readonly #log: Logger;
  readonly #listeners = new Set<(change: PhoneChange) => void>();
  readonly #registry: CallRegistry;
  #registration: RegistrationStateName = RegistrationState.LoggedOut;
  #ua: UserAgent | null = null;
  #config: SipConfig | null = null;
  readonly #registrar = new SipRegistration((state, error) => this.#setRegistration(state, error), (line) => this.#log.warn(line));
  readonly #media = new MediaGate((message) => this.#emit({ kind: 'media', error: { code: ErrorCode.MediaUnavailable, message } }));
  /** Transfers the agent makes and transfer requests from far ends load with their first use. */
  readonly #parts: TransferParts;
  /** Loaded with the first conference: mixing is not needed to ring or talk. */
  #conference: Conference | null = null;
  readonly #video: CallVideos;

  constructor(log: Logger) {
    this.#log = log;
    this.#registry = new CallRegistry(log, (change) => this.#emit(change));
    this.#video = new CallVideos(this.#registry, log, (change) => this.#emit(change));
    this.#parts = new TransferParts({
      log,
      registry: this.#registry,
      config: () => this.#config,
      domain: () => this.#ready().config.domain,
      setHeld: (callId, held) => this.setHeld(callId, held),
      dial: (number) => this.dial(number),
      hangUp: (callId) => this.hangUp(callId),
      follow: (request, target) => this.#follow(request, target),
      emit: (change) => this.#emit(change),
    });
  }

  get registration(): RegistrationStateName {
    return this.#registration;
  }

  get calls(): readonly CallInfo[] {
    return this.#registry.calls;
  }

  get transferRequests(): readonly TransferRequest[] {
    return this.#parts.incoming?.waiting ?? [];
  }

  get consultation(): Consultation | null {
    return this.#parts.outgoing?.consultation ?? null;
  }

  async answerTransferRequest(requestId: string, accept: boolean): Promise<TransferRequest> {
    if (!this.#parts.incoming) throw new PhoneError({ code: ErrorCode.NotAllowedNow, message: `no transfer request ${requestId} is waiting` });
    return this.#parts.incoming.answer(requestId, accept);
  }

  subscribe(listener: (change: PhoneChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async connect(config: SipConfig): Promise<void> {
    this.#config = config;
    this.#media.warm();
    if (this.#ua) return this.#registrar.renew(config.username, config.password);
    const ua = makeUserAgent(
      config,
      {
        onInvite: (invitation) => this.#incoming(invitation),
        onDisconnect: (error) => {
          if (error) this.#registrar.connectionLost();
        },
      },
      this.#media.factory,
    );
    this.#ua = ua;
    await this.#registrar.start(ua, config.wsUrl);
  }

  async disconnect(): Promise<void> {
    this.#parts.incoming?.callEnded();
    for (const record of this.#registry.records()) void this.hangUp(record.info.callId).catch(() => undefined);
    await this.#registrar.stop();
    await this.#ua?.stop();
    this.#ua = null;
    this.#media.release();
    this.#setRegistration(RegistrationState.LoggedOut);
  }

  setDevices(choice: DeviceChoice): void {
    this.#media.choice = choice;
    for (const record of this.#registry.records()) void record.audio?.setSinkId?.(choice.speaker).catch(() => undefined);
  }

  async dial(number: string, cti?: CtiData): Promise<CallInfo> {
    const { ua, config } = this.#ready();
    const target = UserAgent.makeURI(targetUri(number, config.domain));
    if (!target) throw new PhoneError({ code: ErrorCode.InvalidData, message: `cannot dial ${number}` });
    await this.#openMicrophone();
    await this.#holdOthers(null);
    const extraHeaders = Object.entries(cti?.variables ?? {}).map(([name, value]) => `X-${name}: ${value}`);
    const inviter = new Inviter(ua, target, { extraHeaders, sessionDescriptionHandlerOptions: audioOnly });
    const record = this.#track(inviter, { direction: 'outbound', remoteNumber: number, remoteName: '', identity: 'asserted', state: CallState.Dialing });
    this.#invite(inviter, record, 'outbound call failed to start');
    return snapshotOf(record);
  }

  async answer(callId: string): Promise<CallInfo> {
    const record = this.#registry.get(callId);
    if (!(record.session instanceof Invitation) || record.info.state !== CallState.Ringing) throw this.#registry.notNow('answer', record);
    await this.#openMicrophone(callId);
    if (record.info.state !== CallState.Ringing) throw this.#registry.notNow('answer', record);
    await this.#holdOthers(record);
    record.session.accept({ sessionDescriptionHandlerOptions: audioOnly }).catch((error: unknown) => {
      this.#log.warn(`answer failed: ${(error as Error).message}`);
      record.endReason ??= 'failed';
    });
    return snapshotOf(record);
  }

  async reject(callId: string, statusCode = 486): Promise<CallInfo> {
    const record = this.#registry.get(callId);
    if (!(record.session instanceof Invitation) || record.info.state !== CallState.Ringing) throw this.#registry.notNow('reject', record);
    record.endReason = statusCode === 480 ? 'missed' : 'rejected';
    await record.session.reject({ statusCode });
    return snapshotOf(record);
  }

  async hangUp(callId: string): Promise<CallInfo> {
    const record = this.#registry.get(callId);
    const { session, info } = record;
    switch (info.state) {
      case CallState.Ringing:
        return this.reject(callId);
      case CallState.Dialing:
      case CallState.Early:
        record.endReason = 'cancelled';
        if (session instanceof Inviter) await session.cancel();
        break;
      case CallState.Active:
        record.endReason = 'local_hangup';
        await session.bye();
        break;
      case CallState.Ended:
        throw this.#registry.notNow('hangUp', record);
    }
    return snapshotOf(record);
  }

  async setMuted(callId: string, muted: boolean): Promise<CallInfo> {
    const record = this.#registry.get(callId);
    if (record.info.state !== CallState.Active) throw this.#registry.notNow(muted ? 'mute' : 'unmute', record);
    if (record.info.muted === muted) return snapshotOf(record);
    // In a conference the one microphone is muted for every party.
    const parties = record.info.conference && this.#conference ? this.#conference.parties : [record];
    this.#conference?.setMuted(muted);
    for (const party of parties) {
      this.#registry.update(party, { muted });
      applyLineMedia(party);
    }
    return snapshotOf(record);
  }

  async setHeld(callId: string, held: boolean): Promise<CallInfo> {
    const record = this.#registry.get(callId);
    if (record.info.state !== CallState.Active) throw this.#registry.notNow(held ? 'hold' : 'unhold', record);
    if (record.info.held === held) return snapshotOf(record);
    if (record.info.conference) throw new PhoneError({ code: ErrorCode.NotAllowedNow, message: 'a call in a conference cannot be held on its own' });
    if (!held) await this.#holdOthers(record);
    await reinvite(record.session, { hold: held, video: false }, held ? 'hold' : 'unhold');
    this.#registry.update(record, { held });
    applyLineMedia(record);
    return snapshotOf(record);
  }

  async blindTransfer(callId: string, target: string): Promise<CallInfo> {
    return (await this.#parts.transfers()).blind(callId, target);
  }

  async attendedTransfer(callId: string, target: string): Promise<CallInfo> {
    return (await this.#parts.transfers()).attended(callId, target);
  }

  async completeAttendedTransfer(): Promise<CallInfo> {
    return (await this.#parts.transfers()).complete();
  }

  async cancelAttendedTransfer(): Promise<CallInfo> {
    return (await this.#parts.transfers()).cancel('agent');
  }

  /** Holds the live line and resumes the held one; with more lines, the one held longest. */
  async changeActiveLine(): Promise<CallInfo> {
    const waiting = this.#registry.records().find((r) => r.info.state === CallState.Active && r.info.held);
    if (!waiting) throw new PhoneError({ code: ErrorCode.NotAllowedNow, message: 'there is no other line to switch to' });
    await this.setHeld(waiting.info.callId, false);
    this.#parts.outgoing?.switched(waiting);
    return snapshotOf(waiting);
  }

  async conference(): Promise<CallInfo[]> {
    const answered = this.#registry.records().filter((r) => r.info.state === CallState.Active);
    if (answered.length < 2) throw new PhoneError({ code: ErrorCode.NotAllowedNow, message: 'a conference needs two answered lines' });
    this.#parts.outgoing?.merged();
    // Every party must be off hold to hear the others.
    for (const record of answered) if (record.info.held) await reinvite(record.session, { hold: false, video: false }, 'unhold').then(() => this.#registry.update(record, { held: false }));
    for (const record of answered) applyLineMedia(record);
    if (!this.#conference) {
      const { Conference } = await import('./conference.js');
      this.#conference ??= new Conference(this.#registry, this.#log, (change) => this.#emit(change));
    }
    return this.#conference.merge(answered, this.#media.choice.speaker);
  }

  /** Leaves the other two parties talking to each other (conference.ts `connectParties`), then the agent's legs end. */
  async leaveConference(): Promise<CallInfo[]> {
    const answered = this.#registry.records().filter((r) => r.info.state === CallState.Active);
    const [first, second] = answered;
    if (answered.length !== 2 || !first || !second) throw new PhoneError({ code: ErrorCode.NotAllowedNow, message: 'leaving connects exactly two other parties' });
    const { connectParties } = await import('./conference.js');
    await connectParties(first, second, this.#ready().config.domain);
    return [snapshotOf(first), snapshotOf(second)];
  }

  async setVideo(callId: string, on: boolean): Promise<CallInfo> {
    return this.#video.set(this.#registry.get(callId), on);
  }

  video(callId: string): CallVideo {
    return this.#video.streams(this.#registry.records().find((r) => r.info.callId === callId));
  }

  async sendDtmf(callId: string, tones: string): Promise<CallInfo> {
    const record = this.#registry.get(callId);
    if (record.info.state !== CallState.Active) throw this.#registry.notNow('send DTMF on', record);
    await sendTones(record.session, tones, this.#config?.dtmfMode ?? 'rfc4733');
    return snapshotOf(record);
  }

  async stats(callId?: string): Promise<CallStats[]> {
    const records = callId ? [this.#registry.get(callId)] : this.#registry.records();
    return Promise.all(records.map((record) => callStats(record.info.callId, peerOf(record.session))));
  }

  // --- registration -------------------------------------------------------------------

  /** Runs inside sip.js callbacks: an unexpected move is logged and taken, never thrown. */
  #setRegistration(state: RegistrationStateName, error?: RingsideError): void {
    if (state === this.#registration && !error) return;
    if (!canTransitionRegistration(this.#registration, state) && state !== this.#registration) this.#log.error(`unexpected registration move ${this.#registration} → ${state}`);
    this.#registration = state;
    this.#emit(error ? { kind: 'registration', state, error } : { kind: 'registration', state });
  }

  // --- calls --------------------------------------------------------------------------

  #ready(): { ua: UserAgent; config: SipConfig } {
    if (!this.#ua || !this.#config || this.#registration !== RegistrationState.Registered) {
      throw new PhoneError({ code: ErrorCode.NotLoggedIn, message: 'the phone is not registered' });
    }
    return { ua: this.#ua, config: this.#config };
  }

  /** Opens the microphone before a call needs it; a failure is the command's error and an event. */
  async #openMicrophone(callId?: string): Promise<void> {
    try {
      await this.#media.prepare();
    } catch (error) {
      if (error instanceof PhoneError) this.#emit(callId ? { kind: 'media', error: error.error, callId } : { kind: 'media', error: error.error });
      throw error;
    }
  }

  /** Puts every live line other than `keep` on hold (a conference stays as it is). */
  async #holdOthers(keep: CallRecord | null): Promise<void> {
    for (const record of this.#registry.live()) {
      if (record === keep || record.info.conference) continue;
      await this.setHeld(record.info.callId, true).catch((error: unknown) => {
        // The far end refused the hold: the agent still must not be heard there.
        this.#log.warn(`could not hold ${record.info.callId}: ${(error as Error).message}`);
        applyLineMedia(record, true);
      });
    }
  }

  #incoming(invitation: Invitation): void {
    const replaced = invitation.replacee ? this.#registry.bySession(invitation.replacee) : undefined;
    const call = inboundCallOf(invitation.request);
    const refusal = replaced ? null : this.#config?.screen?.(call);
    // Not ready: the queue hears busy (or unavailable) and routes the call to someone else.
    if (refusal) return void invitation.reject({ statusCode: refusal }).catch((error: unknown) => this.#log.warn(`refusing a call failed: ${(error as Error).message}`));
    const record = this.#track(invitation, call);
    if (replaced) return takeOver(invitation, replaced, this.#log);
    // Unanswered for the tenant's ring timeout: the call is missed, and the caller hears 480.
    missAfter(invitation, this.#config?.ringTimeoutSeconds ?? 0, () => void this.reject(record.info.callId, 480).catch(() => undefined));
  }

  #track(session: Session, initial: NewCall): CallRecord {
    const record = this.#registry.add(session, initial);
    session.stateChange.addListener((state) => this.#sessionChanged(record, state));
    session.delegate = { ...session.delegate, onRefer: this.#parts.referHandler(record) };
    return record;
  }

  #invite(inviter: Inviter, record: CallRecord, failure: string): void {
    inviter
      .invite({
        requestDelegate: {
          onProgress: (response) => {
            const status = response.message.statusCode ?? 0;
            if ((status === 180 || status === 183) && record.info.state === CallState.Dialing) this.#registry.update(record, { state: CallState.Early });
          },
          onReject: (response) => void (record.endReason ??= endReasonFor(response.message.statusCode ?? 0)),
        },
      })
      .catch((error: unknown) => {
        this.#log.warn(`${failure}: ${(error as Error).message}`);
        record.endReason ??= 'failed';
      });
  }

  /**
   * Follows a transfer request the policy allowed: a new call to the validated number at the
   * tenant's domain, with a Replaces rebuilt from validated parts. The URI the far end sent
   * is never dialled and none of its text reaches the INVITE, so a gap in validation still
   * cannot inject a header.
   */
  #follow(request: TransferRequest, target: ReferTarget): void {
    try {
      const { ua, config } = this.#ready();
      const referred = this.#registry.records().find((r) => r.info.callId === request.callId)?.session;
      const inviter = referredInviter(ua, config.domain, target, referred);
      const record = this.#track(inviter, { direction: 'outbound', remoteNumber: clip(target.user), remoteName: '', identity: 'asserted', state: CallState.Dialing });
      this.#invite(inviter, record, 'could not follow a transfer');
    } catch (error) {
      this.#log.warn(`could not follow a transfer: ${(error as Error).message}`);
    }
  }

  #sessionChanged(record: CallRecord, state: SessionState): void {
    if (state === SessionState.Established) {
      record.audio = playRemoteAudio(record.session, this.#media.choice.speaker, () => this.#log.warn('remote audio needs a user gesture to play'));
      this.#registry.update(record, { state: CallState.Active, answeredAt: new Date().toISOString() });
      this.#video.watch(record);
      this.#parts.outgoing?.established(record);
    } else if (state === SessionState.Terminated) {
      // sip.js moves an Inviter to Terminated *before* it calls our onReject delegate with
      // the final response; finishing on the next microtask lets that reason be recorded.
      queueMicrotask(() => this.#ended(record));
    }
  }

  #ended(record: CallRecord): void {
    this.#parts.incoming?.callEnded(record.info.callId);
    record.audio?.pause();
    this.#conference?.left(record);
    this.#registry.end(record);
    this.#parts.outgoing?.ended(record);
  }

  #emit(change: PhoneChange): void {
    for (const listener of this.#listeners) {
      try {
        listener(change);
      } catch (error) {
        this.#log.error(`a phone listener threw: ${(error as Error).message}`);
      }
    }
  }
}
