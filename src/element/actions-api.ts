import type { ActionDataMap, ActionName, ActionResultMap, AfterCallWorkInfo, AgentStateInfo, CallHistoryEntry, CallInfo, CallStats, ChosenAgentState, CtiData, StatusData, SubmitAfterCallWork, ThemeTokens } from '../protocol/index.js';
import type { ActionOptions } from './connection.js';

/**
 * The typed actions of `<ringside-phone>`, one method per protocol action, each a call of
 * `sendAction` (which the element implements with its connection to the widget). Kept apart
 * from the element so that its own file holds its life cycle: the iframe, the handshake, the
 * layout, the events.
 */
export abstract class RingsideActions extends HTMLElement {
  /**
   * Any action by name; resolves with its result or rejects with a `RingsideActionError`
   * (see `RingsidePhone.sendAction`).
   */
  abstract sendAction<N extends ActionName>(name: N, data?: ActionDataMap[N], options?: ActionOptions): Promise<ActionResultMap[N]>;

  /** Places a call. `ctiData.variables` travel as `X-` SIP headers. */
  dial(numberToDial: string, ctiData?: CtiData): Promise<{ call: CallInfo }> {
    return this.sendAction('dial', ctiData ? { numberToDial, ctiData } : { numberToDial });
  }

  answer(callId?: string): Promise<{ call: CallInfo }> {
    return this.sendAction('answer', callId ? { callId } : undefined);
  }

  reject(callId?: string): Promise<{ call: CallInfo }> {
    return this.sendAction('reject', callId ? { callId } : undefined);
  }

  hangUp(callId?: string): Promise<{ call: CallInfo }> {
    return this.sendAction('hangUp', callId ? { callId } : undefined);
  }

  mute(callId?: string): Promise<{ call: CallInfo }> {
    return this.sendAction('mute', callId ? { callId } : undefined);
  }

  unmute(callId?: string): Promise<{ call: CallInfo }> {
    return this.sendAction('unmute', callId ? { callId } : undefined);
  }

  queryStatus(): Promise<StatusData> {
    return this.sendAction('queryStatus');
  }

  /** Agent state: ready for calls (fires `ringside-ready`). */
  ready(): Promise<{ ready: true }> {
    return this.sendAction('ready');
  }

  /** Agent state: not ready, with a reason code (fires `ringside-notready`). */
  notReady(reason?: string): Promise<{ ready: false; reason: string }> {
    return this.sendAction('notReady', reason ? { reason } : undefined);
  }

  /** Agent state: `ready`, `not_ready` (with a reason code) or `dnd`; during after-call work it ends the wrap-up (fires `ringside-agent-state-changed`). */
  setAgentState(state: ChosenAgentState, reason?: string): Promise<{ agentState: AgentStateInfo }> {
    return this.sendAction('setAgentState', reason ? { state, reason } : { state });
  }

  /** The after-call work running now, or null. */
  getAfterCallWork(): Promise<{ afterCallWork: AfterCallWorkInfo | null }> {
    return this.sendAction('getAfterCallWork');
  }

  /** Ends after-call work with a disposition and notes (fires `ringside-after-call-work-ended`). */
  submitAfterCallWork(data: SubmitAfterCallWork = {}): Promise<{ afterCallWork: AfterCallWorkInfo }> {
    return this.sendAction('submitAfterCallWork', data);
  }

  /** Saves notes for the current call or the one being wrapped up (fires `ringside-call-notes-submitted`). */
  setCallNotes(notes: string, callId?: string): Promise<{ callId: string; notes: string }> {
    return this.sendAction('setCallNotes', callId ? { notes, callId } : { notes });
  }

  /** Hangs up, unregisters and ends the session (fires `ringside-logout`). */
  logout(): Promise<{ loggedOut: true }> {
    return this.sendAction('logout');
  }

  hold(callId?: string): Promise<{ call: CallInfo }> {
    return this.sendAction('hold', callId ? { callId } : undefined);
  }

  unhold(callId?: string): Promise<{ call: CallInfo }> {
    return this.sendAction('unhold', callId ? { callId } : undefined);
  }

  /**
   * Hands the call to `extension` and leaves it (SIP REFER, then BYE). Fires
   * `ringside-blind-transfer-initialized` and, once the other side accepted,
   * `ringside-blind-transfer-completed`.
   */
  blindTransfer(extension: string, callId?: string): Promise<{ call: CallInfo }> {
    return this.sendAction('blindTransfer', callId ? { extension, callId } : { extension });
  }

  /** Holds the call and calls `extension` to consult; resolves with the consultation call. */
  attendedTransfer(extension: string, callId?: string): Promise<{ call: CallInfo }> {
    return this.sendAction('attendedTransfer', callId ? { extension, callId } : { extension });
  }

  /** Hands the held caller to the consulted target (REFER with Replaces). */
  completeAttendedTransfer(): Promise<{ call: CallInfo }> {
    return this.sendAction('completeAttendedTransfer');
  }

  /** Ends the consultation and takes the caller off hold. */
  cancelAttendedTransfer(): Promise<{ call: CallInfo }> {
    return this.sendAction('cancelAttendedTransfer');
  }

  /** With two calls, holds the active one and resumes the other; resolves with the now active call. */
  changeActiveLine(): Promise<{ call: CallInfo }> {
    return this.sendAction('changeActiveLine');
  }

  /** Sends DTMF tones (0-9, *, #, A-D) in the call's media. */
  sendDTMF(dtmf: string, callId?: string): Promise<{ call: CallInfo }> {
    return this.sendAction('sendDTMF', callId ? { dtmf, callId } : { dtmf });
  }

  /** CTI data for the next outbound call (its variables go out as X- headers). */
  setCtiData(ctiData: CtiData): Promise<{ ctiData: CtiData }> {
    return this.sendAction('setCtiData', { ctiData });
  }

  getCtiData(): Promise<{ ctiData: CtiData | null }> {
    return this.sendAction('getCtiData');
  }

  removeCtiData(): Promise<{ ctiData: null }> {
    return this.sendAction('removeCtiData');
  }

  /**
   * Colours, font and radius inside the phone. Only the tokens of `ThemeTokens` are taken,
   * and only values shaped like colours, a font list or a px radius.
   */
  setTheme(theme: ThemeTokens): Promise<{ theme: ThemeTokens }> {
    return this.sendAction('setTheme', { theme });
  }

  /** Media figures of the current calls (bytes and packets from getStats). */
  getCallStats(callId?: string): Promise<{ calls: CallStats[] }> {
    return this.sendAction('getCallStats', callId ? { callId } : undefined);
  }

  /** The agent's call history in this browser, newest first: `limit` calls (1 to 500, default 50) started before `before` (ms epoch). */
  getCallHistory(query?: { limit?: number; before?: number }): Promise<{ history: CallHistoryEntry[] }> {
    return this.sendAction('getCallHistory', query);
  }

  /** Deletes the agent's call history in this browser; resolves with how many calls were deleted. */
  clearCallHistory(): Promise<{ cleared: number }> {
    return this.sendAction('clearCallHistory');
  }
}
