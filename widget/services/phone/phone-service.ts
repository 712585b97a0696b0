import { Invitation, Inviter, SessionState, SIPExtension, UserAgent, type Session, type Web } from 'sip.js';
import { ErrorCode, type CallInfo, type CallStats, type CtiData, type RegistrationStateName, type RingsideError, type TransferRequest } from '../../../src/protocol/index.js';
import { canTransitionCall, CallState } from '../../state/call-state.js';
import { RegistrationState, transitionRegistration } from '../../state/registration-state.js';
import type { Logger } from '../logger.js';
import { callStats, peerOf, playRemoteAudio } from './call-media.js';
import { refuseAll } from './refer-policy.js';
import { replacesHeader, targetUri, type ReferTarget } from './refer-to.js';
import { IncomingReferrals } from './referrals.js';
import { OutgoingTransfers } from './transfers.js';
import { newCallRecord, snapshotOf, type CallRecord, type NewCall } from './call-record.js';
import { inboundCallOf } from './inbound-call.js';
import { SipRegistration } from './registration.js';
import { clip, endReasonFor } from './sip-helpers.js';
import { PhoneError, type PhoneChange, type PhoneService, type SipConfig } from '../phone-types.js';

/**
 * The phone service (this folder is the only importer of sip.js). Owns the UserAgent, the
 * Registerer and one sip.js Session per call, and turns their callbacks into checked
 * state-machine changes. Transfers this phone makes are in transfers.ts; transfer requests
 * it receives (REFER from the far end) in referrals.ts.
 *
 * sip.js 0.21's own reconnect is unreliable (FIELD-NOTES), so it is switched off and
 * `registration.ts` runs our own loop with backoff, re-registering with a new Registerer.
 */

/** How long a hold or unhold re-INVITE may go unanswered before the action fails. */
const REINVITE_TIMEOUT_MS = 8000;

export class SipPhoneService implements PhoneService {
  readonly #log: Logger;
  readonly #listeners = new Set<(change: PhoneChange) => void>();
  readonly #calls = new Map<string, CallRecord>();
  #registration: RegistrationStateName = RegistrationState.LoggedOut;
  #ua: UserAgent | null = null;
  #config: SipConfig | null = null;
  readonly #registrar = new SipRegistration((state, error) => this.#setRegistration(state, error), (line) => this.#log.warn(line));
  readonly #referrals: IncomingReferrals;
  readonly #transfers: OutgoingTransfers;

