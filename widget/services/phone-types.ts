import type { CallInfo, CallStats, ConsultationEndReason, CtiData, RegistrationStateName, RingsideError, TransferRequest } from '../../src/protocol/index.js';
import type { ConsultationStateName } from '../state/consultation-state.js';
import type { ReferRules } from './phone/refer-policy.js';

/** An attended transfer under way: the held caller, the consult call and its state. */
export interface Consultation {
  state: ConsultationStateName;
  primaryId: string;
  consultId: string;
  target: string;
}

/** The devices the agent chose ('' = the system default). */
export interface DeviceChoice {
  microphone: string;
  speaker: string;
}

/** A call's video, for the screen: what the camera sends and what the far end shows. */
export interface CallVideo {
  local: MediaStream | null;
  remote: MediaStream | null;
}

/** What the phone service needs to register: the `sip` part of the session API's answer. */
export interface SipConfig {
  wsUrl: string;
  domain: string;
  user: string;
  displayName: string;
  username: string;
  password: string;
  /** Whether and where the phone follows a REFER from the far end; without rules it follows none. */
  refer?: ReferRules;
  /** How keypad tones travel: in the media (RFC 4733, the default) or as SIP INFO. */
  dtmfMode?: 'rfc4733' | 'info';
  /**
   * Asked about each new inbound call (not one that replaces a call of ours): a status to refuse
   * it with (the agent is not ready), or null to let it ring. Refused calls are not shown.
   */
  screen?: (call: { queue?: string | undefined }) => 486 | 480 | null;
  /** An inbound call unanswered this long is missed (the phone answers 480). */
  ringTimeoutSeconds?: number;
  /** ICE servers (TURN/STUN) from the tenant's settings. */
  iceServers?: RTCIceServer[];
}

export type PhoneChange =
  | { kind: 'registration'; state: RegistrationStateName; error?: RingsideError }
  | { kind: 'call'; call: CallInfo; previous: CallInfo | null }
  | { kind: 'transfer'; stage: TransferStage; call: CallInfo; target: string; reason?: ConsultationEndReason }
  /** Calls merged into a conference, or a conference over. */
  | { kind: 'conference'; started: boolean; calls: CallInfo[] }
  /** The microphone or camera could not be opened for a call; the call itself goes on or keeps ringing. */
  | { kind: 'media'; error: RingsideError; callId?: string }
  /** The far end of a call asked the phone to call someone (a REFER), and what became of it. */
  | { kind: 'transfer-request'; request: TransferRequest };

export type TransferStage =
  | 'blind-initialized'
  | 'blind-completed'
  | 'attended-initialized'
  | 'attended-connected'
  | 'attended-completed'
  | 'attended-cancelled'
  | 'attended-switch-primary'
  | 'attended-switch-secondary';

/**
 * The phone as the rest of the widget sees it. The sip.js implementation is
 * `phone-service.ts`; tests provide fakes. Commands resolve when the request is sent;
 * outcomes arrive as changes.
 */
export interface PhoneService {
  readonly registration: RegistrationStateName;
  readonly calls: readonly CallInfo[];
  subscribe(listener: (change: PhoneChange) => void): () => void;
  connect(config: SipConfig): Promise<void>;
  disconnect(): Promise<void>;
  dial(number: string, cti?: CtiData): Promise<CallInfo>;
  answer(callId: string): Promise<CallInfo>;
  reject(callId: string): Promise<CallInfo>;
  hangUp(callId: string): Promise<CallInfo>;
  setMuted(callId: string, muted: boolean): Promise<CallInfo>;
  /** Re-INVITEs the call on or off hold; a refused re-INVITE keeps the call as it was. */
  setHeld(callId: string, held: boolean): Promise<CallInfo>;
  /** REFERs the other party to `target`; once accepted, hangs up the agent's leg. */
  blindTransfer(callId: string, target: string): Promise<CallInfo>;
  /** Holds `callId` and dials `target` to consult; resolves with the consultation call. */
  attendedTransfer(callId: string, target: string): Promise<CallInfo>;
  /** REFERs the held caller to the consulted target with Replaces. */
  completeAttendedTransfer(): Promise<CallInfo>;
  /** Hangs up the consultation and resumes the held call. */
  cancelAttendedTransfer(): Promise<CallInfo>;
  /** Holds the active call and resumes the held one (two calls up). */
  changeActiveLine(): Promise<CallInfo>;
  /** Sends DTMF tones in the media (RFC 4733) or as SIP INFO, as the tenant chose. */
  sendDtmf(callId: string, tones: string): Promise<CallInfo>;
  /** The attended transfer under way, if any. */
  readonly consultation: Consultation | null;
  /** Merges the answered lines into one conference mixed in the browser. */
  conference(): Promise<CallInfo[]>;
  /** Connects the two other parties to each other (REFER with Replaces) and leaves. */
  leaveConference(): Promise<CallInfo[]>;
  /** Turns the camera on or off for a call (re-INVITE); a peer that refuses keeps the call as audio. */
  setVideo(callId: string, on: boolean): Promise<CallInfo>;
  /** The call's video streams, for the screen. */
  video(callId: string): CallVideo;
  /** The microphone and speaker to use from now on (new calls, and the speaker of current ones). */
  setDevices(choice: DeviceChoice): void;
  stats(callId?: string): Promise<CallStats[]>;
  /** Transfer requests from the far end waiting for the agent (policy `ask`). */
  readonly transferRequests: readonly TransferRequest[];
  /** The agent's answer to a waiting transfer request: follow it, or decline it (603). */
  answerTransferRequest(requestId: string, accept: boolean): Promise<TransferRequest>;
}

/** A command that failed; carries a protocol error code. */
export class PhoneError extends Error {
  constructor(readonly error: RingsideError) {
    super(error.message);
  }
}
