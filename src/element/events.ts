import { domEventType, type EventDataMap, type EventMessage, type EventName } from '../protocol/index.js';
import type { RingsideTriggerBlockedEvent, RingsideTriggerDeliveredEvent, RingsideTriggerFailedEvent, RingsideTriggerFiredEvent } from './triggers/trigger-events.js';

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

/** Each protocol event's class, by name, as `protocolEvent` makes them. */
const registry: Record<string, unknown> = {};

/** One class per protocol event, so hosts can `instanceof` and get the payload typed. */
function protocolEvent<N extends EventName>(name: N) {
  const EventClass = class extends RingsideEvent<N> {
    static readonly protocolName: N = name;
    static readonly type = domEventType(name);
    constructor(data: EventDataMap[N], seq: number) {
      super(name, data, seq);
    }
  };
  registry[name] = EventClass;
  return EventClass;
}

export const RingsideStatusEvent = protocolEvent('status');
export const RingsideLoginEvent = protocolEvent('OnLogin');
export const RingsideLoginFailedEvent = protocolEvent('OnLoginFailed');
export const RingsideRegistrationChangedEvent = protocolEvent('OnRegistrationChanged');
export const RingsideSessionRenewedEvent = protocolEvent('OnSessionRenewed');
export const RingsideIncomingCallRingingEvent = protocolEvent('OnIncomingCallRinging');
export const RingsideIncomingCallAnsweredEvent = protocolEvent('OnIncomingCallAnswered');
export const RingsideIncomingCallHangupEvent = protocolEvent('OnIncomingCallHangup');
export const RingsideAgentRingNoAnswerEvent = protocolEvent('OnAgentRingNoAnswer');
export const RingsideOutgoingCallInitializedEvent = protocolEvent('OnOutgoingCallInitialized');
export const RingsideOutgoingCallRingingEvent = protocolEvent('OnOutgoingCallRinging');
export const RingsideOutgoingCallAnsweredEvent = protocolEvent('OnOutgoingCallAnswered');
export const RingsideOutgoingCallCancelledEvent = protocolEvent('OnOutgoingCallCancelled');
export const RingsideOutgoingCallHangupEvent = protocolEvent('OnOutgoingCallHangup');
export const RingsideMuteEvent = protocolEvent('OnMute');
export const RingsideUnmuteEvent = protocolEvent('OnUnmute');
export const RingsideHoldEvent = protocolEvent('OnHold');
export const RingsideUnholdEvent = protocolEvent('OnUnhold');
export const RingsideReadyEvent = protocolEvent('OnReady');
export const RingsideNotreadyEvent = protocolEvent('OnNotready');
export const RingsideAgentStateChangedEvent = protocolEvent('OnAgentStateChanged');
export const RingsideAfterCallWorkStartedEvent = protocolEvent('OnAfterCallWorkStarted');
export const RingsideAfterCallWorkEndedEvent = protocolEvent('OnAfterCallWorkEnded');
export const RingsideCallNotesSubmittedEvent = protocolEvent('OnCallNotesSubmitted');
export const RingsideLogoutEvent = protocolEvent('OnLogout');
export const RingsideBlindTransferInitializedEvent = protocolEvent('OnBlindTransferInitialized');
export const RingsideBlindTransferCompletedEvent = protocolEvent('OnBlindTransferCompleted');
export const RingsideAttendedTransferInitializedEvent = protocolEvent('OnAttendedTransferInitialized');
export const RingsideAttendedTransferConnectedEvent = protocolEvent('OnAttendedTransferConnected');
export const RingsideAttendedTransferCompletedEvent = protocolEvent('OnAttendedTransferCompleted');
export const RingsideAttendedTransferCancelledEvent = protocolEvent('OnAttendedTransferCancelled');
export const RingsideAttendedTransferSwitchToPrimarySessionEvent = protocolEvent('OnAttendedTransferSwitchToPrimarySession');
export const RingsideAttendedTransferSwitchToSecondarySessionEvent = protocolEvent('OnAttendedTransferSwitchToSecondarySession');
export const RingsideAgentCalledEvent = protocolEvent('OnAgentCalled');
export const RingsideInboundAgentCalledEvent = protocolEvent('OnInboundAgentCalled');
export const RingsideInboundAgentConnectEvent = protocolEvent('OnInboundAgentConnect');
export const RingsideInboundAgentCompleteEvent = protocolEvent('OnInboundAgentComplete');
export const RingsideTransferRequestedEvent = protocolEvent('OnTransferRequested');
export const RingsideTransferRequestAcceptedEvent = protocolEvent('OnTransferRequestAccepted');
export const RingsideTransferRequestRefusedEvent = protocolEvent('OnTransferRequestRefused');
export const RingsideMediaUnavailableEvent = protocolEvent('OnMediaUnavailable');
export const RingsideDeviceFallbackEvent = protocolEvent('OnDeviceFallback');
export const RingsideConferenceStartedEvent = protocolEvent('OnConferenceStarted');
export const RingsideConferenceEndedEvent = protocolEvent('OnConferenceEnded');
export const RingsideVideoStartedEvent = protocolEvent('OnVideoStarted');
export const RingsideVideoStoppedEvent = protocolEvent('OnVideoStopped');
export const RingsideMissedCallsChangedEvent = protocolEvent('OnMissedCallsChanged');
export const RingsideAgentTriggersChangedEvent = protocolEvent('OnAgentTriggersChanged');
export const RingsideTriggerActivityEvent = protocolEvent('OnTriggerActivity');

