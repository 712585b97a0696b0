import { expect } from '@open-wc/testing';
import { ErrorCode, type CallInfo, type TransferRequest } from '../../src/protocol/index.js';
import { hostEventsFor } from './phone-events.js';
import type { PhoneChange } from './phone-types.js';

/** What the host hears of each phone change: the whole mapping as a table, no phone or window. */
function call(patch: Partial<CallInfo> = {}): CallInfo {
  return {
    callId: 'c1', direction: 'inbound', remoteNumber: '2001', remoteName: 'Customer', identity: 'asserted', state: 'ringing', muted: false, held: false,
    startedAt: '2026-01-01T09:00:00.000Z', answeredAt: null, endedAt: null, duration: 0, ...patch,
  };
}

const micDenied = { code: ErrorCode.MediaUnavailable, message: 'The microphone is blocked' };
const request: TransferRequest = { requestId: 'r1', callId: 'c1', fromNumber: '2001', fromName: '', fromIdentity: 'asserted', target: '3003', attended: false, state: 'asking' };

describe('hostEventsFor', () => {
  const cases: [string, PhoneChange, string[], Record<string, unknown>][] = [
    ['a call starts ringing', { kind: 'call', call: call(), previous: null }, ['OnIncomingCallRinging', 'OnAgentCalled'], { EXTEN: '1001' }],
    ['a queue call starts ringing', { kind: 'call', call: call({ queue: 'Support' }), previous: null }, ['OnIncomingCallRinging', 'OnAgentCalled', 'OnInboundAgentCalled'], {}],
    ['a held line resumes', { kind: 'call', call: call({ state: 'active' }), previous: call({ state: 'active', held: true }) }, ['OnUnhold'], {}],
    ['lines merged', { kind: 'conference', started: true, calls: [call({ state: 'active', conference: true })] }, ['OnConferenceStarted'], { calls: [call({ state: 'active', conference: true })] }],
    ['a conference over', { kind: 'conference', started: false, calls: [] }, ['OnConferenceEnded'], { calls: [] }],
    ['the microphone denied for a call', { kind: 'media', error: micDenied, callId: 'c1' }, ['OnMediaUnavailable'], { error: micDenied, callId: 'c1' }],
    ['the microphone denied before any call', { kind: 'media', error: micDenied }, ['OnMediaUnavailable'], { error: micDenied }],
    [
      'a consultation the caller left',
      { kind: 'transfer', stage: 'attended-cancelled', call: call({ state: 'ended' }), target: '3003', reason: 'caller_hung_up' },
      ['OnAttendedTransferCancelled'],
      { target: '3003', reason: 'caller_hung_up' },
    ],
    ['a consultation connected', { kind: 'transfer', stage: 'attended-connected', call: call({ state: 'active', held: true }), target: '3003' }, ['OnAttendedTransferConnected'], { target: '3003' }],
    ['registration refused', { kind: 'registration', state: 'failed', error: micDenied }, ['OnRegistrationChanged'], { state: 'failed', error: micDenied }],
    ['a transfer request waiting', { kind: 'transfer-request', request }, ['OnTransferRequested'], { request }],
  ];

  for (const [label, change, names, data] of cases) {
    it(`${label} → ${names.join(', ')}`, () => {
      const events = hostEventsFor(change, '1001');

      expect(events.map((event) => event.name)).to.deep.equal(names);
      for (const event of events) expect(event.data).to.deep.include(data);
    });
  }

  it('carries no reason on a transfer change without one, and no callId on media without one', () => {
    const [cancelled] = hostEventsFor({ kind: 'transfer', stage: 'attended-cancelled', call: call({ state: 'active' }), target: '3003' }, '1001');
    const [media] = hostEventsFor({ kind: 'media', error: micDenied }, '1001');

    expect(cancelled?.data).not.to.have.property('reason');
    expect(media?.data).not.to.have.property('callId');
  });

  it('gives every call event the call and the Tegsoft shape', () => {
    const ringing = call({ queue: 'Support', did: '8005550100' });
    const events = hostEventsFor({ kind: 'call', call: ringing, previous: null }, '1001');

    for (const event of events) {
      expect(event.data).to.deep.include({ call: ringing, EXTEN: '1001' });
      expect(event.data).to.have.nested.property('activeCallProperties.SKILLNAME', 'Support');
      expect(event.data).to.have.nested.property('primarySession.isRinging', true);
    }
  });
});
