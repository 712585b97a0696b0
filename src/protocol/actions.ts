import type { CallInfo, CallStats } from './calls.js';
import type { CallHistoryEntry } from './history.js';
import type { TriggerActivity } from './triggers/activity.js';
import type { AfterCallWorkInfo, AgentStateInfo, ChosenAgentState, DispositionCode, StatusData } from './status.js';

/** CTI data attached to a dialled call, in the Tegsoft shape. */
export interface CtiData {
  variables?: Record<string, string>;
  ctiVariableNames?: string[];
  logDTMF?: string[];
}

/** Optional target of call actions: without it the action applies to the current call. */
export interface CallTarget {
  callId?: string;
}

/**
 * Theme tokens a host may set inside the iframe. Only these keys, and only values of the
 * shapes `guards.ts` allows (colours, a font-family list, a radius in px).
 */
export interface ThemeTokens {
  accent?: string;
  ok?: string;
  danger?: string;
  warn?: string;
  text?: string;
  muted?: string;
  border?: string;
  surface?: string;
  surface2?: string;
  font?: string;
  radius?: string;
}

export const themeTokenNames = ['accent', 'ok', 'danger', 'warn', 'text', 'muted', 'border', 'surface', 'surface2', 'font', 'radius'] as const satisfies readonly (keyof ThemeTokens)[];

/** The `data` of `submitAfterCallWork`. Fields left out keep what the agent chose in the phone. */
export interface SubmitAfterCallWork {
  callId?: string;
  disposition?: string;
  notes?: string;
  /** The state after the wrap-up; ready by default. */
  nextState?: ChosenAgentState;
  /** The not-ready reason when `nextState` is `not_ready`. */
  reason?: string;
}

/** The `data` each action takes. `undefined` means the action takes none. */
export interface ActionDataMap {
  queryStatus: undefined;
  dial: { numberToDial: string; ctiData?: CtiData };
  answer: CallTarget | undefined;
  reject: CallTarget | undefined;
  hangUp: CallTarget | undefined;
  mute: CallTarget | undefined;
  unmute: CallTarget | undefined;
  getCallStats: CallTarget | undefined;
  setTheme: { theme: ThemeTokens };
  ready: undefined;
  notReady: { reason?: string } | undefined;
  /** Ready, not ready (with a reason code) or do-not-disturb. During after-call work it ends the wrap-up first. */
  setAgentState: { state: ChosenAgentState; reason?: string };
  getAfterCallWork: undefined;
  /** Ends after-call work with a disposition and notes; `nextState` (ready by default) follows. */
  submitAfterCallWork: SubmitAfterCallWork | undefined;
  /** Notes for the current call, or the call being wrapped up; allowed during the call. */
  setCallNotes: { notes: string; callId?: string };
  logout: undefined;
  hold: CallTarget | undefined;
  unhold: CallTarget | undefined;
  sendDTMF: { dtmf: string; callId?: string };
  setCtiData: { ctiData: CtiData };
  getCtiData: undefined;
  removeCtiData: undefined;
  turnOnCamera: CallTarget | undefined;
  /** Tegsoft's spelling of `turnOffCamera`, kept so Tegsoft host code works unchanged. */
  turnOfCamera: CallTarget | undefined;
  turnOffCamera: CallTarget | undefined;
  toggleCamera: CallTarget | undefined;
  blindTransfer: { extension: string; callId?: string };
  attendedTransfer: { extension: string; callId?: string };
  completeAttendedTransfer: undefined;
  cancelAttendedTransfer: undefined;
  changeActiveLine: undefined;
  /** Merges the two answered lines into a three-way call mixed in the phone. */
  conference: undefined;
  /** Connects the two other parties of a conference (or of two lines) to each other and leaves. */
  leaveConference: undefined;
  /** The agent's call history, newest first: at most `limit` (1 to 500, default 50) calls started before `before` (ms epoch). */
  getCallHistory: { limit?: number; before?: number } | undefined;
  /** Deletes the agent's call history in this browser. */
  clearCallHistory: undefined;
  /**
   * Shows `text` in the phone's notice area (as text, never HTML) for `seconds` (1 to 60,
   * default 4), or until the agent dismisses it or a newer notice replaces it.
   */
  showNotice: { text: string; seconds?: number };
  /**
   * The disposition codes after-call work offers from now on in this phone page, instead of the
   * tenant's (a CCaaS wrapper library's `disposition` list); an empty list goes back to the tenant's.
   */
  setDispositionCodes: { codes: DispositionCode[] };
  /**
   * Steps of URL triggers run in the CRM page, for the phone's trigger log (1 to 20 per action).
   * `<ringside-phone>` sends them for the triggers it runs; the log labels them as the page's.
   */
  logTriggerActivity: { activity: TriggerActivity[] };
}

