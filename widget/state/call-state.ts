import type { CallStateName } from '../../src/protocol/index.js';

/**
 * The call state machine. `ringing` is an inbound call not yet answered; `dialing` an
 * outbound INVITE with no ringing yet; `early` an outbound call the far end is ringing.
 */
export const CallState = {
  Ringing: 'ringing',
  Dialing: 'dialing',
  Early: 'early',
  Active: 'active',
  Ended: 'ended',
} as const satisfies Record<string, CallStateName>;

const allowed: { [S in CallStateName]: readonly CallStateName[] } = {
  ringing: ['active', 'ended'],
  dialing: ['early', 'active', 'ended'],
  early: ['active', 'ended'],
  active: ['ended'],
  ended: [],
};

export class IllegalTransitionError extends Error {
  constructor(machine: string, from: string, to: string) {
    super(`${machine}: illegal transition ${from} → ${to}`);
  }
}

/** The next state, or a thrown {@link IllegalTransitionError} for a move the machine forbids. */
export function transitionCall(from: CallStateName, to: CallStateName): CallStateName {
  if (!allowed[from].includes(to)) throw new IllegalTransitionError('call', from, to);
  return to;
}

export function canTransitionCall(from: CallStateName, to: CallStateName): boolean {
  return allowed[from].includes(to);
}
