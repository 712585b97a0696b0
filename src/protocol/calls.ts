import type { RingsideError } from './errors.js';

/** Call data as it crosses the window boundary. */

export type CallDirection = 'inbound' | 'outbound';

/**
 * Everything the host learns about one call. Times are ISO strings so the object survives
 * structured cloning and JSON alike.
 */
export interface CallInfo {
  /** Stable id of this call for the life of the widget session. */
  callId: string;
  direction: CallDirection;
  /** The other party's number (user part of their SIP identity). */
  remoteNumber: string;
  /** The other party's display name, when one was sent. */
  remoteName: string;
  /**
   * Where `remoteNumber` and `remoteName` came from. Inbound: `asserted` when both came from
   * P-Asserted-Identity, which only the network sets (phones' own copies are stripped);
   * `claimed` when they came from From, which the caller writes as it likes. The two are never
   * mixed: with an asserted identity, From's display name is not used. Outbound: `asserted`,
   * since the number is the one this phone dialled and nothing the far end says is shown.
   * Optional for hosts that also read older (Tegsoft-shaped) payloads; Ringside always sets it.
   */
  identity?: CallIdentity;
  /** Queue name from `X-Queue`, when the network sent one. */
  queue?: string;
  /** Dialled number from `X-DID`, when the network sent one. */
  did?: string;
  /** CTI variables of an inbound call: its other `X-<name>` headers, names as sent. */
  variables?: Record<string, string>;
  state: CallStateName;
  muted: boolean;
  held: boolean;
  /** Sending and receiving video (camera on). Absent from older widgets: read as false. */
  video?: boolean;
  /** Part of a conference the phone mixes. Absent from older widgets: read as false. */
  conference?: boolean;
  startedAt: string;
  answeredAt: string | null;
  endedAt: string | null;
  /** Whole seconds talking (0 until answered). */
  duration: number;
  /** Why the call ended, once it has. */
  endReason?: CallEndReason;
}

export type CallIdentity = 'asserted' | 'claimed';

export type CallStateName = 'ringing' | 'dialing' | 'early' | 'active' | 'ended';

export type CallEndReason =
  | 'local_hangup'
  | 'remote_hangup'
  | 'rejected'
  | 'cancelled'
  | 'missed'
  | 'busy'
  | 'not_found'
  | 'unavailable'
  | 'transferred'
  | 'failed';

/** Per-call media figures from `RTCPeerConnection.getStats()`. */
export interface CallStats {
  callId: string;
  bytesReceived: number;
  bytesSent: number;
  packetsReceived: number;
  packetsLost: number;
  jitter: number;
  /**
   * Energy of the audio received so far (`totalAudioEnergy`): grows while the far end is heard,
   * stands still while it is silent, muted or holding. Absent from older widgets.
   */
  audioEnergy?: number;
}

/**
 * Why the phone did not follow a transfer request (a REFER from the far end of a call):
 * `policy` the tenant's policy is never; `target` the number is not one the rules allow
 * (not an internal extension, not dialable); `domain` not the tenant's SIP domain;
 * `malformed` not one well-formed sip/sips Refer-To; `headers` URI headers other than one
 * well-formed Replaces; `pending` another request is waiting for the agent; `declined` the
 * agent said no; `timeout` the agent did not answer in time; `ended` the call ended first.
 */
export type TransferRefusal = 'policy' | 'target' | 'domain' | 'malformed' | 'headers' | 'pending' | 'declined' | 'timeout' | 'ended';

/** A transfer request from the far end of a call, and what the phone made of it. */
export interface TransferRequest {
  requestId: string;
  /** The call the request arrived in. */
  callId: string;
  /** Who asks: the other party of that call (see `CallInfo.identity`). */
  fromNumber: string;
  fromName: string;
  fromIdentity: CallIdentity;
  /** The number it asks the phone to call, when one could be read ('' otherwise). */
  target: string;
  /** Whether the new call would replace a call elsewhere (an attended transfer). */
  attended: boolean;
  /** `asking` waits for the agent; `accepted` is being followed; `refused` was answered 403 or 603. */
  state: 'asking' | 'accepted' | 'refused';
  refusal?: TransferRefusal;
  /** With `refused`: code `transfer_refused` and the reason in words. */
  error?: RingsideError;
  /** With `asking`: when the request is declined if the agent has not answered. */
  expiresAt?: string;
}
