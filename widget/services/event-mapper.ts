import { toPrimarySession, type ActiveCallProperties, type AgentProfile, type CallEventData, type CallInfo, type EventName } from '../../src/protocol/index.js';

type CallEventName = Exclude<
  Extract<
    EventName,
    `On${string}Call${string}` | `OnInboundAgent${string}` | 'OnAgentCalled' | 'OnAgentRingNoAnswer' | 'OnMute' | 'OnUnmute' | 'OnHold' | 'OnUnhold' | 'OnVideoStarted' | 'OnVideoStopped'
  >,
  // The workflow's events carry no call payload of this shape.
  'OnAfterCallWorkStarted' | 'OnAfterCallWorkEnded' | 'OnCallNotesSubmitted' | 'OnMissedCallsChanged'
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

/**
 * The agent a call event is about: the session's profile, or only an extension (the user id is
 * then `''`). TODO: take `AgentProfile | null` alone once phone-events.test.ts,
 * video-events.test.ts and host-bridge.test.ts pass a profile instead of an extension.
 */
export type EventAgent = AgentProfile | string;

/**
 * CTI variables that carry Tegsoft's contact id, best first: the network's `X-Contact-Id`
 * (only the PBX may set it: phones' copies are stripped), then `X-CONTID`, which anyone
 * placing the call may send, so a caller can never replace the queue's contact id.
 * Variables keep header names as sent, and SIP header names ignore case.
 */
const CONTACT_ID_NAMES = ['contact-id', 'contid'] as const;

function contactId(variables: CallInfo['variables']): string {
  const entries = Object.entries(variables ?? {});
  for (const wanted of CONTACT_ID_NAMES) {
    const found = entries.find(([name]) => name.toLowerCase() === wanted);
    if (found) return found[1];
  }
  return '';
}

/** A call event's payload: Ringside's `call` plus Tegsoft's inbound/outbound shape (see `ActiveCallProperties`). */
export function callEventData(call: CallInfo, agent: EventAgent): CallEventData {
  const { userId, extension } = typeof agent === 'string' ? { userId: '', extension: agent } : agent;
  const common = {
    incomingCallModalVisible: call.direction === 'inbound' && call.state === 'ringing',
    isInCall: call.state !== 'ended',
    answered: call.answeredAt !== null,
    CALLID: call.callId,
    uniqueId: call.callId,
    dstUniqueId: '',
    channelName: '',
    INTERFACE: `SIP/${extension}`,
    agentUID: userId,
    SKILL: '',
    SKILLNAME: call.queue ?? '',
    CONTID: contactId(call.variables),
    callerId: call.remoteNumber,
    callerIdName: call.remoteName,
    REASON: '',
    SRCEVENT: '',
    callStatusLine1: '',
    callStatusLine2: '',
    PHOTOURL: '',
    ...(call.did ? { DID: call.did } : {}),
  } as const;
  const properties: ActiveCallProperties =
    call.direction === 'inbound'
      ? { DIRECTION: 'INBOUND', ...common }
      : { DIRECTION: 'OUTBOUND', ...common, PHONE: call.remoteNumber, CAMPAIGNID: '', campaignName: '', eventName: '' };
  return { call, primarySession: toPrimarySession(call), UID: userId, EXTEN: extension, activeCallProperties: properties };
}
