import { UserAgent } from 'sip.js';
import { ErrorCode, type CallInfo, type ConsultationEndReason } from '../../../src/protocol/index.js';
import { CallState } from '../../state/call-state.js';
import { ConsultationState, transitionConsultation, type ConsultationStateName } from '../../state/consultation-state.js';
import type { Logger } from '../logger.js';
import { PhoneError, type Consultation, type PhoneChange } from '../phone-types.js';
import { snapshotOf, type CallRecord } from './call-record.js';
import type { CallRegistry } from './call-registry.js';
import { replacesHeader, targetUri } from './sip-uri.js';
import { replacesReferTo } from './sip-helpers.js';

/**
 * The transferor's side of transfers: a blind transfer (REFER, then leave), and an attended
 * one (hold the caller, consult the target, REFER with Replaces). The consultation is a
 * checked state machine (consultation-state.ts); the registry owns the calls.
 */

/** What transfers need from the phone service. */
export interface TransferHost {
  readonly log: Logger;
  readonly registry: CallRegistry;
  /** The tenant's SIP domain; throws `not_logged_in` while the phone is not registered. */
  domain(): string;
  setHeld(callId: string, held: boolean): Promise<CallInfo>;
  dial(number: string): Promise<CallInfo>;
  hangUp(callId: string): Promise<CallInfo>;
  emit(change: PhoneChange): void;
}

interface Running {
  state: ConsultationStateName;
  primary: CallRecord;
  consult: CallRecord;
  target: string;
}

const notNow = (message: string) => new PhoneError({ code: ErrorCode.NotAllowedNow, message });

export class OutgoingTransfers {
  readonly #phone: TransferHost;
  #running: Running | null = null;

  constructor(phone: TransferHost) {
    this.#phone = phone;
  }

  /** The consultation under way, as the screen and the host see it. */
  get consultation(): Consultation | null {
    const running = this.#running;
    return running ? { state: running.state, primaryId: running.primary.info.callId, consultId: running.consult.info.callId, target: running.target } : null;
  }

