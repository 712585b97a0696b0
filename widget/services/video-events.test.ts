import { expect } from '@open-wc/testing';
import type { CallInfo } from '../../src/protocol/index.js';
import { callEventsFor } from './event-mapper.js';
import { hostEventsFor } from './phone-events.js';

/** A call's `video` turning on and off, as the host hears it (event-mapper.ts, phone-events.ts). */
function call(patch: Partial<CallInfo>): CallInfo {
  return {
    callId: 'c1', direction: 'inbound', remoteNumber: '2001', remoteName: 'Customer', state: 'active', muted: false, held: false,
    startedAt: '2026-01-01T00:00:00.000Z', answeredAt: '2026-01-01T00:00:01.000Z', endedAt: null, duration: 0, ...patch,
  };
}

describe('video events', () => {
  const cases: [string, CallInfo, CallInfo, string[]][] = [
    ['video started', call({ video: true }), call({}), ['OnVideoStarted']],
    ['video started on a call that said false', call({ video: true }), call({ video: false }), ['OnVideoStarted']],
    ['video stopped', call({ video: false }), call({ video: true }), ['OnVideoStopped']],
    ['an older widget’s call without the field is no change', call({ video: false }), call({}), []],
    ['held with video on: only the hold', call({ video: true, held: true }), call({ video: true }), ['OnHold']],
    ['a video call that ends: its hang-up, no video event', call({ video: true, state: 'ended' }), call({ video: true }), ['OnIncomingCallHangup']],
  ];
  for (const [label, next, previous, expected] of cases) {
    it(`${label} → ${expected.join(', ') || 'nothing'}`, () => expect(callEventsFor(next, previous)).to.deep.equal(expected));
  }

  it('reaches the host with the call event payload', () => {
    const [event] = hostEventsFor({ kind: 'call', call: call({ video: true }), previous: call({}) }, '1001');

    expect(event?.name).to.equal('OnVideoStarted');
    expect(event?.data).to.include({ EXTEN: '1001' });
    expect((event?.data as { call: CallInfo }).call.video).to.equal(true);
  });
});
