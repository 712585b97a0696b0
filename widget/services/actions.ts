import { ErrorCode, type ActionDataMap, type ActionMessage, type ActionName, type ActionResultMap, type CtiData, type DispositionCode, type EventDataMap, type EventName, type RingsideError, type StatusData, type ThemeTokens } from '../../src/protocol/index.js';
import type { ChosenAgentState } from '../../src/protocol/index.js';
import type { AgentStateSnapshot } from './agent-state.js';
import type { Actor, AgentWorkflow } from './agent-workflow.js';
import type { HistoryRecorder } from './history-recorder.js';
import type { Lines } from './lines.js';
import { PhoneError, type PhoneService } from './phone-types.js';
import type { PhoneTriggers } from './triggers/phone-triggers.js';

/** A state change must not wait on after-call work that cannot load: the workflow then applies the state at once. */
const wrapUpUnavailable = (): void => undefined;

/**
 * Host actions as a typed table: one handler per action name, each given the action's checked
 * data (guards.ts has already validated it, so no handler needs `data!`). Adding an action is
 * one entry here; the compiler reports a missing one.
 */
export interface ActionContext {
  readonly lines: Lines;
  readonly phone: PhoneService;
  readonly history: Pick<HistoryRecorder, 'list' | 'clear'>;
  status(): Promise<StatusData>;
  /** Sends an event to the host. */
  emit<N extends EventName>(name: N, data: EventDataMap[N]): void;
  setAgentState(state: ChosenAgentState, reason?: string, by?: Actor): AgentStateSnapshot;
  readonly workflow: Pick<AgentWorkflow, 'afterCallWork' | 'submit' | 'saveNotes' | 'settled'>;
  logout(): Promise<void>;
  cti: CtiData | null;
  setTheme(theme: ThemeTokens): ThemeTokens;
  /** The notice area: what it shows now, show one, take it away. */
  snapshot(): { notice: RingsideError | null; agent: { userId: string } | null };
  showNotice(notice: RingsideError): void;
  dismissNotice(): void;
  /** Disposition codes offered instead of the tenant's; empty for the tenant's again. */
  setDispositionCodes(codes: readonly DispositionCode[]): readonly DispositionCode[];
  /** The trigger log (and the phone's own triggers), loaded on demand. */
  readonly triggers: { load(): Promise<Pick<PhoneTriggers, 'logFromPage'>> };
}

type Handler<N extends ActionName> = (context: ActionContext, data: ActionDataMap[N]) => Promise<ActionResultMap[N]> | ActionResultMap[N];

const call = async (pending: Promise<ActionResultMap['answer']['call']>) => ({ call: await pending });

/**
 * The camera actions: on, off (also under Tegsoft's spelling `turnOfCamera`) or the other way
 * round, for the named call or else the line the agent is on. A far end that refuses video
 * rejects with `not_supported`, a camera that will not open with `media_unavailable`; either
 * way the call goes on as audio.
 */
const camera =
  (want: (on: boolean) => boolean) =>
  (context: ActionContext, data: ActionDataMap['toggleCamera']) => {
    const callId = context.lines.target(data?.callId, (c) => c.state === 'active' && !c.held);
    return call(context.phone.setVideo(callId, want(context.phone.video(callId).local !== null)));
  };

