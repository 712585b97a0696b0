import { IllegalTransitionError } from './call-state.js';

/**
 * The agent's consultation during an attended transfer: the caller is held while the agent
 * `dialing` the target, then `connected` with them; it ends `completed` (transferred),
 * `conference` (all three merged) or `cancelled` (by the agent, or because one side left or
 * the consult call failed). Every way the consult call can end leads out of the machine, so
 * a caller is never left on hold by a consultation that is over.
 */
export const ConsultationState = {
  Dialing: 'dialing',
  Connected: 'connected',
  Completed: 'completed',
  Conference: 'conference',
  Cancelled: 'cancelled',
} as const;

export type ConsultationStateName = (typeof ConsultationState)[keyof typeof ConsultationState];

const allowed: { [S in ConsultationStateName]: readonly ConsultationStateName[] } = {
  dialing: ['connected', 'cancelled'],
  connected: ['completed', 'conference', 'cancelled'],
  completed: [],
  conference: [],
  cancelled: [],
};

export function canTransitionConsultation(from: ConsultationStateName, to: ConsultationStateName): boolean {
  return allowed[from].includes(to);
}

export function transitionConsultation(from: ConsultationStateName, to: ConsultationStateName): ConsultationStateName {
  if (!canTransitionConsultation(from, to)) throw new IllegalTransitionError('consultation', from, to);
  return to;
}
