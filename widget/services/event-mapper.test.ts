import { expect } from '@open-wc/testing';
import type { CallInfo } from '../../src/protocol/index.js';
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

describe('callEventData', () => {
  it('carries the Tegsoft inbound shape beside the typed call', () => {
    const data = callEventData(call({ queue: 'Support', did: '2125550100', state: 'active', answeredAt: '2026-01-01T00:00:05.000Z', duration: 65 }), '1001');

    expect(data.EXTEN).to.equal('1001');
    expect(data.activeCallProperties).to.deep.equal({ DIRECTION: 'INBOUND', CALLID: 'c1', callerId: '2001', callerIdName: 'Customer', answered: true, SKILLNAME: 'Support', DID: '2125550100' });
    expect(data.primarySession.formattedDuration).to.equal('00:01:05');
    expect(data.primarySession.isAnswered).to.equal(true);
  });
});