  constructor(log: Logger) {
    this.#log = log;
    this.#transfers = new OutgoingTransfers({
      log: this.#log,
      call: (callId) => this.#call(callId),
      records: () => this.#calls.values(),
      domain: () => this.#ready().config.domain,
      setHeld: (callId, held) => this.setHeld(callId, held),
      dial: (number) => this.dial(number),
      hangUp: (callId) => this.hangUp(callId),
      snapshot: snapshotOf,
      notNow: (action, record) => this.#notNow(action, record),
      emit: (change) => this.#emit(change),
    });
    this.#referrals = new IncomingReferrals(
      {
        rules: () => this.#config?.refer ?? refuseAll(this.#config?.domain ?? ''),
        ownDialogs: () => new Set([...this.#calls.values()].flatMap(({ session: { dialog } }) => (dialog ? [`${dialog.callId};${dialog.localTag};${dialog.remoteTag}`] : []))),
        follow: (request, target) => this.#follow(request, target),
        changed: (request) => this.#emit({ kind: 'transfer-request', request }),
      },
      log,
    );
  }

  get registration(): RegistrationStateName {
    return this.#registration;
  }

  get calls(): readonly CallInfo[] {
    return [...this.#calls.values()].map((record) => snapshotOf(record));
  }

  get transferRequests(): readonly TransferRequest[] {
    return this.#referrals.waiting;
  }

  async answerTransferRequest(requestId: string, accept: boolean): Promise<TransferRequest> {
    return this.#referrals.answer(requestId, accept);
  }

  subscribe(listener: (change: PhoneChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async connect(config: SipConfig): Promise<void> {
    this.#config = config;
    if (this.#ua) return this.#registrar.renew(config.username, config.password);
    const ua = new UserAgent({
      uri: UserAgent.makeURI(`sip:${config.user}@${config.domain}`),
      displayName: config.displayName,
      authorizationUsername: config.username,
      authorizationPassword: config.password,
      transportOptions: { server: config.wsUrl, connectionTimeout: 5, keepAliveInterval: 25 },
      reconnectionAttempts: 0,
      sipExtensionReplaces: SIPExtension.Supported,
      logBuiltinEnabled: false,
      logLevel: 'error',
      userAgentString: 'Ringside',
      sessionDescriptionHandlerFactoryOptions: {
        // No public STUN (the default) and a short gathering wait: see FIELD-NOTES.
        peerConnectionConfiguration: { iceServers: [] },
        iceGatheringTimeout: 500,
      },
      delegate: {
        onInvite: (invitation) => this.#incoming(invitation),
        onDisconnect: (error) => {
          if (error) this.#registrar.connectionLost();
        },
      },
    });
    this.#ua = ua;
    this.#setRegistration(RegistrationState.Registering);
    try {
      await ua.start();
    } catch {
      this.#setRegistration(RegistrationState.Failed, { code: ErrorCode.RegistrationFailed, message: `SIP server ${config.wsUrl} is unreachable` });
      return;
    }
    await this.#registrar.start(ua);
  }

  async disconnect(): Promise<void> {
    this.#referrals.callEnded();
    for (const record of this.#calls.values()) void this.hangUp(record.info.callId).catch(() => undefined);
    await this.#registrar.stop();
    await this.#ua?.stop();
    this.#ua = null;
    this.#setRegistration(RegistrationState.LoggedOut);
  }

  async dial(number: string, cti?: CtiData): Promise<CallInfo> {
    const { ua, config } = this.#ready();
    const target = UserAgent.makeURI(targetUri(number, config.domain));
    if (!target) throw new PhoneError({ code: ErrorCode.InvalidData, message: `cannot dial ${number}` });
    const extraHeaders = Object.entries(cti?.variables ?? {}).map(([name, value]) => `X-${name}: ${value}`);
    const inviter = new Inviter(ua, target, { extraHeaders, sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } } });
    const record = this.#track(inviter, { direction: 'outbound', remoteNumber: number, remoteName: '', identity: 'asserted', state: CallState.Dialing });
    inviter
      .invite({
        requestDelegate: {
          onProgress: (response) => {
            const status = response.message.statusCode ?? 0;
            if ((status === 180 || status === 183) && record.info.state === CallState.Dialing) this.#update(record, { state: CallState.Early });
          },
          onReject: (response) => {
            record.endReason ??= endReasonFor(response.message.statusCode ?? 0);
          },
        },
      })
      .catch((error: unknown) => {
        this.#log.warn(`outbound call failed to start: ${(error as Error).message}`);
        record.endReason ??= 'failed';
      });
    return snapshotOf(record);
  }

  async answer(callId: string): Promise<CallInfo> {
    const record = this.#call(callId);
    if (!(record.session instanceof Invitation) || record.info.state !== CallState.Ringing) throw this.#notNow('answer', record);
    record.session.accept({ sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } } }).catch((error: unknown) => {
      this.#log.warn(`answer failed: ${(error as Error).message}`);
      record.endReason ??= 'failed';
    });
    return snapshotOf(record);
  }

  async reject(callId: string): Promise<CallInfo> {
    const record = this.#call(callId);
    if (!(record.session instanceof Invitation) || record.info.state !== CallState.Ringing) throw this.#notNow('reject', record);
    record.endReason = 'rejected';
    await record.session.reject({ statusCode: 486 });
    return snapshotOf(record);
  }

  async hangUp(callId: string): Promise<CallInfo> {
    const record = this.#call(callId);
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
        throw this.#notNow('hangUp', record);
    }
    return snapshotOf(record);
  }

  async setMuted(callId: string, muted: boolean): Promise<CallInfo> {
    const record = this.#call(callId);
    if (record.info.state !== CallState.Active) throw this.#notNow(muted ? 'mute' : 'unmute', record);
    if (record.info.muted === muted) return snapshotOf(record);
    for (const sender of peerOf(record.session)?.getSenders() ?? []) if (sender.track) sender.track.enabled = !muted;
    this.#update(record, { muted });
    return snapshotOf(record);
  }

  async setHeld(callId: string, held: boolean): Promise<CallInfo> {
    const record = this.#call(callId);
    if (record.info.state !== CallState.Active) throw this.#notNow(held ? 'hold' : 'unhold', record);
    if (record.info.held === held) return snapshotOf(record);
    const { session } = record;
    session.sessionDescriptionHandlerOptionsReInvite = { hold: held, constraints: { audio: true, video: false } } as typeof session.sessionDescriptionHandlerOptionsReInvite;
    await new Promise<void>((resolve, reject) => {
      // A re-INVITE that gets no answer must not leave the host's action hanging.
      const timer = setTimeout(() => reject(new PhoneError({ code: ErrorCode.CallFailed, message: `no answer to the ${held ? 'hold' : 'unhold'} request` })), REINVITE_TIMEOUT_MS);
      const done = () => clearTimeout(timer);
      session
        .invite({
          requestDelegate: {
            onAccept: () => {
              done();
              this.#update(record, { held });
              resolve();
            },
            // A refused hold (488, 491…) must not end the call: it stays as it was.
            onReject: (response) => {
              done();
              reject(new PhoneError({ code: ErrorCode.CallFailed, message: `the other side refused: ${response.message.statusCode} ${response.message.reasonPhrase}` }));
            },
          },
        })
        .catch((error: unknown) => {
          done();
          reject(new PhoneError({ code: ErrorCode.NotAllowedNow, message: `cannot ${held ? 'hold' : 'unhold'} now: ${(error as Error).message}` }));
        });
    });
    return snapshotOf(record);
  }

  blindTransfer(callId: string, target: string): Promise<CallInfo> {
    return this.#transfers.blind(callId, target);
  }

  attendedTransfer(callId: string, target: string): Promise<CallInfo> {
    return this.#transfers.attended(callId, target);
  }

  completeAttendedTransfer(): Promise<CallInfo> {
    return this.#transfers.complete();
  }

  changeActiveLine(): Promise<CallInfo> {
    return this.#transfers.changeActiveLine();
  }

  cancelAttendedTransfer(): Promise<CallInfo> {
    return this.#transfers.cancel();
  }

  async sendDtmf(callId: string, tones: string): Promise<CallInfo> {
    const record = this.#call(callId);
    if (record.info.state !== CallState.Active) throw this.#notNow('send DTMF on', record);
    const handler = record.session.sessionDescriptionHandler as Web.SessionDescriptionHandler | undefined;
    if (!handler?.sendDtmf(tones, { duration: 100, interToneGap: 70 })) {
      throw new PhoneError({ code: ErrorCode.CallFailed, message: 'this call cannot carry DTMF tones' });
    }
    return snapshotOf(record);
  }

  async stats(callId?: string): Promise<CallStats[]> {
    const records = callId ? [this.#call(callId)] : [...this.#calls.values()];
    return Promise.all(records.map((record) => callStats(record.info.callId, peerOf(record.session))));
  }

  // --- registration -------------------------------------------------------------------

  #setRegistration(state: RegistrationStateName, error?: RingsideError): void {
    if (state === this.#registration && !error) return;
    this.#registration = transitionRegistration(this.#registration, state);
    this.#emit(error ? { kind: 'registration', state, error } : { kind: 'registration', state });
  }

  // --- calls --------------------------------------------------------------------------

  #ready(): { ua: UserAgent; config: SipConfig } {
    if (!this.#ua || !this.#config || this.#registration !== RegistrationState.Registered) {
      throw new PhoneError({ code: ErrorCode.NotLoggedIn, message: 'the phone is not registered' });
    }
    return { ua: this.#ua, config: this.#config };
  }

  #call(callId: string): CallRecord {
    const record = this.#calls.get(callId);
    if (!record) throw new PhoneError({ code: ErrorCode.NoSuchCall, message: `no call ${callId}` });
    return record;
  }

  #notNow(action: string, record: CallRecord): PhoneError {
    return new PhoneError({ code: ErrorCode.NotAllowedNow, message: `cannot ${action} a call that is ${record.info.state}` });
  }

  #incoming(invitation: Invitation): void {
    const replaced = invitation.replacee ? [...this.#calls.values()].find((r) => r.session === invitation.replacee) : undefined;
    this.#track(invitation, inboundCallOf(invitation.request));
    if (replaced) this.#takeOver(invitation, replaced);
  }

  /**
   * An INVITE that replaces one of our calls (the last step of someone's attended transfer):
   * answer it at once and end the call it replaces.
   */
  #takeOver(invitation: Invitation, replaced: CallRecord): void {
    replaced.endReason = 'transferred';
    invitation
      .accept({ sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } } })
      .then(() => (replaced.info.state === CallState.Active ? replaced.session.bye() : undefined))
      .catch((error: unknown) => this.#log.warn(`taking over a transferred call failed: ${(error as Error).message}`));
  }

  #track(session: Session, initial: NewCall): CallRecord {
    const record = newCallRecord(session, initial);
    this.#calls.set(record.info.callId, record);
    session.stateChange.addListener((state) => this.#sessionChanged(record, state));
    // Every call gets a REFER handler: without one sip.js accepts and follows any REFER.
    session.delegate = { ...session.delegate, onRefer: (referral) => this.#referrals.received(snapshotOf(record), referral) };
    this.#emit({ kind: 'call', call: snapshotOf(record), previous: null });
    return record;
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
      const inviter = new Inviter(ua, uri, { extraHeaders, sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } } });
      // The new call reports its progress to the transferor (NOTIFY, RFC 3515) as sip.js's own
      // Referral.makeInviter arranges it; `_referred` is sip.js 0.21.2's field for that link.
      const referred = this.#calls.get(request.callId)?.session;
      if (referred) inviter._referred = referred;
      const record = this.#track(inviter, { direction: 'outbound', remoteNumber: clip(target.user), remoteName: '', identity: 'asserted', state: CallState.Dialing });
      inviter
        .invite({ requestDelegate: { onReject: (response) => void (record.endReason ??= endReasonFor(response.message.statusCode ?? 0)) } })
        .catch((error: unknown) => this.#log.warn(`could not follow a transfer: ${(error as Error).message}`));
    } catch (error) {
      this.#log.warn(`could not follow a transfer: ${(error as Error).message}`);
    }
  }

  #sessionChanged(record: CallRecord, state: SessionState): void {
    if (state === SessionState.Established) {
      record.answeredAtMs = Date.now();
      record.audio = playRemoteAudio(record.session, () => this.#log.warn('remote audio needs a user gesture to play'));
      this.#update(record, { state: CallState.Active, answeredAt: new Date(record.answeredAtMs).toISOString() });
      this.#transfers.established(record);
    } else if (state === SessionState.Terminated) {
      // sip.js moves an Inviter to Terminated *before* it calls our onReject delegate with
      // the final response; finishing on the next microtask lets that reason be recorded.
      queueMicrotask(() => this.#ended(record));
    }
  }

  #ended(record: CallRecord): void {
    this.#referrals.callEnded(record.info.callId);
    this.#transfers.ended(record);
    const was = record.info.state;
    const reason = record.endReason ?? (was === CallState.Active ? 'remote_hangup' : was === CallState.Ringing ? 'missed' : 'failed');
    record.audio?.pause();
    this.#update(record, { state: CallState.Ended, endedAt: new Date().toISOString(), endReason: reason });
    this.#calls.delete(record.info.callId);
  }

  #update(record: CallRecord, patch: Partial<CallInfo>): void {
    const previous = snapshotOf(record);
    if (patch.state && patch.state !== previous.state && !canTransitionCall(previous.state, patch.state)) {
      this.#log.error(`ignored illegal call transition ${previous.state} → ${patch.state}`);
      return;
    }
    record.info = { ...record.info, ...patch };
    this.#emit({ kind: 'call', call: snapshotOf(record), previous });
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
