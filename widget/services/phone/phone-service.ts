import { Invitation, Inviter, SessionState, UserAgent, type Session, type Web } from 'sip.js';
import { ErrorCode, type CallInfo, type CallStats, type CtiData, type RegistrationStateName, type RingsideError, type TransferRequest } from '../../../src/protocol/index.js';
import { CallState } from '../../state/call-state.js';
import { canTransitionRegistration, RegistrationState } from '../../state/registration-state.js';
import type { Logger } from '../logger.js';
import { PhoneError, type CallVideo, type Consultation, type DeviceChoice, type PhoneChange, type PhoneService, type SipConfig } from '../phone-types.js';
import { snapshotOf, type CallRecord, type NewCall } from './call-record.js';
import { CallRegistry } from './call-registry.js';
import { callStats, peerOf, playRemoteAudio } from './call-media.js';
import type { Conference } from './conference.js';
import { inboundCallOf } from './inbound-call.js';
import { MediaGate } from './media-gate.js';
import { refuseAll } from './refer-policy.js';
import { replacesHeader, targetUri, type ReferTarget } from './refer-to.js';
import type { IncomingReferrals } from './referrals.js';
import { SipRegistration } from './registration.js';
import { reinvite } from './reinvite.js';
import { clip, endReasonFor, replacesReferTo } from './sip-helpers.js';
import type { OutgoingTransfers } from './transfers.js';
import { audioOnly, makeUserAgent } from './user-agent.js';

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
  #referrals: IncomingReferrals | null = null;
  #transfers: OutgoingTransfers | null = null;
  /** Loaded with the first conference: mixing is not needed to ring or talk. */
  #conference: Conference | null = null;

  constructor(log: Logger) {
    this.#log = log;
    this.#registry = new CallRegistry(log, (change) => this.#emit(change));
  }

  get registration(): RegistrationStateName {
    return this.#registration;
  }

  get calls(): readonly CallInfo[] {
    return this.#registry.calls;
  }

  get transferRequests(): readonly TransferRequest[] {
    return this.#referrals?.waiting ?? [];
  }

  get consultation(): Consultation | null {
    return this.#transfers?.consultation ?? null;
  }

  async answerTransferRequest(requestId: string, accept: boolean): Promise<TransferRequest> {
    if (!this.#referrals) throw new PhoneError({ code: ErrorCode.NotAllowedNow, message: `no transfer request ${requestId} is waiting` });
    return this.#referrals.answer(requestId, accept);
  }

  subscribe(listener: (change: PhoneChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async connect(config: SipConfig): Promise<void> {
    this.#config = config;
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
    this.#referrals?.callEnded();
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
      this.#applyMedia(party);
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
    this.#applyMedia(record);
    return snapshotOf(record);
  }

  async blindTransfer(callId: string, target: string): Promise<CallInfo> {
    return (await this.#outgoing()).blind(callId, target);
  }

  async attendedTransfer(callId: string, target: string): Promise<CallInfo> {
    return (await this.#outgoing()).attended(callId, target);
  }

  async completeAttendedTransfer(): Promise<CallInfo> {
    return (await this.#outgoing()).complete();
  }

  async cancelAttendedTransfer(): Promise<CallInfo> {
    return (await this.#outgoing()).cancel('agent');
  }

  /** Holds the live line and resumes the held one; with more lines, the one held longest. */
  async changeActiveLine(): Promise<CallInfo> {
    const waiting = this.#registry.records().find((r) => r.info.state === CallState.Active && r.info.held);
    if (!waiting) throw new PhoneError({ code: ErrorCode.NotAllowedNow, message: 'there is no other line to switch to' });
    await this.setHeld(waiting.info.callId, false);
    this.#transfers?.switched(waiting);
    return snapshotOf(waiting);
  }

  async conference(): Promise<CallInfo[]> {
    const answered = this.#registry.records().filter((r) => r.info.state === CallState.Active);
    if (answered.length < 2) throw new PhoneError({ code: ErrorCode.NotAllowedNow, message: 'a conference needs two answered lines' });
    this.#transfers?.merged();
    // Every party must be off hold to hear the others.
    for (const record of answered) if (record.info.held) await reinvite(record.session, { hold: false, video: false }, 'unhold').then(() => this.#registry.update(record, { held: false }));
    for (const record of answered) this.#applyMedia(record);
    if (!this.#conference) {
      const { Conference } = await import('./conference.js');
      this.#conference ??= new Conference(this.#registry, this.#log, (change) => this.#emit(change));
    }
    return this.#conference.merge(answered, this.#media.choice.speaker);
  }

  /**
   * Leaves the other two parties talking: the first is REFERred to the second with Replaces
   * (the attended-transfer mechanism), then the agent's legs end.
   */
  async leaveConference(): Promise<CallInfo[]> {
    const answered = this.#registry.records().filter((r) => r.info.state === CallState.Active);
    const [first, second] = answered;
    if (answered.length !== 2 || !first || !second) throw new PhoneError({ code: ErrorCode.NotAllowedNow, message: 'leaving connects exactly two other parties' });
    const dialog = second.session.dialog;
    if (!dialog) throw new PhoneError({ code: ErrorCode.NotAllowedNow, message: 'the second party is not connected yet' });
    const replaces = replacesHeader({ callId: dialog.callId, toTag: dialog.remoteTag, fromTag: dialog.localTag, earlyOnly: false });
    const referTo = replacesReferTo(second.info.remoteNumber, this.#ready().config.domain, replaces);
    await new Promise<void>((resolve, reject) => {
      first.session
        .refer(referTo, {
          requestDelegate: {
            onAccept: () => resolve(),
            onReject: (response) => reject(new PhoneError({ code: ErrorCode.CallFailed, message: `the party refused to be connected: ${response.message.statusCode}` })),
          },
        })
        .catch((error: unknown) => reject(new PhoneError({ code: ErrorCode.NotAllowedNow, message: (error as Error).message })));
    });
    first.endReason = 'transferred';
    second.endReason = 'transferred';
    await first.session.bye().catch(() => undefined);
    return [snapshotOf(first), snapshotOf(second)];
  }

  async setVideo(): Promise<CallInfo> {
    throw new PhoneError({ code: ErrorCode.NotSupported, message: 'video calls are not available in this version of the phone' });
  }

  video(): CallVideo {
    return { local: null, remote: null };
  }

  async sendDtmf(callId: string, tones: string): Promise<CallInfo> {
    const record = this.#registry.get(callId);
    if (record.info.state !== CallState.Active) throw this.#registry.notNow('send DTMF on', record);
    if (this.#config?.dtmfMode === 'info') {
      for (const tone of tones) {
        await record.session.info({ requestOptions: { body: { contentDisposition: 'render', contentType: 'application/dtmf-relay', content: `Signal=${tone}\r\nDuration=100` } } });
      }
      return snapshotOf(record);
    }
    const handler = record.session.sessionDescriptionHandler as Web.SessionDescriptionHandler | undefined;
    if (!handler?.sendDtmf(tones, { duration: 100, interToneGap: 70 })) {
      throw new PhoneError({ code: ErrorCode.CallFailed, message: 'this call cannot carry DTMF tones' });
    }
    return snapshotOf(record);
  }

  async stats(callId?: string): Promise<CallStats[]> {
    const records = callId ? [this.#registry.get(callId)] : this.#registry.records();
    return Promise.all(records.map((record) => callStats(record.info.callId, peerOf(record.session))));
  }

  async #outgoing(): Promise<OutgoingTransfers> {
    if (this.#transfers) return this.#transfers;
    const { OutgoingTransfers } = await import('./transfers.js');
    return (this.#transfers ??= new OutgoingTransfers({
      log: this.#log,
      registry: this.#registry,
      domain: () => this.#ready().config.domain,
      setHeld: (callId, held) => this.setHeld(callId, held),
      dial: (number) => this.dial(number),
      hangUp: (callId) => this.hangUp(callId),
      emit: (change) => this.#emit(change),
    }));
  }

  async #incomingReferrals(): Promise<IncomingReferrals> {
    if (this.#referrals) return this.#referrals;
    const { IncomingReferrals } = await import('./referrals.js');
    return (this.#referrals ??= new IncomingReferrals(
      {
        rules: () => this.#config?.refer ?? refuseAll(this.#config?.domain ?? ''),
        ownDialogs: () => new Set(this.#registry.records().flatMap(({ session: { dialog } }) => (dialog ? [`${dialog.callId};${dialog.localTag};${dialog.remoteTag}`] : []))),
        follow: (request, target) => this.#follow(request, target),
        changed: (request) => this.#emit({ kind: 'transfer-request', request }),
      },
      this.#log,
    ));
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
        this.#applyMedia(record, true);
      });
    }
  }

  /** Sends the microphone and plays the far end only on the line the agent is on. */
  #applyMedia(record: CallRecord, isolate = false): void {
    const handler = record.session.sessionDescriptionHandler as Web.SessionDescriptionHandler | undefined;
    if (!handler?.peerConnection) return;
    const away = isolate || record.info.held;
    if (!record.info.conference) handler.enableSenderTracks(!away && !record.info.muted);
    handler.enableReceiverTracks(!away);
    if (away) record.audio?.pause();
    else if (!record.info.conference) record.audio?.play().catch(() => undefined);
  }

  #incoming(invitation: Invitation): void {
    const replaced = invitation.replacee ? this.#registry.bySession(invitation.replacee) : undefined;
    const record = this.#track(invitation, inboundCallOf(invitation.request));
    if (replaced) return this.#takeOver(invitation, replaced);
    const timeoutMs = (this.#config?.ringTimeoutSeconds ?? 0) * 1000;
    if (timeoutMs > 0) {
      // Unanswered for the tenant's ring timeout: the call is missed, and the caller hears 480.
      const timer = setTimeout(() => {
        if (record.info.state === CallState.Ringing) void this.reject(record.info.callId, 480).catch(() => undefined);
      }, timeoutMs);
      invitation.stateChange.addListener((state) => state !== SessionState.Initial && clearTimeout(timer));
    }
  }

  /**
   * An INVITE that replaces one of our calls (the last step of someone's attended transfer):
   * answer it at once and end the call it replaces.
   */
  #takeOver(invitation: Invitation, replaced: CallRecord): void {
    replaced.endReason = 'transferred';
    invitation
      .accept({ sessionDescriptionHandlerOptions: audioOnly })
      .then(() => (replaced.info.state === CallState.Active ? replaced.session.bye() : undefined))
      .catch((error: unknown) => this.#log.warn(`taking over a transferred call failed: ${(error as Error).message}`));
  }

  #track(session: Session, initial: NewCall): CallRecord {
    const record = this.#registry.add(session, initial);
    session.stateChange.addListener((state) => this.#sessionChanged(record, state));
    // Every call gets a REFER handler: without one sip.js accepts and follows any REFER.
    // sip.js waits for the delegate to accept or reject, so the handler may load first.
    session.delegate = {
      ...session.delegate,
      onRefer: (referral) => {
        const call = snapshotOf(record);
        void this.#incomingReferrals().then((referrals) => referrals.received(call, referral), (error: unknown) => {
          this.#log.error(`transfer requests could not load: ${(error as Error).message}`);
          referral.reject({ statusCode: 603 }).catch(() => undefined);
        });
      },
    };
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
      const uri = UserAgent.makeURI(targetUri(target.user, config.domain));
      if (!uri) throw new Error(`cannot call ${target.user}`);
      const extraHeaders = target.replaces ? [`Replaces: ${replacesHeader(target.replaces)}`] : [];
      const inviter = new Inviter(ua, uri, { extraHeaders, sessionDescriptionHandlerOptions: audioOnly });
      // The new call reports its progress to the transferor (NOTIFY, RFC 3515) as sip.js's own
      // Referral.makeInviter arranges it; `_referred` is sip.js 0.21.2's field for that link.
      const referred = this.#registry.records().find((r) => r.info.callId === request.callId)?.session;
      if (referred) inviter._referred = referred;
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
      this.#transfers?.established(record);
    } else if (state === SessionState.Terminated) {
      // sip.js moves an Inviter to Terminated *before* it calls our onReject delegate with
      // the final response; finishing on the next microtask lets that reason be recorded.
      queueMicrotask(() => this.#ended(record));
    }
  }

  #ended(record: CallRecord): void {
    this.#referrals?.callEnded(record.info.callId);
    record.audio?.pause();
    this.#conference?.left(record);
    this.#registry.end(record);
    this.#transfers?.ended(record);
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