type ProtocolEventClass<N extends EventName> = ReturnType<typeof protocolEvent<N>>;

/**
 * The class for each protocol event name: the ones made above (a table written out again
 * cost the SDK a tenth of a kilobyte). ringside-phone.test.ts checks that every name in
 * `eventNames` has its class, with its DOM type.
 */
export const eventClasses = registry as { readonly [N in EventName]: ProtocolEventClass<N> };

/**
 * The DOM events for one message from the widget: its own class, then the catch-all. A widget
 * newer than this SDK may send events it has no class for: those go out as `ringside-event`
 * only (own keys only, so `constructor` or `toString` are unknown too).
 */
export function domEventsOf(message: EventMessage): RingsideEvent[] {
  const EventClass = Object.prototype.hasOwnProperty.call(eventClasses, message.name)
    ? (eventClasses[message.name] as new (data: unknown, seq: number) => RingsideEvent)
    : null;
  const catchAll = new RingsideEvent(message.name, message.data, message.seq, CATCH_ALL);
  return EventClass ? [new EventClass(message.data, message.seq), catchAll] : [catchAll];
}

/** The widget refused this page (origin not allowed). */
export class RingsideConnectionRefusedEvent extends Event {
  static readonly type = 'ringside-connection-refused';
  constructor(
    readonly code: string,
    readonly message: string,
  ) {
    super(RingsideConnectionRefusedEvent.type, { bubbles: true, composed: true });
  }
}

/** The phone window changed view (`open`, `minimized`, `side`, `icon`). Not a protocol event. */
export class RingsideLayoutChangedEvent extends Event {
  static readonly type = 'ringside-layout-changed';
  constructor(readonly view: 'open' | 'minimized' | 'side' | 'icon') {
    super(RingsideLayoutChangedEvent.type, { bubbles: true, composed: true });
  }
}

type Instance<C> = C extends abstract new (...args: never[]) => infer I ? I : never;

