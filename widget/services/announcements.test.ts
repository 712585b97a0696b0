import { expect } from '@open-wc/testing';
import type { CallInfo } from '../../src/protocol/index.js';
import { announcementFor } from './announcements.js';

const call = (patch: Partial<CallInfo> = {}): CallInfo => ({
  callId: 'c1',
  direction: 'inbound',
  remoteNumber: '2001',
  remoteName: 'Ada Customer',
  identity: 'asserted',
  state: 'ringing',
  muted: false,
  held: false,
  startedAt: '2026-01-01T09:00:00.000Z',
  answeredAt: null,
  endedAt: null,
  duration: 0,
  ...patch,
});

describe('screen-reader announcements', () => {
  const table: [string, Parameters<typeof announcementFor>[0], string][] = [
    ['a call rings', { kind: 'call', call: call(), previous: null }, 'Incoming call from Ada Customer'],
    ['the agent dials', { kind: 'call', call: call({ direction: 'outbound', remoteName: '', state: 'dialing' }), previous: null }, 'Calling 2001'],
    ['it is answered', { kind: 'call', call: call({ state: 'active' }), previous: call() }, 'Connected with Ada Customer'],
    ['it is held', { kind: 'call', call: call({ state: 'active', held: true }), previous: call({ state: 'active' }) }, 'Ada Customer is on hold'],
    ['it is resumed', { kind: 'call', call: call({ state: 'active' }), previous: call({ state: 'active', held: true }) }, 'Ada Customer resumed'],
    ['the agent mutes', { kind: 'call', call: call({ state: 'active', muted: true }), previous: call({ state: 'active' }) }, 'Microphone muted'],
    ['it ends', { kind: 'call', call: call({ state: 'ended' }), previous: call({ state: 'active' }) }, 'Call with Ada Customer ended'],
    ['a conference starts', { kind: 'conference', started: true, calls: [] }, 'Conference started'],
    ['the connection drops', { kind: 'registration', state: 'reconnecting' }, 'The phone lost its connection'],
    ['the microphone is refused', { kind: 'media', error: { code: 'media_unavailable', message: 'Allow the microphone' } }, 'Allow the microphone'],
  ];
  for (const [what, change, said] of table) it(`says "${said}" when ${what}`, () => expect(announcementFor(change)).to.equal(said));

  it('says nothing for changes that are not worth interrupting for', () => {
    expect(announcementFor({ kind: 'call', call: call({ state: 'active', duration: 5 }), previous: call({ state: 'active' }) })).to.equal('');
    expect(announcementFor({ kind: 'registration', state: 'registered' })).to.equal('');
  });
});
