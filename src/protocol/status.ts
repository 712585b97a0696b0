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

/**
 * The agent's state: `ready` for calls, `not_ready` with a reason code (the tenant's
 * notReadyReasons, or the host's own code), `after_call_work` (wrapping up a call) or `dnd`
 * (do not disturb). Every state but `ready` refuses new inbound calls as not ready does.
 */
export type AgentStateName = 'ready' | 'not_ready' | 'after_call_work' | 'dnd';

export const agentStateNames = ['ready', 'not_ready', 'after_call_work', 'dnd'] as const satisfies readonly AgentStateName[];

/** The states an agent or a host may choose; `after_call_work` is entered by the phone when a call ends. */
export type ChosenAgentState = Exclude<AgentStateName, 'after_call_work'>;

export interface AgentStateInfo {
  state: AgentStateName;
  /** The not-ready reason code; `''` in every other state. */
  reason: string;
  /** When the agent entered this state (ms since the epoch). */
  since: number;
}

/** A disposition (wrap-up) code of the tenant, with its label. */
export interface DispositionCode {
  code: string;
  label: string;
}

/** The wrap-up of one ended call: what the agent chose and wrote, and the rules that apply. */
export interface AfterCallWorkInfo {
  callId: string;
  /** The call as it ended (absent only if the phone could not keep it). */
  call?: CallInfo;
  /** The chosen disposition code; `''` while none is chosen. */
  disposition: string;
  notes: string;
  /** Whether the wrap-up can end only with a disposition (the tenant's `afterCallWork.requireDisposition`). */
  requireDisposition: boolean;
  /** The tenant's disposition codes. */
  codes: DispositionCode[];
  /** When after-call work started (ms since the epoch). */
  startedAt: number;
  /** When the wrap-up time runs out (ms since the epoch); `0` = no timer. */
  deadline: number;
}

/** How after-call work ended: the agent in the phone, the host by action, or the wrap-up timer. */
export type AfterCallWorkEndedBy = 'agent' | 'host' | 'timeout';

/**
 * The agent block of the `status` event, with every field of the Tegsoft document's sample.
 * Durations are whole seconds; counters count this login's calls. README's "Agent status
 * fields" table gives each field's meaning and unit.
 */
export interface AgentStatus {
  USERCODE: string;
  EXTEN: string;
  DISPLAYNAME: string;
  ready: boolean;
  /** Set while the agent is not ready (the reason), in after-call work (`ACW`) or in do-not-disturb (`DND`). */
  notReadyReason?: string;
  phoneAccess: boolean;
  /** Ringside: the agent state by name. */
  agentState: AgentStateName;
  busy: number;
  lastStateChange: string;
  lastStateChangeDuration: number;
  /** Always `both`: the phone shows each call and the page gets its events. */
  popup_mode: 'both';
  dialoutpopup: boolean;
  INTERFACE: string;
  REMOTEINTERFACE: string;
  EXTID: string;
  PHONETYPE: string;
  seatType: string;
  UID: string;
  USERNAME: string;
  SURNAME: string;
  PHOTOURL: string;
  isActivityMandatory: boolean;
  isActivityMandatoryAfterAnswer: boolean;
  autoAnswerActive: boolean;
  STATEDURATION: number;
  LOGINDURATION: number;
  NOTREADYDURATION: number;
  TOTALLOGINDURATION: number;
  TOTALNOTREADYDURATION: number;
  TALKDURATION: number;
  INBOUND: number;
  OUTBOUND: number;
  TOTALCALLCOUNT: number;
  ANSWERED: number;
  AVGTALK: number;
  WEBCHAT: number;
  CAMPAIGN: number;
}

export interface StatusData {
  agent: AgentStatus | null;
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
