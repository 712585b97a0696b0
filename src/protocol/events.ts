import type { CallInfo, TransferRequest } from './calls.js';
import type { RingsideError } from './errors.js';
import type { AfterCallWorkEndedBy, AfterCallWorkInfo, AgentProfile, AgentStateInfo, PrimarySession, RegistrationStateName, StatusData } from './status.js';
import type { TriggerActivity } from './triggers/activity.js';

/**
 * Tegsoft's `activeCallProperties`: every key of the document's inbound sample, each always
 * present. Values come from SIP where one exists; a key Ringside has no source for is `''`
 * (Tegsoft's Asterisk and ACD fields: `dstUniqueId`, `channelName`, `REASON`, `SRCEVENT`,
 * `PHOTOURL`, `callStatusLine1`/`2`), so a host written for the document finds every key.
 */
interface CallPropertiesBase {
  /** Whether the call rings here, unanswered (the incoming-call screen is up). */
  incomingCallModalVisible: boolean;
  /** Until the call has ended. */
  isInCall: boolean;
  answered: boolean;
  /** Ringside's call id. */
  CALLID: string;
  /** Ringside's call id too: Tegsoft puts Asterisk's uniqueid here, and the phone does not expose the SIP Call-ID. */
  uniqueId: string;
  dstUniqueId: string;
  channelName: string;
  /** `SIP/<extension>`: Ringside phones are SIP endpoints, where Tegsoft's are `PJSIP/…`. */
  INTERFACE: `SIP/${string}`;
  /** The agent's user id, as the top-level `UID`. */
  agentUID: string;
  /**
   * The queue's number. `X-Queue` names a queue and no header numbers one, so this is `''`
   * while `SKILLNAME` carries the name.
   */
  SKILL: string;
  /** The queue name from `X-Queue`; `''` for a call that came from no queue. */
  SKILLNAME: string;
  /** The CTI variable `CONTID`, else `Contact-Id` (from `X-CONTID`, `X-Contact-Id`); `''` without either. */
  CONTID: string;
  /** The other party's number and display name, as `call.remoteNumber` and `call.remoteName`. */
  callerId: string;
  callerIdName: string;
  REASON: string;
  SRCEVENT: string;
  callStatusLine1: string;
  callStatusLine2: string;
  PHOTOURL: string;
  /** Ringside: the dialled number from `X-DID`, when the network sent one (not in Tegsoft's sample). */
  DID?: string;
}

export interface InboundCallProperties extends CallPropertiesBase {
  DIRECTION: 'INBOUND';
}

/**
 * An outbound call adds the keys of the document's outbound (campaign) sample. Ringside has
 * no campaign dialer: the campaign keys are `''`.
 */
export interface OutboundCallProperties extends CallPropertiesBase {
  DIRECTION: 'OUTBOUND';
  /** The number dialled. */
  PHONE: string;
  CAMPAIGNID: string;
  campaignName: string;
  eventName: string;
}

export type ActiveCallProperties = InboundCallProperties | OutboundCallProperties;

/**
 * Call events carry Tegsoft's inbound/outbound shape (`primarySession`, `UID`, `EXTEN`,
 * `activeCallProperties`) and Ringside's typed `call`.
 */
export interface CallEventData {
  call: CallInfo;
  primarySession: PrimarySession;
  /** The agent's user id (`''` before login). */
  UID: string;
  /** The agent's extension (`''` before login). */
  EXTEN: string;
  activeCallProperties: ActiveCallProperties;
}

/** A transfer request from the far end of a call (a REFER), and what the phone made of it. */
export interface TransferRequestEventData {
  request: TransferRequest;
}

export type ConsultationEndReason = 'agent' | 'hung_up' | 'failed' | 'caller_hung_up';

