import type { Referral } from 'sip.js';
import type { CallInfo, TransferRequest } from '../../../src/protocol/index.js';
import type { Logger } from '../logger.js';
import type { PhoneChange, SipConfig } from '../phone-types.js';
import { snapshotOf, type CallRecord } from './call-record.js';
import type { CallRegistry } from './call-registry.js';
import { refuseAll } from './refer-policy.js';
import type { ReferTarget } from './refer-to.js';
import type { IncomingReferrals } from './referrals.js';
import type { OutgoingTransfers } from './transfers.js';

/** What the transfer parts need from the phone service. */
export interface TransferPartsHost {
  readonly log: Logger;
  readonly registry: CallRegistry;
  config(): SipConfig | null;
  domain(): string;
  setHeld(callId: string, held: boolean): Promise<CallInfo>;
  dial(number: string): Promise<CallInfo>;
  hangUp(callId: string): Promise<CallInfo>;
  follow(request: TransferRequest, target: ReferTarget): void;
  emit(change: PhoneChange): void;
}

/**
 * The phone's transfer machinery, loaded with its first use: the transfers the agent makes
 * (transfers.ts) and the transfer requests far ends send (referrals.ts). Neither is needed
 * to log in or ring, so neither is in the widget's first load.
 */
export class TransferParts {
  readonly #host: TransferPartsHost;
  outgoing: OutgoingTransfers | null = null;
  incoming: IncomingReferrals | null = null;

  constructor(host: TransferPartsHost) {
    this.#host = host;
  }

  async transfers(): Promise<OutgoingTransfers> {
    if (this.outgoing) return this.outgoing;
    const { OutgoingTransfers } = await import('./transfers.js');
    const host = this.#host;
    return (this.outgoing ??= new OutgoingTransfers({
      log: host.log,
      registry: host.registry,
      domain: () => host.domain(),
      setHeld: (callId, held) => host.setHeld(callId, held),
      dial: (number) => host.dial(number),
      hangUp: (callId) => host.hangUp(callId),
      emit: (change) => host.emit(change),
    }));
  }

  async referrals(): Promise<IncomingReferrals> {
    if (this.incoming) return this.incoming;
    const { IncomingReferrals } = await import('./referrals.js');
    const host = this.#host;
    return (this.incoming ??= new IncomingReferrals(
      {
        rules: () => host.config()?.refer ?? refuseAll(host.config()?.domain ?? ''),
        ownDialogs: () => new Set(host.registry.records().flatMap(({ session: { dialog } }) => (dialog ? [`${dialog.callId};${dialog.localTag};${dialog.remoteTag}`] : []))),
        follow: (request, target) => host.follow(request, target),
        changed: (request) => host.emit({ kind: 'transfer-request', request }),
      },
      host.log,
    ));
  }

  /**
   * sip.js's REFER handler for a call. Every call gets one: without it sip.js accepts and
   * follows any REFER. sip.js waits for the handler to accept or reject, so it may load first.
   */
  referHandler(record: CallRecord): (referral: Referral) => void {
    return (referral) => {
      const call = snapshotOf(record);
      void this.referrals().then(
        (referrals) => referrals.received(call, referral),
        (error: unknown) => {
          this.#host.log.error(`transfer requests could not load: ${(error as Error).message}`);
          referral.reject({ statusCode: 603 }).catch(() => undefined);
        },
      );
    };
  }
}
