import { domEventType, type EventDataMap, type EventName } from '../protocol/index.js';

/**
 * A protocol event re-emitted on `<ringside-phone>` as a DOM event: bubbling, composed,
 * typed `ringside-<kebab-case>` (`OnIncomingCallRinging` → `ringside-incoming-call-ringing`).
 */
export class RingsideEvent<N extends EventName = EventName> extends Event {
  /** The protocol name (`OnIncomingCallRinging`). */
  readonly name: N;
  readonly data: EventDataMap[N];
  /** The widget's event counter; gaps mean missed events. */
  readonly seq: number;

  constructor(name: N, data: EventDataMap[N], seq: number, type: string = domEventType(name)) {
    super(type, { bubbles: true, composed: true });
    this.name = name;
    this.data = data;
    this.seq = seq;
  }
}

/** Every event, once more, under one type for hosts that want them all. */
export const CATCH_ALL = 'ringside-event';

export interface RingsideEventMap {
  'ringside-event': RingsideEvent;
  'ringside-status': RingsideEvent<'status'>;
  'ringside-login': RingsideEvent<'OnLogin'>;
  'ringside-login-failed': RingsideEvent<'OnLoginFailed'>;
  'ringside-registration-changed': RingsideEvent<'OnRegistrationChanged'>;
  'ringside-session-renewed': RingsideEvent<'OnSessionRenewed'>;
  'ringside-incoming-call-ringing': RingsideEvent<'OnIncomingCallRinging'>;
  'ringside-incoming-call-answered': RingsideEvent<'OnIncomingCallAnswered'>;
  'ringside-incoming-call-hangup': RingsideEvent<'OnIncomingCallHangup'>;
  'ringside-agent-ring-no-answer': RingsideEvent<'OnAgentRingNoAnswer'>;
  'ringside-outgoing-call-initialized': RingsideEvent<'OnOutgoingCallInitialized'>;
  'ringside-outgoing-call-ringing': RingsideEvent<'OnOutgoingCallRinging'>;
  'ringside-outgoing-call-answered': RingsideEvent<'OnOutgoingCallAnswered'>;
  'ringside-outgoing-call-cancelled': RingsideEvent<'OnOutgoingCallCancelled'>;
  'ringside-outgoing-call-hangup': RingsideEvent<'OnOutgoingCallHangup'>;
  'ringside-mute': RingsideEvent<'OnMute'>;
  'ringside-unmute': RingsideEvent<'OnUnmute'>;
  /** The widget refused this page (origin not allowed) or the connection failed. */
  'ringside-connection-refused': RingsideConnectionRefusedEvent;
}

export class RingsideConnectionRefusedEvent extends Event {
  constructor(
    readonly code: string,
    readonly message: string,
  ) {
    super('ringside-connection-refused', { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap extends RingsideEventMap {}
}