/** The `data` of each event. */
export interface EventDataMap {
  status: StatusData;
  /**
   * `wrapper`: the tenant's CCaaS wrapper library (`wrapperUrl` setting) and its presence map,
   * which the host SDK loads into the CRM page (README "CCaaS wrapper library").
   * `triggers`: the tenant's URL triggers (`urlTriggers` setting, `{event, url, target, …}`),
   * which the host SDK runs in the CRM page besides its own (README "URL triggers").
   * `agentTriggers`: the agent's own URL triggers, kept in the phone's settings, run the same way.
   */
  OnLogin: { agent: AgentProfile; wrapper?: { url: string; presence: Record<string, string> }; triggers?: unknown[]; agentTriggers?: unknown[] };
  OnLoginFailed: { error: RingsideError };
  OnRegistrationChanged: { state: RegistrationStateName; error?: RingsideError };
  /** The session and SIP credentials were renewed; registration carried on. */
  OnSessionRenewed: { expiresAt: number };
  OnIncomingCallRinging: CallEventData;
  OnIncomingCallAnswered: CallEventData;
  OnIncomingCallHangup: CallEventData;
  /** The inbound call stopped ringing unanswered (caller cancelled or agent rejected). */
  OnAgentRingNoAnswer: CallEventData;
  OnOutgoingCallInitialized: CallEventData;
  OnOutgoingCallRinging: CallEventData;
  OnOutgoingCallAnswered: CallEventData;
  OnOutgoingCallCancelled: CallEventData;
  OnOutgoingCallHangup: CallEventData;
  OnMute: CallEventData;
  OnUnmute: CallEventData;
  OnHold: CallEventData;
  OnUnhold: CallEventData;
  OnReady: { ready: true };
  OnNotready: { ready: false; reason: string };
  /** Every change of the agent state (OnReady / OnNotready are still sent for ready and not ready). */
  OnAgentStateChanged: AgentStateInfo;
  /** An answered call ended and the phone entered after-call work for it. */
  OnAfterCallWorkStarted: { afterCallWork: AfterCallWorkInfo };
  /** After-call work ended, with the disposition and notes as they were then. */
  OnAfterCallWorkEnded: { callId: string; disposition: string; notes: string; endedBy: AfterCallWorkEndedBy };
  /** A call's notes were saved (by action, in the phone, or at the end of after-call work). */
  OnCallNotesSubmitted: { callId: string; notes: string };
  OnLogout: { reason: 'logout' };
  /** A blind transfer's REFER went out for the call. */
  OnBlindTransferInitialized: CallEventData & { target: string };
  /** The other side accepted the REFER; the agent's leg is hung up. */
  OnBlindTransferCompleted: CallEventData & { target: string };
  /** The call is on hold and a consultation call to the target is being placed. */
  OnAttendedTransferInitialized: CallEventData & { target: string };
  /** The target answered the consultation call. */
  OnAttendedTransferConnected: CallEventData & { target: string };
  /** The caller was handed to the target; both of the agent's legs end. */
  OnAttendedTransferCompleted: CallEventData & { target: string };
  /**
   * The consultation ended without a transfer: `agent` cancelled it, the target `hung_up`, the
   * consult call `failed` (busy, not found…), or the held caller hung up (`caller_hung_up`).
   * The caller, if still there, is taken off hold.
   */
  OnAttendedTransferCancelled: CallEventData & { target: string; reason?: ConsultationEndReason };
  /** During a consultation the agent went back to the caller (`data.call`). */
  OnAttendedTransferSwitchToPrimarySession: CallEventData & { target: string };
  /** During a consultation the agent went back to the target (`data.call`). */
  OnAttendedTransferSwitchToSecondarySession: CallEventData & { target: string };
  /** Tegsoft's ACD events: the agent is called (any inbound call rings). */
  OnAgentCalled: CallEventData;
  /** A call from a queue (`X-Queue`) rings, is answered, ends. */
  OnInboundAgentCalled: CallEventData;
  OnInboundAgentConnect: CallEventData;
  OnInboundAgentComplete: CallEventData;
  /** Ringside: the far end asks the phone to call someone (REFER); under policy `ask` the agent is asked. */
  OnTransferRequested: TransferRequestEventData;
  /** Ringside: the phone follows a transfer request; the new call is reported as an outgoing call. */
  OnTransferRequestAccepted: TransferRequestEventData;
  /** Ringside: the phone refused a transfer request (403 by policy or rules, 603 declined or unanswered); the call goes on. */
  OnTransferRequestRefused: TransferRequestEventData;
  /** The microphone (or camera) could not be opened; `callId` names the call that needed it. */
  OnMediaUnavailable: { error: RingsideError; callId?: string };
  /** A chosen microphone, speaker or ringer went away; the phone uses the system default now. */
  OnDeviceFallback: { kind: 'microphone' | 'speaker' | 'ringer'; message: string };
  /** Two or more lines were merged into one call mixed in the phone. */
  OnConferenceStarted: { calls: CallInfo[] };
  /** The conference is over: a party left or hung up and one call (or none) remains. */
  OnConferenceEnded: { calls: CallInfo[] };
  /** A call gained video (camera on). */
  OnVideoStarted: CallEventData;
  /** A call went back to audio only. */
  OnVideoStopped: CallEventData;
  /** The number of missed calls the agent has not seen in the history yet changed (0 once the history is opened). */
  OnMissedCallsChanged: { missed: number };
  /** The agent saved their own URL triggers in the phone's settings: the host runs these instead of the ones it had (README "URL triggers"). */
  OnAgentTriggersChanged: { triggers: unknown[] };
  /**
   * One step of a URL trigger the phone runs itself, because no `<ringside-phone>` runs them
   * (a plain iframe embed): fired, delivered, failed, or offered as an Open button in the phone.
   */
  OnTriggerActivity: TriggerActivity;
}

export type EventName = keyof EventDataMap;

// In a module of its own: the widget's first load does not carry the list (vite.config.ts).
export { eventNames } from './event-names.js';

/**
 * The DOM event type for a protocol event: `OnIncomingCallRinging` →
 * `ringside-incoming-call-ringing`, `status` → `ringside-status`.
 */
export function domEventType(name: EventName): `ringside-${string}` {
  const bare = name.startsWith('On') ? name.slice(2) : name;
  return `ringside-${bare.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()}`;
}
