import { toPrimarySession, type CallEventData, type CallInfo, type EventName } from '../../src/protocol/index.js';

type CallEventName = Extract<
  EventName,
  `On${string}Call${string}` | `OnInboundAgent${string}` | 'OnAgentCalled' | 'OnAgentRingNoAnswer' | 'OnMute' | 'OnUnmute' | 'OnHold' | 'OnUnhold' | 'OnVideoStarted' | 'OnVideoStopped'
>;

/**
 * The protocol events one call change produces. Pure, so the whole table is tested
 * without a phone.
 */
export function callEventsFor(call: CallInfo, previous: CallInfo | null): CallEventName[] {
  const inbound = call.direction === 'inbound';
  // Tegsoft's ACD events, for hosts that listen to those: a call from a queue is an ACD call.
  const acd = inbound && Boolean(call.queue);
  if (!previous) return inbound ? ['OnIncomingCallRinging', 'OnAgentCalled', ...(acd ? (['OnInboundAgentCalled'] as const) : [])] : ['OnOutgoingCallInitialized'];
  const events: CallEventName[] = [];
  if (previous.state !== call.state) {
    switch (call.state) {
      case 'early':
        events.push('OnOutgoingCallRinging');
        break;
      case 'active':
        events.push(inbound ? 'OnIncomingCallAnswered' : 'OnOutgoingCallAnswered');
        if (acd) events.push('OnInboundAgentConnect');
        break;
      case 'ended':
        if (inbound) events.push(previous.state === 'active' ? 'OnIncomingCallHangup' : 'OnAgentRingNoAnswer');
        else events.push(previous.state === 'active' ? 'OnOutgoingCallHangup' : 'OnOutgoingCallCancelled');
        if (acd) events.push('OnInboundAgentComplete');
        break;
      case 'ringing':
      case 'dialing':
        break;
    }
  }
  if (previous.muted !== call.muted) events.push(call.muted ? 'OnMute' : 'OnUnmute');
  if (previous.held !== call.held) events.push(call.held ? 'OnHold' : 'OnUnhold');
  // `video` is absent from calls that never had any; a call that ends with video on ends with its hang-up events.
  if ((previous.video ?? false) !== (call.video ?? false) && call.state !== 'ended') events.push(call.video ? 'OnVideoStarted' : 'OnVideoStopped');
  return events;
}

/** A call event's payload: Ringside's `call` plus Tegsoft's inbound/outbound shape. */
export function callEventData(call: CallInfo, extension: string): CallEventData {
  const properties: CallEventData['activeCallProperties'] = {
    DIRECTION: call.direction === 'inbound' ? 'INBOUND' : 'OUTBOUND',
    CALLID: call.callId,
    callerId: call.remoteNumber,
    callerIdName: call.remoteName,
    answered: call.answeredAt !== null,
  };
  if (call.queue) properties.SKILLNAME = call.queue;
  if (call.did) properties.DID = call.did;
  return { call, primarySession: toPrimarySession(call), EXTEN: extension, activeCallProperties: properties };
}
