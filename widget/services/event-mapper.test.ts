import { expect } from '@open-wc/testing';
import type { ActiveCallProperties, CallInfo } from '../../src/protocol/index.js';
import { callEventData, callEventsFor } from './event-mapper.js';

function call(patch: Partial<CallInfo>): CallInfo {
  return {
    callId: 'c1', direction: 'inbound', remoteNumber: '2001', remoteName: 'Customer', state: 'ringing', muted: false, held: false,
    startedAt: '2026-01-01T00:00:00.000Z', answeredAt: null, endedAt: null, duration: 0, ...patch,
  };
}

describe('callEventsFor', () => {
  const cases: [string, CallInfo, CallInfo | null, string[]][] = [
    ['new inbound', call({}), null, ['OnIncomingCallRinging', 'OnAgentCalled']],
    ['new inbound from a queue', call({ queue: 'Support' }), null, ['OnIncomingCallRinging', 'OnAgentCalled', 'OnInboundAgentCalled']],
    ['queue call answered', call({ queue: 'Support', state: 'active' }), call({ queue: 'Support' }), ['OnIncomingCallAnswered', 'OnInboundAgentConnect']],
    ['queue call ended', call({ queue: 'Support', state: 'ended' }), call({ queue: 'Support', state: 'active' }), ['OnIncomingCallHangup', 'OnInboundAgentComplete']],
    ['new outbound', call({ direction: 'outbound', state: 'dialing' }), null, ['OnOutgoingCallInitialized']],
    ['inbound answered', call({ state: 'active' }), call({}), ['OnIncomingCallAnswered']],
    ['inbound hung up', call({ state: 'ended' }), call({ state: 'active' }), ['OnIncomingCallHangup']],
    ['inbound missed', call({ state: 'ended' }), call({}), ['OnAgentRingNoAnswer']],
    ['outbound ringing', call({ direction: 'outbound', state: 'early' }), call({ direction: 'outbound', state: 'dialing' }), ['OnOutgoingCallRinging']],
    ['outbound answered', call({ direction: 'outbound', state: 'active' }), call({ direction: 'outbound', state: 'early' }), ['OnOutgoingCallAnswered']],
    ['outbound cancelled', call({ direction: 'outbound', state: 'ended' }), call({ direction: 'outbound', state: 'early' }), ['OnOutgoingCallCancelled']],
    ['outbound hung up', call({ direction: 'outbound', state: 'ended' }), call({ direction: 'outbound', state: 'active' }), ['OnOutgoingCallHangup']],
    ['muted', call({ state: 'active', muted: true }), call({ state: 'active' }), ['OnMute']],
    ['unmuted', call({ state: 'active' }), call({ state: 'active', muted: true }), ['OnUnmute']],
    ['nothing changed', call({ state: 'active' }), call({ state: 'active' }), []],
  ];
  for (const [label, next, previous, expected] of cases) {
    it(`${label} → ${expected.join(', ') || 'nothing'}`, () => expect(callEventsFor(next, previous)).to.deep.equal(expected));
  }
});

/** The keys of `activeCallProperties` in the Tegsoft document's inbound and outbound (campaign) samples. */
const documentInboundKeys = [
  'incomingCallModalVisible', 'SKILL', 'DIRECTION', 'SKILLNAME', 'dstUniqueId', 'INTERFACE', 'agentUID', 'channelName', 'callerId', 'callerIdName',
  'REASON', 'uniqueId', 'CONTID', 'SRCEVENT', 'callStatusLine1', 'callStatusLine2', 'isInCall', 'PHOTOURL', 'CALLID', 'answered',
];
const documentOutboundKeys = [
  'incomingCallModalVisible', 'agentUID', 'REASON', 'CALLID', 'CAMPAIGNID', 'PHONE', 'DIRECTION', 'callStatusLine1', 'callStatusLine2', 'isInCall',
  'PHOTOURL', 'campaignName', 'eventName', 'CONTID', 'answered',
];