export interface RingsideEventMap {
  'ringside-event': RingsideEvent;
  'ringside-status': Instance<typeof RingsideStatusEvent>;
  'ringside-login': Instance<typeof RingsideLoginEvent>;
  'ringside-login-failed': Instance<typeof RingsideLoginFailedEvent>;
  'ringside-registration-changed': Instance<typeof RingsideRegistrationChangedEvent>;
  'ringside-session-renewed': Instance<typeof RingsideSessionRenewedEvent>;
  'ringside-incoming-call-ringing': Instance<typeof RingsideIncomingCallRingingEvent>;
  'ringside-incoming-call-answered': Instance<typeof RingsideIncomingCallAnsweredEvent>;
  'ringside-incoming-call-hangup': Instance<typeof RingsideIncomingCallHangupEvent>;
  'ringside-agent-ring-no-answer': Instance<typeof RingsideAgentRingNoAnswerEvent>;
  'ringside-outgoing-call-initialized': Instance<typeof RingsideOutgoingCallInitializedEvent>;
  'ringside-outgoing-call-ringing': Instance<typeof RingsideOutgoingCallRingingEvent>;
  'ringside-outgoing-call-answered': Instance<typeof RingsideOutgoingCallAnsweredEvent>;
  'ringside-outgoing-call-cancelled': Instance<typeof RingsideOutgoingCallCancelledEvent>;
  'ringside-outgoing-call-hangup': Instance<typeof RingsideOutgoingCallHangupEvent>;
  'ringside-mute': Instance<typeof RingsideMuteEvent>;
  'ringside-unmute': Instance<typeof RingsideUnmuteEvent>;
  'ringside-hold': Instance<typeof RingsideHoldEvent>;
  'ringside-unhold': Instance<typeof RingsideUnholdEvent>;
  'ringside-ready': Instance<typeof RingsideReadyEvent>;
  'ringside-notready': Instance<typeof RingsideNotreadyEvent>;
  'ringside-agent-state-changed': Instance<typeof RingsideAgentStateChangedEvent>;
  'ringside-after-call-work-started': Instance<typeof RingsideAfterCallWorkStartedEvent>;
  'ringside-after-call-work-ended': Instance<typeof RingsideAfterCallWorkEndedEvent>;
  'ringside-call-notes-submitted': Instance<typeof RingsideCallNotesSubmittedEvent>;
  'ringside-logout': Instance<typeof RingsideLogoutEvent>;
  'ringside-blind-transfer-initialized': Instance<typeof RingsideBlindTransferInitializedEvent>;
  'ringside-blind-transfer-completed': Instance<typeof RingsideBlindTransferCompletedEvent>;
  'ringside-attended-transfer-initialized': Instance<typeof RingsideAttendedTransferInitializedEvent>;
  'ringside-attended-transfer-connected': Instance<typeof RingsideAttendedTransferConnectedEvent>;
  'ringside-attended-transfer-completed': Instance<typeof RingsideAttendedTransferCompletedEvent>;
  'ringside-attended-transfer-cancelled': Instance<typeof RingsideAttendedTransferCancelledEvent>;
  'ringside-attended-transfer-switch-to-primary-session': Instance<typeof RingsideAttendedTransferSwitchToPrimarySessionEvent>;
  'ringside-attended-transfer-switch-to-secondary-session': Instance<typeof RingsideAttendedTransferSwitchToSecondarySessionEvent>;
  'ringside-agent-called': Instance<typeof RingsideAgentCalledEvent>;
  'ringside-inbound-agent-called': Instance<typeof RingsideInboundAgentCalledEvent>;
  'ringside-inbound-agent-connect': Instance<typeof RingsideInboundAgentConnectEvent>;
  'ringside-inbound-agent-complete': Instance<typeof RingsideInboundAgentCompleteEvent>;
  'ringside-transfer-requested': Instance<typeof RingsideTransferRequestedEvent>;
  'ringside-transfer-request-accepted': Instance<typeof RingsideTransferRequestAcceptedEvent>;
  'ringside-transfer-request-refused': Instance<typeof RingsideTransferRequestRefusedEvent>;
  'ringside-media-unavailable': Instance<typeof RingsideMediaUnavailableEvent>;
  'ringside-device-fallback': Instance<typeof RingsideDeviceFallbackEvent>;
  'ringside-conference-started': Instance<typeof RingsideConferenceStartedEvent>;
  'ringside-conference-ended': Instance<typeof RingsideConferenceEndedEvent>;
  'ringside-video-started': Instance<typeof RingsideVideoStartedEvent>;
  'ringside-video-stopped': Instance<typeof RingsideVideoStoppedEvent>;
  'ringside-missed-calls-changed': Instance<typeof RingsideMissedCallsChangedEvent>;
  'ringside-trigger-fired': RingsideTriggerFiredEvent;
  'ringside-trigger-delivered': RingsideTriggerDeliveredEvent;
  'ringside-trigger-failed': RingsideTriggerFailedEvent;
  'ringside-trigger-blocked': RingsideTriggerBlockedEvent;
  'ringside-connection-refused': RingsideConnectionRefusedEvent;
  'ringside-layout-changed': RingsideLayoutChangedEvent;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-interface -- merges the map into the DOM's
  interface HTMLElementEventMap extends RingsideEventMap {}
}
