import { UserAgent } from 'sip.js';
import { ErrorCode, type CallInfo } from '../../../src/protocol/index.js';
import { CallState } from '../../state/call-state.js';
import type { Logger } from '../logger.js';
import { PhoneError, type PhoneChange } from '../phone-types.js';
import type { CallRecord } from './call-record.js';
import { replacesHeader, targetUri } from './refer-to.js';
import { replacesReferTo } from './sip-helpers.js';

/**
 * The transferor's side of transfers: a blind transfer (REFER, then leave), and an attended
 * one (hold the caller, consult the target, REFER with Replaces), with switching between the
 * two lines during a consultation. The phone service owns the calls; this owns the transfer.
 */

/** What transfers need from the phone service. */
export interface TransferHost {
  readonly log: Logger;
  call(callId: string): CallRecord;
  records(): Iterable<CallRecord>;
  /** The tenant's SIP domain; throws `not_logged_in` while the phone is not registered. */
  domain(): string;
  setHeld(callId: string, held: boolean): Promise<CallInfo>;
  dial(number: string): Promise<CallInfo>;
  hangUp(callId: string): Promise<CallInfo>;
  snapshot(record: CallRecord): CallInfo;
  notNow(action: string, record: CallRecord): PhoneError;
  emit(change: PhoneChange): void;
}

export class OutgoingTransfers {
  readonly #phone: TransferHost;
  /** An attended transfer under way: the held caller and the consultation call. */
  #consultation: { primary: CallRecord; consult: CallRecord; target: string } | null = null;

  constructor(phone: TransferHost) {
    this.#phone = phone;
  }

  async blind(callId: string, target: string): Promise<CallInfo> {
    const record = this.#phone.call(callId);
    if (record.info.state !== CallState.Active) throw this.#phone.notNow('transfer', record);
    const referTo = UserAgent.makeURI(targetUri(target, this.#phone.domain()));
    if (!referTo) throw new PhoneError({ code: ErrorCode.InvalidData, message: `cannot transfer to ${target}` });
    await record.session.refer(referTo, {
      requestDelegate: {
        onAccept: () => {
          // sip.js leaves the call up after a REFER is accepted: the transferor leaves now.
          record.endReason = 'transferred';
          this.#phone.emit({ kind: 'transfer', stage: 'blind-completed', call: this.#phone.snapshot(record), target });
          record.session.bye().catch(() => this.#phone.log.warn('BYE after transfer failed'));
        },
        onReject: (response) => this.#phone.log.warn(`transfer refused: ${response.message.statusCode}`),
      },
    });
    this.#phone.emit({ kind: 'transfer', stage: 'blind-initialized', call: this.#phone.snapshot(record), target });
    return this.#phone.snapshot(record);
  }

  async attended(callId: string, target: string): Promise<CallInfo> {
    if (this.#consultation) throw new PhoneError({ code: ErrorCode.NotAllowedNow, message: 'a transfer is already in progress' });
    const primary = this.#phone.call(callId);
    await this.#phone.setHeld(callId, true);
    const consultInfo = await this.#phone.dial(target);
    const consult = this.#phone.call(consultInfo.callId);
    this.#consultation = { primary, consult, target };
    this.#phone.emit({ kind: 'transfer', stage: 'attended-initialized', call: this.#phone.snapshot(primary), target });
    return this.#phone.snapshot(consult);
  }

  async complete(): Promise<CallInfo> {
    const consultation = this.#consultation;
    if (!consultation) throw new PhoneError({ code: ErrorCode.NotAllowedNow, message: 'no attended transfer is in progress' });
    const { primary, consult, target } = consultation;
    // sip.js can only REFER with Replaces to an established consultation (FIELD-NOTES).
    const dialog = consult.session.dialog;
    if (consult.info.state !== CallState.Active || !dialog) throw new PhoneError({ code: ErrorCode.NotAllowedNow, message: 'the transfer target has not answered yet' });
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
              this.#consultation = null;
              primary.endReason = 'transferred';
              consult.endReason = 'transferred';
              this.#phone.emit({ kind: 'transfer', stage: 'attended-completed', call: this.#phone.snapshot(primary), target });
              // The target replaces our consultation leg and ends it; our leg to the caller ends here.
              primary.session.bye().catch(() => undefined);
              resolve();
            },
            onReject: (response) => reject(new PhoneError({ code: ErrorCode.CallFailed, message: `the caller refused the transfer: ${response.message.statusCode}` })),
          },
        })
        .catch((error: unknown) => reject(new PhoneError({ code: ErrorCode.NotAllowedNow, message: (error as Error).message })));
    });
    return this.#phone.snapshot(primary);
  }

  async changeActiveLine(): Promise<CallInfo> {
    const answered = [...this.#phone.records()].filter((r) => r.info.state === CallState.Active);
    const active = answered.find((r) => !r.info.held);
    const waiting = answered.find((r) => r.info.held);
    if (!waiting) throw new PhoneError({ code: ErrorCode.NotAllowedNow, message: 'there is no other line to switch to' });
    if (active) await this.#phone.setHeld(active.info.callId, true);
    await this.#phone.setHeld(waiting.info.callId, false);
    const consultation = this.#consultation;
    if (consultation && (waiting === consultation.primary || waiting === consultation.consult)) {
      const stage = waiting === consultation.primary ? 'attended-switch-primary' : 'attended-switch-secondary';
      this.#phone.emit({ kind: 'transfer', stage, call: this.#phone.snapshot(waiting), target: consultation.target });
    }
    return this.#phone.snapshot(waiting);
  }

  async cancel(): Promise<CallInfo> {
    const consultation = this.#consultation;
    if (!consultation) throw new PhoneError({ code: ErrorCode.NotAllowedNow, message: 'no attended transfer is in progress' });
    this.#consultation = null;
    const { primary, consult, target } = consultation;
    if (consult.info.state !== CallState.Ended) await this.#phone.hangUp(consult.info.callId).catch(() => undefined);
    if (primary.info.state === CallState.Active) await this.#phone.setHeld(primary.info.callId, false);
    this.#phone.emit({ kind: 'transfer', stage: 'attended-cancelled', call: this.#phone.snapshot(primary), target });
    return this.#phone.snapshot(primary);
  }

  /** A call was answered: if it is the consultation, the target is on the line. */
  established(record: CallRecord): void {
    const consultation = this.#consultation;
    if (consultation?.consult === record) this.#phone.emit({ kind: 'transfer', stage: 'attended-connected', call: this.#phone.snapshot(consultation.primary), target: consultation.target });
  }

  /** A call ended: a consultation whose caller left is over. */
  ended(record: CallRecord): void {
    if (this.#consultation?.primary === record) this.#consultation = null;
  }
}