  async blind(callId: string, target: string): Promise<CallInfo> {
    const record = this.#phone.registry.get(callId);
    if (record.info.state !== CallState.Active) throw this.#phone.registry.notNow('transfer', record);
    const referTo = UserAgent.makeURI(targetUri(target, this.#phone.domain()));
    if (!referTo) throw new PhoneError({ code: ErrorCode.InvalidData, message: `cannot transfer to ${target}` });
    await record.session.refer(referTo, {
      requestDelegate: {
        onAccept: () => {
          // sip.js leaves the call up after a REFER is accepted: the transferor leaves now.
          record.endReason = 'transferred';
          this.#emit('blind-completed', record, target);
          record.session.bye().catch(() => this.#phone.log.warn('BYE after transfer failed'));
        },
        onReject: (response) => this.#phone.log.warn(`transfer refused: ${response.message.statusCode}`),
      },
    });
    this.#emit('blind-initialized', record, target);
    return snapshotOf(record);
  }

  /** Holds the caller and dials the target; a dial that cannot start takes the caller off hold again. */
  async attended(callId: string, target: string): Promise<CallInfo> {
    if (this.#running) throw notNow('a transfer is already in progress');
    const primary = this.#phone.registry.get(callId);
    if (primary.info.state !== CallState.Active || primary.info.conference) throw this.#phone.registry.notNow('transfer', primary);
    await this.#phone.setHeld(callId, true);
    let consultInfo: CallInfo;
    try {
      consultInfo = await this.#phone.dial(target);
    } catch (error) {
      await this.#phone.setHeld(callId, false).catch(() => undefined);
      throw error;
    }
    const consult = this.#phone.registry.get(consultInfo.callId);
    this.#running = { state: ConsultationState.Dialing, primary, consult, target };
    this.#emit('attended-initialized', primary, target);
    return snapshotOf(consult);
  }

  async complete(): Promise<CallInfo> {
    const running = this.#running;
    if (!running) throw notNow('no attended transfer is in progress');
    const { primary, consult, target } = running;
    // sip.js can only REFER with Replaces to an established consultation (FIELD-NOTES).
    const dialog = consult.session.dialog;
    if (running.state !== ConsultationState.Connected || !dialog) throw notNow('the transfer target has not answered yet');
    // Refer-To is the target's number at our domain with Replaces for the consultation dialog,
    // not the target's contact (sip.js's default): a transferee that checks Refer-To (as
    // Ringside does) follows only a number in the tenant's domain, and shows the number.
    const replaces = replacesHeader({ callId: dialog.callId, toTag: dialog.remoteTag, fromTag: dialog.localTag, earlyOnly: false });
    const referTo = replacesReferTo(target, this.#phone.domain(), replaces);
    await new Promise<void>((resolve, reject) => {
      primary.session
        .refer(referTo, {
          requestDelegate: {
            onAccept: () => {
              this.#finish(ConsultationState.Completed);
              primary.endReason = 'transferred';
              consult.endReason = 'transferred';
              this.#emit('attended-completed', primary, target);
              // The target replaces our consultation leg and ends it; our leg to the caller ends here.
              primary.session.bye().catch(() => undefined);
              resolve();
            },
            onReject: (response) => reject(new PhoneError({ code: ErrorCode.CallFailed, message: `the caller refused the transfer: ${response.message.statusCode}` })),
          },
        })
        .catch((error: unknown) => reject(notNow((error as Error).message)));
    });
    return snapshotOf(primary);
  }

  /** The consultation became a conference: the machine ends, the calls stay up. */
  merged(): void {
    if (this.#running?.state === ConsultationState.Connected) this.#finish(ConsultationState.Conference);
  }

  /** Switching lines during a consultation reports which side the agent now talks to. */
  switched(to: CallRecord): void {
    const running = this.#running;
    if (!running || (to !== running.primary && to !== running.consult)) return;
    this.#emit(to === running.primary ? 'attended-switch-primary' : 'attended-switch-secondary', to, running.target);
  }

  async cancel(reason: ConsultationEndReason = 'agent'): Promise<CallInfo> {
    const running = this.#running;
    if (!running) throw notNow('no attended transfer is in progress');
    this.#finish(ConsultationState.Cancelled);
    const { primary, consult, target } = running;
    if (consult.info.state !== CallState.Ended) await this.#phone.hangUp(consult.info.callId).catch(() => undefined);
    if (primary.info.state === CallState.Active && primary.info.held) {
      await this.#phone.setHeld(primary.info.callId, false).catch((error: unknown) => this.#phone.log.warn(`could not resume the caller: ${(error as Error).message}`));
    }
    this.#emit('attended-cancelled', primary, target, reason);
    return snapshotOf(primary);
  }

  /** A call was answered: if it is the consultation, the target is on the line. */
  established(record: CallRecord): void {
    const running = this.#running;
    if (running?.consult !== record || running.state !== ConsultationState.Dialing) return;
    running.state = transitionConsultation(running.state, ConsultationState.Connected);
    this.#emit('attended-connected', running.primary, running.target);
  }

  /**
   * A call ended. The consult call ending (hung up, busy, failed) cancels the consultation and
   * takes the caller off hold; the caller leaving ends it too, leaving the consult call as a
   * plain call. Never throws: it runs inside sip.js's callbacks.
   */
  ended(record: CallRecord): void {
    const running = this.#running;
    if (!running) return;
    if (record === running.consult) {
      const reason: ConsultationEndReason = running.state === ConsultationState.Connected ? 'hung_up' : 'failed';
      void this.cancel(reason).catch((error: unknown) => this.#phone.log.warn(`ending the consultation failed: ${(error as Error).message}`));
    } else if (record === running.primary) {
      this.#finish(ConsultationState.Cancelled);
      this.#emit('attended-cancelled', running.primary, running.target, 'caller_hung_up');
    }
  }

  #finish(state: ConsultationStateName): void {
    if (!this.#running) return;
    transitionConsultation(this.#running.state, state);
    this.#running = null;
  }

  #emit(stage: Extract<PhoneChange, { kind: 'transfer' }>['stage'], record: CallRecord, target: string, reason?: ConsultationEndReason): void {
    this.#phone.emit(reason ? { kind: 'transfer', stage, call: snapshotOf(record), target, reason } : { kind: 'transfer', stage, call: snapshotOf(record), target });
  }
}
