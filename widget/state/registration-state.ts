import type { RegistrationStateName } from '../../src/protocol/index.js';
import { IllegalTransitionError } from './call-state.js';

export const RegistrationState = {
  LoggedOut: 'logged_out',
  LoggingIn: 'logging_in',
  Registering: 'registering',
  Registered: 'registered',
  Reconnecting: 'reconnecting',
  Failed: 'failed',
} as const satisfies Record<string, RegistrationStateName>;

const allowed: { [S in RegistrationStateName]: readonly RegistrationStateName[] } = {
  logged_out: ['logging_in', 'registering'],
  logging_in: ['registering', 'failed', 'logged_out'],
  registering: ['registered', 'failed', 'reconnecting', 'logged_out'],
  registered: ['registering', 'reconnecting', 'failed', 'logged_out'],
  reconnecting: ['registering', 'failed', 'logged_out'],
  // Every state has a way out: a refused REGISTER, a failed start or an expired session can be
  // followed by a dropped socket (reconnecting), a renewal (registering) or a new login.
  failed: ['logging_in', 'registering', 'reconnecting', 'logged_out'],
};

export function canTransitionRegistration(from: RegistrationStateName, to: RegistrationStateName): boolean {
  return allowed[from].includes(to);
}

export function transitionRegistration(from: RegistrationStateName, to: RegistrationStateName): RegistrationStateName {
  if (!allowed[from].includes(to)) throw new IllegalTransitionError('registration', from, to);
  return to;
}
