import { ErrorCode, type CallInfo, type CtiData } from '../../src/protocol/index.js';
import { PhoneError, type PhoneService } from './phone-types.js';

/**
 * The agent's lines as commands, shared by host actions and the phone's own buttons: each
 * resolves which call it applies to (the named one, else the first that fits) and refuses
 * with a code (`no_such_call`, `not_logged_in`, `not_allowed_now`) when none does.
 */
export class Lines {
  readonly #phone: PhoneService;

  constructor(phone: PhoneService) {
    this.#phone = phone;
  }

  get calls(): readonly CallInfo[] {
    return this.#phone.calls;
  }

  /** The line the agent is on: answered and not held, else the newest call being placed. */
  get current(): CallInfo | undefined {
    const calls = this.#phone.calls;
    return calls.find((c) => c.state === 'active' && !c.held) ?? calls.findLast((c) => c.state === 'dialing' || c.state === 'early');
  }

  requireRegistered(): void {
    if (this.#phone.registration !== 'registered') throw new PhoneError({ code: ErrorCode.NotLoggedIn, message: 'the phone is not logged in and registered' });
  }

  dial(number: string, cti?: CtiData): Promise<CallInfo> {
    this.requireRegistered();
    return this.#phone.dial(number, cti);
  }

  answer(callId?: string): Promise<CallInfo> {
    return this.#phone.answer(this.target(callId, (c) => c.state === 'ringing'));
  }

  reject(callId?: string): Promise<CallInfo> {
    return this.#phone.reject(this.target(callId, (c) => c.state === 'ringing'));
  }

  hangUp(callId?: string): Promise<CallInfo> {
    return this.#phone.hangUp(callId ?? this.current?.callId ?? this.target(undefined, () => true));
  }

  setMuted(muted: boolean, callId?: string): Promise<CallInfo> {
    return this.#phone.setMuted(callId ?? this.current?.callId ?? this.target(undefined, (c) => c.state === 'active'), muted);
  }

  hold(callId?: string): Promise<CallInfo> {
    return this.#phone.setHeld(this.target(callId, (c) => c.state === 'active' && !c.held), true);
  }

  /** Resumes a held line; the line the agent was on is held first. */
  unhold(callId?: string): Promise<CallInfo> {
    return this.#phone.setHeld(this.target(callId, (c) => c.state === 'active' && c.held), false);
  }

  sendDtmf(tones: string, callId?: string): Promise<CallInfo> {
    return this.#phone.sendDtmf(callId ?? this.current?.callId ?? this.target(undefined, (c) => c.state === 'active'), tones);
  }

  blindTransfer(target: string, callId?: string): Promise<CallInfo> {
    return this.#phone.blindTransfer(callId ?? this.current?.callId ?? this.target(undefined, (c) => c.state === 'active'), target);
  }

  attendedTransfer(target: string, callId?: string): Promise<CallInfo> {
    return this.#phone.attendedTransfer(this.target(callId, (c) => c.state === 'active' && !c.held), target);
  }

  /** The named call, or the first call that fits when no id is given. */
  target(callId: string | undefined, fits: (call: CallInfo) => boolean): string {
    const calls = this.#phone.calls;
    if (callId !== undefined) {
      if (!calls.some((c) => c.callId === callId)) throw new PhoneError({ code: ErrorCode.NoSuchCall, message: `no call ${callId}` });
      return callId;
    }
    const call = calls.find(fits);
    if (call) return call.callId;
    this.requireRegistered();
    throw new PhoneError({ code: ErrorCode.NotAllowedNow, message: 'there is no call this action applies to' });
  }
}
