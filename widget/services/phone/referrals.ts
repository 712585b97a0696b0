import type { Referral } from 'sip.js';
import { ErrorCode, type CallInfo, type TransferRefusal, type TransferRequest } from '../../../src/protocol/index.js';
import type { Logger } from '../logger.js';
import { PhoneError } from '../phone-types.js';
import { decideRefer } from './refer-decision.js';
import type { ReferRules } from './refer-policy.js';
import type { ReferTarget } from './refer-to.js';

/**
 * Incoming REFERs: the far end of a call asking the agent's phone to call someone else.
 * Each one is decided by the tenant's policy (refer-policy.ts) and then followed (202), put
 * to the agent (policy `ask`), or refused: 403 Forbidden when the policy or the Refer-To rules
 * forbid it, 603 Decline when the agent declines or does not answer in time. A refused
 * request leaves the call as it was. Every outcome is reported as a `transfer-request` change.
 */

/**
 * How long the agent has to answer before the request is declined. A REFER is a non-INVITE
 * transaction: its sender gives up after 32 s (Timer F), so the answer must come well before.
 */
export const ASK_TIMEOUT_MS = 20_000;

/** What this file uses of a sip.js Referral (so tests can hand in a fake). */
export type IncomingRefer = Pick<Referral, 'accept' | 'reject'> & { readonly request: Pick<Referral['request'], 'getHeaders'> };

export interface ReferralOwner {
  rules(): ReferRules;
  /** `callId;localTag;remoteTag` of each of the phone's calls. */
  ownDialogs(): Set<string>;
  /** Places the new call for a request that is followed (the INVITE is built from `target`). */
  follow(request: TransferRequest, target: ReferTarget): void;
  changed(request: TransferRequest): void;
}

interface Waiting {
  request: TransferRequest;
  referral: IncomingRefer;
  target: ReferTarget;
  timer: ReturnType<typeof setTimeout>;
}

let counter = 0;

export class IncomingReferrals {
  readonly #owner: ReferralOwner;
  readonly #log: Logger;
  readonly #timeoutMs: number;
  readonly #waiting = new Map<string, Waiting>();

  constructor(owner: ReferralOwner, log: Logger, timeoutMs = ASK_TIMEOUT_MS) {
    this.#owner = owner;
    this.#log = log;
    this.#timeoutMs = timeoutMs;
  }

  get waiting(): TransferRequest[] {
    return [...this.#waiting.values()].map((w) => w.request);
  }

  /** A REFER arrived in `call` (sip.js hands over only REFERs in established sessions). */
  received(call: CallInfo, referral: IncomingRefer): void {
    counter += 1;
    const decision = decideRefer(referral.request.getHeaders('refer-to'), this.#owner.rules(), this.#owner.ownDialogs());
    const request: TransferRequest = {
      requestId: `r${Date.now().toString(36)}${counter.toString(36)}`,
      callId: call.callId,
      fromNumber: call.remoteNumber,
      fromName: call.remoteName,
      fromIdentity: call.identity ?? 'claimed',
      target: decision.action === 'refuse' ? decision.user : decision.target.user,
      attended: decision.action !== 'refuse' && decision.target.replaces !== null,
      state: 'asking',
    };
    if (decision.action === 'refuse') this.#refuse(request, referral, decision.refusal, decision.detail);
    else if (call.state !== 'active') this.#refuse(request, referral, 'ended', 'the call is not up');
    else if (decision.action === 'follow') this.#follow(request, referral, decision.target);
    else if (this.#waiting.size > 0) this.#refuse(request, referral, 'pending', 'another transfer request is waiting for the agent');
    else this.#ask(request, referral, decision.target);
  }

  #ask(request: TransferRequest, referral: IncomingRefer, target: ReferTarget): void {
    const timer = setTimeout(() => this.#settle(request.requestId, 'timeout'), this.#timeoutMs);
    request.expiresAt = new Date(Date.now() + this.#timeoutMs).toISOString();
    this.#waiting.set(request.requestId, { request, referral, target, timer });
    this.#owner.changed(request);
  }

  /** The agent's answer to a waiting request. */
  answer(requestId: string, accept: boolean): TransferRequest {
    const waiting = this.#waiting.get(requestId);
    if (!waiting) throw new PhoneError({ code: ErrorCode.NotAllowedNow, message: `no transfer request ${requestId} is waiting` });
    return accept ? this.#settle(requestId, null) : this.#settle(requestId, 'declined');
  }

  /** The call ended (or the phone is going away): its waiting requests are declined. */
  callEnded(callId?: string): void {
    for (const waiting of [...this.#waiting.values()]) if (callId === undefined || waiting.request.callId === callId) this.#settle(waiting.request.requestId, 'ended');
  }

  /** Ends a waiting request: followed (`null`) or refused for `refusal`. */
  #settle(requestId: string, refusal: TransferRefusal | null): TransferRequest {
    const waiting = this.#waiting.get(requestId)!;
    clearTimeout(waiting.timer);
    this.#waiting.delete(requestId);
    const { expiresAt: _answered, ...request } = waiting.request;
    if (refusal === null) return this.#follow(request, waiting.referral, waiting.target);
    const detail = refusal === 'declined' ? 'the agent declined' : refusal === 'timeout' ? 'the agent did not answer in time' : 'the call ended first';
    // The agent was asked: whatever ended it, the answer is the agent's side declining.
    return this.#refuse(request, waiting.referral, refusal, detail, 603);
  }

  #follow(request: TransferRequest, referral: IncomingRefer, target: ReferTarget): TransferRequest {
    const accepted: TransferRequest = { ...request, state: 'accepted' };
    try {
      void referral.accept();
    } catch (error) {
      this.#log.warn(`could not accept a transfer request: ${(error as Error).message}`);
      return this.#refuse(request, referral, 'ended', 'the request could no longer be answered');
    }
    this.#owner.changed(accepted);
    this.#owner.follow(accepted, target);
    return accepted;
  }

  #refuse(request: TransferRequest, referral: IncomingRefer, refusal: TransferRefusal, detail: string, statusCode = 403): TransferRequest {
    try {
      void referral.reject({ statusCode, reasonPhrase: statusCode === 603 ? 'Decline' : 'Forbidden' });
    } catch (error) {
      // The REFER's transaction is over (the call ended, or its sender gave up): nothing to answer.
      this.#log.debug(`transfer request already answered: ${(error as Error).message}`);
    }
    this.#log.warn(`refused a transfer request to "${request.target}": ${refusal} (${detail})`);
    const refused: TransferRequest = {
      ...request,
      state: 'refused',
      refusal,
      error: { code: ErrorCode.TransferRefused, message: `transfer request refused: ${detail}` },
    };
    this.#owner.changed(refused);
    return refused;
  }
}
