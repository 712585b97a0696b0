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
  /** The other party's display name, when the network sent one. */
  remoteName: string;
  /** Queue name from `X-Queue`, when the network sent one. */
  queue?: string;
  /** Dialled number from `X-DID`, when the network sent one. */
  did?: string;
  /** CTI variables of an inbound call: its other `X-<name>` headers, names as sent. */
  variables?: Record<string, string>;
  state: CallStateName;
  muted: boolean;
  held: boolean;
  startedAt: string;
  answeredAt: string | null;
  endedAt: string | null;
  /** Whole seconds talking (0 until answered). */
  duration: number;
  /** Why the call ended, once it has. */
  endReason?: CallEndReason;
}

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
}