/** The `data` of the successful `result` of each action. */
export interface ActionResultMap {
  queryStatus: StatusData;
  dial: { call: CallInfo };
  answer: { call: CallInfo };
  reject: { call: CallInfo };
  hangUp: { call: CallInfo };
  mute: { call: CallInfo };
  unmute: { call: CallInfo };
  getCallStats: { calls: CallStats[] };
  setTheme: { theme: ThemeTokens };
  ready: { ready: true };
  notReady: { ready: false; reason: string };
  setAgentState: { agentState: AgentStateInfo };
  getAfterCallWork: { afterCallWork: AfterCallWorkInfo | null };
  /** The wrap-up as it ended. */
  submitAfterCallWork: { afterCallWork: AfterCallWorkInfo };
  setCallNotes: { callId: string; notes: string };
  logout: { loggedOut: true };
  hold: { call: CallInfo };
  unhold: { call: CallInfo };
  sendDTMF: { call: CallInfo };
  setCtiData: { ctiData: CtiData };
  getCtiData: { ctiData: CtiData | null };
  removeCtiData: { ctiData: null };
  turnOnCamera: { call: CallInfo };
  turnOfCamera: { call: CallInfo };
  turnOffCamera: { call: CallInfo };
  toggleCamera: { call: CallInfo };
  blindTransfer: { call: CallInfo };
  /** The consultation call to the transfer target. */
  attendedTransfer: { call: CallInfo };
  completeAttendedTransfer: { call: CallInfo };
  cancelAttendedTransfer: { call: CallInfo };
  /** The call that is now active. */
  changeActiveLine: { call: CallInfo };
  /** The calls now in the conference. */
  conference: { calls: CallInfo[] };
  /** The agent's calls as they were handed over. */
  leaveConference: { calls: CallInfo[] };
  getCallHistory: { history: CallHistoryEntry[] };
  /** How many calls were deleted. */
  clearCallHistory: { cleared: number };
  showNotice: { shown: true };
  /** The codes after-call work offers now. */
  setDispositionCodes: { codes: DispositionCode[] };
  /** How many lines the log took. */
  logTriggerActivity: { logged: number };
}

export type ActionName = keyof ActionDataMap;

export const actionNames = [
  'queryStatus',
  'dial',
  'answer',
  'reject',
  'hangUp',
  'mute',
  'unmute',
  'getCallStats',
  'setTheme',
  'ready',
  'notReady',
  'setAgentState',
  'getAfterCallWork',
  'submitAfterCallWork',
  'setCallNotes',
  'logout',
  'hold',
  'unhold',
  'sendDTMF',
  'setCtiData',
  'getCtiData',
  'removeCtiData',
  'turnOnCamera',
  'turnOfCamera',
  'turnOffCamera',
  'toggleCamera',
  'blindTransfer',
  'attendedTransfer',
  'completeAttendedTransfer',
  'cancelAttendedTransfer',
  'changeActiveLine',
  'conference',
  'leaveConference',
  'getCallHistory',
  'clearCallHistory',
  'showNotice',
  'setDispositionCodes',
  'logTriggerActivity',
] as const satisfies readonly ActionName[];
