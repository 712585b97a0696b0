import type { CallInfo } from './calls.js';

export type RegistrationStateName =
  | 'logged_out'
  | 'logging_in'
  | 'registering'
  | 'registered'
  | 'reconnecting'
  | 'failed';

/** The agent as the session API describes them. */
export interface AgentProfile {
  userId: string;
  extension: string;
  displayName: string;
}

/**
 * Tegsoft's `primarySession` summary of the current call, so hosts written for that
 * document read the same fields.
 */
export interface PrimarySession {
  answerDate: string | null;
  sessionStartDate: string;
  endDate: string | null;
  isMuted: boolean;
  isOnHold: boolean;
  remoteNumber: string;
  isRinging: boolean;
  isAnswered: boolean;
  duration: number;
  formattedDuration: string;
}

export interface StatusData {
  agent: {
    USERCODE: string;
    EXTEN: string;
    DISPLAYNAME: string;
    ready: boolean;
    /** Set while the agent is not ready. */
    notReadyReason?: string;
    phoneAccess: boolean;
  } | null;
  registration: RegistrationStateName;
  primarySession: PrimarySession | null;
  calls: CallInfo[];
}

export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
}

export function toPrimarySession(call: CallInfo): PrimarySession {
  return {
    answerDate: call.answeredAt,
    sessionStartDate: call.startedAt,
    endDate: call.endedAt,
    isMuted: call.muted,
    isOnHold: call.held,
    remoteNumber: call.remoteNumber,
    isRinging: call.state === 'ringing',
    isAnswered: call.answeredAt !== null,
    duration: call.duration,
    formattedDuration: formatDuration(call.duration),
  };
}
