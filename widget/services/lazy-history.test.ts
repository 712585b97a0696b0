import { expect } from '@open-wc/testing';
import { ErrorCode, type CallInfo } from '../../src/protocol/index.js';
import { CallHistoryStore } from './call-history.js';
import { ManualClock } from './clock.js';
import { HistoryRecorder } from './history-recorder.js';
import { LazyHistory } from './lazy-history.js';
import { createLogger } from './logger.js';
import { PhoneError, type PhoneChange } from './phone-types.js';

/**
 * The call history before and after the recorder's code has loaded: a load the test lets
 * through (or fails) when it wants, the real recorder and real IndexedDB, one database per test.
 * What matters is that nothing that happened while it loaded is missing or out of order.
 */
function ended(callId: string, patch: Partial<CallInfo>, at: number): PhoneChange {
  const info: CallInfo = {
    callId,
    remoteNumber: '2001',
    remoteName: 'Customer Phone',
    identity: 'claimed',
    state: 'ended',
    muted: false,
    held: false,
    direction: 'inbound',
    startedAt: new Date(at).toISOString(),
    answeredAt: null,
    endedAt: new Date(at + 30_000).toISOString(),
    duration: 0,
    ...patch,
  };
  return { kind: 'call', call: info, previous: { ...info, state: info.answeredAt ? 'active' : 'ringing', endedAt: null } };
}

const missedCall = (callId: string, at: number) => ended(callId, { endReason: 'missed' }, at);
const answeredCall = (callId: string, at: number) => ended(callId, { endReason: 'remote_hangup', answeredAt: new Date(at + 5000).toISOString(), duration: 25 }, at);

const codeOf = (pending: () => Promise<unknown>) =>
  Promise.resolve()
    .then(pending)
    .then(
      () => 'ok',
      (error: unknown) => (error instanceof PhoneError ? error.error.code : String(error)),
    );

describe('LazyHistory', () => {
  let name: string;
  let store: CallHistoryStore;
  let clock: ManualClock;
  let missedEvents: number[];
  let loads: number;
  let release: () => void;
  let fail: (error: Error) => void;
  let history: LazyHistory;

  beforeEach(() => {
    name = `ringside-lazy-history-test-${Math.random().toString(36).slice(2)}`;
    store = new CallHistoryStore(indexedDB, name);
    clock = new ManualClock();
    missedEvents = [];
    loads = 0;
    const load = () => {
      loads += 1;
      return new Promise<typeof HistoryRecorder>((resolve, reject) => {
        release = () => resolve(HistoryRecorder);
        fail = reject;
      });
    };
    history = new LazyHistory({ clock, store, load, log: createLogger('test', () => undefined), missedChanged: (missed) => missedEvents.push(missed) });
  });

  afterEach(async () => {
    await store.close();
    await new Promise((resolve) => (indexedDB.deleteDatabase(name).onsuccess = resolve));
  });

  it('keeps the calls that ended before the recorder loaded, in order, with their notes', async () => {
    const at = clock.now();
    const login = history.use('dev/1001', 30);
    history.record(missedCall('c1', at));
    history.observe('OnCallNotesSubmitted', { callId: 'c2', notes: 'Asked about invoice 42' });
    history.record(answeredCall('c2', at + 60_000));
    const badgeBefore = history.missed;

    release();
    await login;
    const entries = await history.list();

    expect(badgeBefore).to.equal(0);
    expect(entries.map(({ callId, result, notes }) => [callId, result, notes])).to.deep.equal([
      ['c2', 'answered', 'Asked about invoice 42'],
      ['c1', 'missed', ''],
    ]);
    expect([history.missed, missedEvents, loads]).to.deep.equal([1, [1], 1]);
  });

  it('answers a host that asks before the recorder loaded, once it has, with the calls before the question', async () => {
    history.use('dev/1001', 30);
    history.record(answeredCall('c1', clock.now()));
    const asked = history.list();
    history.record(answeredCall('c2', clock.now() + 60_000));

    release();

    expect((await asked).map((entry) => entry.callId)).to.deep.equal(['c1']);
    expect((await history.list()).map((entry) => entry.callId)).to.deep.equal(['c2', 'c1']);
  });

  it('tells its listeners when the recorder has loaded and counted the missed calls', async () => {
    const seen: number[] = [];
    history.subscribe(() => seen.push(history.missed));
    await store.add('dev/1001', { callId: 'old', direction: 'inbound', number: '2001', name: '', startedAt: clock.now(), answeredAt: null, endedAt: clock.now(), duration: 0, result: 'missed', endReason: 'missed', disposition: '', notes: '' });

    const login = history.use('dev/1001', 30);
    release();
    await login;

    expect([seen.at(-1), history.missed]).to.deep.equal([1, 1]);
  });

  it('refuses to read or clear with nobody logged in, with a code, and loads nothing for it', async () => {
    history.record(missedCall('c1', clock.now()));

    expect([await codeOf(() => history.list()), await codeOf(() => history.clear()), loads]).to.deep.equal([ErrorCode.NotLoggedIn, ErrorCode.NotLoggedIn, 0]);
  });

  it('says why when the recorder could not load, keeps the calls, and has them at the next try', async () => {
    history.use('dev/1001', 30);
    history.record(missedCall('c1', clock.now()));
    const asked = history.list();
    fail(new Error('offline'));
    const refusal = await codeOf(() => asked);

    const again = history.list();
    release();

    expect([refusal, (await again).map((entry) => entry.callId), loads]).to.deep.equal([ErrorCode.Internal, ['c1'], 2]);
  });

  it('tries the load again when a call ends after it failed, and keeps that call and the ones before', async () => {
    const login = history.use('dev/1001', 30);
    history.record(missedCall('c1', clock.now()));
    fail(new Error('offline'));
    await Promise.resolve();

    history.record(missedCall('c2', clock.now() + 60_000));
    release();
    await login;

    expect([loads, (await history.list()).map((entry) => entry.callId), history.missed]).to.deep.equal([2, ['c2', 'c1'], 2]);
  });

  it('writes a call ended before a logout, while the recorder loaded, to the agent who took it', async () => {
    history.use('dev/1001', 30);
    history.record(missedCall('c1', clock.now()));
    history.use(null, 0);
    history.record(missedCall('c2', clock.now()));
    release();
    await history.use('dev/1002', 30);
    const other = await history.list();
    await history.use('dev/1001', 30);

    expect([other.length, (await history.list()).map((entry) => entry.callId)]).to.deep.equal([0, ['c1']]);
  });
});