describe('callEventData', () => {
  const agent = { userId: '5df34f9d-d91f', extension: '1001', displayName: 'Alice Agent' };
  const answeredAt = '2026-01-01T00:00:05.000Z';
  /** A call that rings here from no queue, with no CTI variables: what Ringside has no source for is empty. */
  const common = {
    incomingCallModalVisible: true, isInCall: true, answered: false, CALLID: 'c1', uniqueId: 'c1', INTERFACE: 'SIP/1001', agentUID: '5df34f9d-d91f',
    callerId: '2001', callerIdName: 'Customer', SKILL: '', SKILLNAME: '', CONTID: '',
    dstUniqueId: '', channelName: '', REASON: '', SRCEVENT: '', callStatusLine1: '', callStatusLine2: '', PHOTOURL: '',
  } as const;
  const ringingHere = { DIRECTION: 'INBOUND', ...common } as const;
  const outbound = { DIRECTION: 'OUTBOUND', ...common, PHONE: '859995', CAMPAIGNID: '', campaignName: '', eventName: '' } as const;

  const cases: [string, CallInfo, ActiveCallProperties][] = [
    ['a direct call: no queue, no contact id, present and empty', call({}), ringingHere],
    [
      'a queue call with X-Contact-Id',
      call({ queue: 'Technical Support', variables: { 'Contact-Id': 'a219063a', Campaign: 'spring' } }),
      { ...ringingHere, SKILLNAME: 'Technical Support', CONTID: 'a219063a' },
    ],
    ["the network's Contact-Id before a caller's CONTID", call({ variables: { 'Contact-Id': 'from-contact-id', CONTID: 'from-contid' } }), { ...ringingHere, CONTID: 'from-contact-id' }],
    ['CONTID when there is no Contact-Id', call({ variables: { CONTID: 'from-contid' } }), { ...ringingHere, CONTID: 'from-contid' }],
    ['a contact id header in another case', call({ variables: { 'contact-ID': 'a219063a' } }), { ...ringingHere, CONTID: 'a219063a' }],
    [
      'an answered call with X-DID (kept as Ringside\'s DID)',
      call({ did: '2125550100', state: 'active', answeredAt }),
      { ...ringingHere, incomingCallModalVisible: false, answered: true, DID: '2125550100' },
    ],
    ['an inbound call that ended unanswered', call({ state: 'ended', endedAt: answeredAt }), { ...ringingHere, incomingCallModalVisible: false, isInCall: false }],
    [
      'an outbound call answered',
      call({ direction: 'outbound', remoteNumber: '859995', remoteName: '', state: 'active', answeredAt }),
      { ...outbound, callerId: '859995', callerIdName: '', incomingCallModalVisible: false, answered: true },
    ],
    [
      'an outbound call still dialling',
      call({ direction: 'outbound', remoteNumber: '859995', remoteName: '', state: 'dialing' }),
      { ...outbound, callerId: '859995', callerIdName: '', incomingCallModalVisible: false },
    ],
  ];
  for (const [label, info, expected] of cases) {
    it(`activeCallProperties of ${label}`, () => expect(callEventData(info, agent).activeCallProperties).to.deep.equal(expected));
  }

  it('carries the agent as UID and EXTEN, and the Tegsoft primarySession, beside the typed call', () => {
    const info = call({ state: 'active', answeredAt, duration: 65 });

    const data = callEventData(info, agent);

    expect(data).to.deep.include({ call: info, UID: '5df34f9d-d91f', EXTEN: '1001' });
    expect(data.primarySession.formattedDuration).to.equal('00:01:05');
    expect(data.primarySession.isAnswered).to.equal(true);
  });

  it('leaves UID and agentUID empty when it is given only an extension', () => {
    const data = callEventData(call({}), '1001');

    expect([data.UID, data.EXTEN, data.activeCallProperties.agentUID, data.activeCallProperties.INTERFACE]).to.deep.equal(['', '1001', '', 'SIP/1001']);
  });

  it('has exactly the keys of the document\'s inbound sample; outbound, those and the outbound sample\'s', () => {
    const inbound = Object.keys(callEventData(call({ queue: 'Support', variables: { CONTID: 'x' } }), agent).activeCallProperties);
    const outgoing = Object.keys(callEventData(call({ direction: 'outbound', state: 'active', answeredAt }), agent).activeCallProperties);

    expect(inbound.sort()).to.deep.equal([...documentInboundKeys].sort());
    expect(outgoing.sort()).to.deep.equal([...new Set([...documentInboundKeys, ...documentOutboundKeys])].sort());
  });
});