export const actions: { [N in ActionName]: Handler<N> } = {
  // Tegsoft's hosts listen for the `status` event, never for a result: send both.
  queryStatus: async (context) => {
    const status = await context.status();
    context.emit('status', status);
    return status;
  },
  dial: (context, data) => call(context.lines.dial(data.numberToDial, data.ctiData ?? context.cti ?? undefined)),
  answer: (context, data) => call(context.lines.answer(data?.callId)),
  reject: (context, data) => call(context.lines.reject(data?.callId)),
  hangUp: (context, data) => call(context.lines.hangUp(data?.callId)),
  mute: (context, data) => call(context.lines.setMuted(true, data?.callId)),
  unmute: (context, data) => call(context.lines.setMuted(false, data?.callId)),
  hold: (context, data) => call(context.lines.hold(data?.callId)),
  unhold: (context, data) => call(context.lines.unhold(data?.callId)),
  sendDTMF: (context, data) => call(context.lines.sendDtmf(data.dtmf, data.callId)),
  // A state change during after-call work ends the wrap-up: it may still be loading.
  ready: async (context) => {
    context.lines.requireRegistered();
    await context.workflow.settled().catch(wrapUpUnavailable);
    context.setAgentState('ready', '', 'host');
    return { ready: true };
  },
  notReady: async (context, data) => {
    context.lines.requireRegistered();
    await context.workflow.settled().catch(wrapUpUnavailable);
    const state = context.setAgentState('not_ready', data?.reason, 'host');
    return { ready: false, reason: state.reason };
  },
  setAgentState: async (context, data) => {
    context.lines.requireRegistered();
    await context.workflow.settled().catch(wrapUpUnavailable);
    const { state, reason, since } = context.setAgentState(data.state, data.reason, 'host');
    return { agentState: { state, reason, since } };
  },
  getAfterCallWork: async (context) => {
    await context.workflow.settled();
    return { afterCallWork: context.workflow.afterCallWork };
  },
  submitAfterCallWork: async (context, data) => {
    await context.workflow.settled();
    return { afterCallWork: context.workflow.submit(data ?? {}, 'host') };
  },
  setCallNotes: (context, data) => context.workflow.saveNotes(data.notes, data.callId),
  logout: async (context) => {
    context.lines.requireRegistered();
    await context.logout();
    return { loggedOut: true };
  },
  setCtiData: (context, data) => {
    context.cti = data.ctiData;
    return { ctiData: data.ctiData };
  },
  getCtiData: (context) => ({ ctiData: context.cti }),
  removeCtiData: (context) => {
    context.cti = null;
    return { ctiData: null };
  },
  blindTransfer: (context, data) => call(context.lines.blindTransfer(data.extension, data.callId)),
  attendedTransfer: (context, data) => call(context.lines.attendedTransfer(data.extension, data.callId)),
  completeAttendedTransfer: (context) => {
    context.lines.requireRegistered();
    return call(context.phone.completeAttendedTransfer());
  },
  cancelAttendedTransfer: (context) => {
    context.lines.requireRegistered();
    return call(context.phone.cancelAttendedTransfer());
  },
  changeActiveLine: (context) => {
    context.lines.requireRegistered();
    return call(context.phone.changeActiveLine());
  },
  conference: async (context) => {
    context.lines.requireRegistered();
    return { calls: await context.phone.conference() };
  },
  leaveConference: async (context) => {
    context.lines.requireRegistered();
    return { calls: await context.phone.leaveConference() };
  },
  turnOnCamera: camera(() => true),
  turnOfCamera: camera(() => false),
  turnOffCamera: camera(() => false),
  toggleCamera: camera((on) => !on),
  setTheme: (context, data) => ({ theme: context.setTheme(data.theme) }),
  // The host's message (AgentDesktop's 4-second error message): rendered as text by <rs-notice>,
  // taken away after its time unless the agent dismissed it or a newer notice replaced it.
  showNotice: (context, data) => {
    // The phone's own notice (a microphone problem and how to fix it) is never replaced by a page's.
    const showing = context.snapshot().notice;
    if (showing && showing.code !== ErrorCode.HostNotice) throw new PhoneError({ code: ErrorCode.NotAllowedNow, message: 'the phone is showing its own notice to the agent; try again once it is dismissed' });
    const notice = { code: ErrorCode.HostNotice, message: data.text };
    context.showNotice(notice);
    setTimeout(() => context.snapshot().notice === notice && context.dismissNotice(), (data.seconds ?? 4) * 1000);
    return { shown: true };
  },
  setDispositionCodes: (context, data) => ({ codes: [...context.setDispositionCodes(data.codes)] }),
  // Steps of the triggers the CRM page runs, for the phone's trigger log (labelled as the page's).
  // Nobody logged in: there is no log to write to (it is the agent's, and cleared when they go).
  logTriggerActivity: async (context, data) => {
    if (!context.snapshot().agent) throw new PhoneError({ code: ErrorCode.NotLoggedIn, message: 'nobody is logged in: the trigger log is the logged-in agent’s' });
    return { logged: (await context.triggers.load()).logFromPage(data.activity) };
  },
  getCallHistory: async (context, data) => ({ history: await context.history.list(data ?? {}) }),
  clearCallHistory: async (context) => ({ cleared: await context.history.clear() }),
  getCallStats: async (context, data) => {
    context.lines.requireRegistered();
    if (data?.callId) context.lines.target(data.callId, () => true);
    return { calls: await context.phone.stats(data?.callId) };
  },
};

/** Runs a checked action through its handler. */
export function perform(context: ActionContext, action: ActionMessage): Promise<ActionResultMap[ActionName]> {
  const handler = actions[action.name] as Handler<ActionName>;
  return Promise.resolve().then(() => handler(context, action.data as ActionDataMap[ActionName]));
}
