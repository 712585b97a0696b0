import { expect } from '@open-wc/testing';
import { ErrorCode, type CallEndReason, type CallHistoryResult, type CallInfo } from '../../src/protocol/index.js';
import { CallHistoryStore, entryOf, resultOf } from './call-history.js';
import { ManualClock } from './clock.js';
import { HistoryRecorder } from './history-recorder.js';
import { createLogger } from './logger.js';
import { PhoneError, type PhoneChange } from './phone-types.js';

/**
 * The recorder between the phone's call changes and the IndexedDB store: which calls become
 * entries and with what result, pruning by the tenant's days on a hand-moved clock, the missed
 * count and the host event for it, wrap-ups. Real IndexedDB, one database per test.
 */
const DAY = 86_400_000;

function call(patch: Partial<CallInfo> & Pick<CallInfo, 'direction'>, at: number): CallInfo {
  return {
    callId: `c${Math.random().toString(36).slice(2, 10)}`,
    remoteNumber: '2001',
    remoteName: 'Customer Phone',
    identity: 'claimed',
    state: 'ended',
    muted: false,
    held: false,
    startedAt: new Date(at).toISOString(),
    answeredAt: null,
    endedAt: new Date(at + 30_000).toISOString(),
    duration: 0,
    ...patch,
  };
}

const answered = (at: number) => ({ answeredAt: new Date(at + 5000).toISOString(), duration: 25 });

describe('resultOf: what an ended call was, from the agent’s side', () => {
  const cases: [string, CallInfo['direction'], boolean, CallEndReason, CallHistoryResult][] = [
    ['inbound, answered, caller hung up', 'inbound', true, 'remote_hangup', 'answered'],
    ['inbound, answered, agent hung up', 'inbound', true, 'local_hangup', 'answered'],
    ['inbound, caller gave up', 'inbound', false, 'missed', 'missed'],
    ['inbound, cancelled before an answer', 'inbound', false, 'cancelled', 'missed'],
    ['inbound, agent rejected', 'inbound', false, 'rejected', 'rejected'],
    ['inbound, answered, blind-transferred', 'inbound', true, 'transferred', 'transferred'],
    ['outbound, answered', 'outbound', true, 'local_hangup', 'answered'],
    ['outbound, busy', 'outbound', false, 'busy', 'rejected'],
    ['outbound, declined', 'outbound', false, 'rejected', 'rejected'],
    ['outbound, agent cancelled while it rang', 'outbound', false, 'cancelled', 'unanswered'],
    ['outbound, nobody there', 'outbound', false, 'unavailable', 'failed'],
    ['outbound, no such number', 'outbound', false, 'not_found', 'failed'],
    ['outbound, answered, handed on from a conference', 'outbound', true, 'transferred', 'transferred'],
  ];
  for (const [label, direction, wasAnswered, endReason, expected] of cases) {
    it(`${label}: ${expected}`, () => {
      const at = Date.parse('2026-01-01T09:00:00Z');
      expect(resultOf(call({ direction, endReason, ...(wasAnswered ? answered(at) : {}) }, at))).to.equal(expected);
    });
  }

  it('an entry carries number, name, times in ms, duration, queue, and no wrap-up yet', () => {
    const at = Date.parse('2026-01-01T09:00:00Z');
    const ended = call({ direction: 'inbound', endReason: 'remote_hangup', queue: 'Support', ...answered(at) }, at);

    expect(entryOf(ended, 0)).to.deep.equal({
      callId: ended.callId,
      direction: 'inbound',
      number: '2001',
      name: 'Customer Phone',
      identity: 'claimed',
      startedAt: at,
      answeredAt: at + 5000,
      endedAt: at + 30_000,
      duration: 25,
      result: 'answered',
      endReason: 'remote_hangup',
      queue: 'Support',
      disposition: '',
      notes: '',
    });
  });
});

describe('HistoryRecorder', () => {
  let name: string;
  let store: CallHistoryStore;
  let clock: ManualClock;
  let missedEvents: number[];
  let recorder: HistoryRecorder;

  const ended = (info: CallInfo): PhoneChange => ({ kind: 'call', call: info, previous: { ...info, state: info.answeredAt ? 'active' : 'ringing', endedAt: null } });

  /** Writes go through a queue; a list waits for the writes asked for before it. */
  const history = () => recorder.list({ limit: 500 });

  beforeEach(() => {
    name = `ringside-recorder-test-${Math.random().toString(36).slice(2)}`;
    store = new CallHistoryStore(indexedDB, name);
    clock = new ManualClock();
    missedEvents = [];
    recorder = new HistoryRecorder({ clock, store, log: createLogger('test', () => undefined), missedChanged: (missed) => missedEvents.push(missed) });
  });

  afterEach(async () => {
    await store.close();
    await new Promise((resolve) => (indexedDB.deleteDatabase(name).onsuccess = resolve));
  });

  it('writes an entry when a call ends, and none for the changes before', async () => {
    await recorder.use('dev/1001', 30);
    const info = call({ direction: 'outbound', endReason: 'local_hangup', ...answered(clock.now()) }, clock.now());

    recorder.record({ kind: 'call', call: { ...info, state: 'dialing', endedAt: null }, previous: null });
    recorder.record({ kind: 'call', call: { ...info, state: 'active', endedAt: null }, previous: { ...info, state: 'dialing', endedAt: null } });
    recorder.record({ kind: 'registration', state: 'registered' });
    recorder.record(ended(info));

    expect((await history()).map((e) => [e.callId, e.result, e.duration])).to.deep.equal([[info.callId, 'answered', 25]]);
  });

  it('refuses to read or clear with no agent logged in, with a code', async () => {
    const refusal = (fn: () => Promise<unknown>) =>
      Promise.resolve()
        .then(fn)
        .then(
          () => 'ok',
          (e: unknown) => (e instanceof PhoneError ? e.error.code : String(e)),
        );

    expect([await refusal(() => recorder.list()), await refusal(() => recorder.clear())]).to.deep.equal([ErrorCode.NotLoggedIn, ErrorCode.NotLoggedIn]);
  });

  it('keeps calls for the tenant’s days: older ones go at the next login and at the next write', async () => {
    const start = clock.now();
    await recorder.use('dev/1001', 3);
    const first = call({ direction: 'inbound', endReason: 'remote_hangup', ...answered(start) }, start);
    recorder.record(ended(first));
    clock.advance(2 * DAY);
    const second = call({ direction: 'inbound', endReason: 'remote_hangup', ...answered(clock.now()) }, clock.now());
    recorder.record(ended(second));
    expect((await history()).length).to.equal(2);

    // Day 3 + 1 minute: the first call is older than 3 days at the next login.
    clock.advance(DAY + 60_000);
    await recorder.use('dev/1001', 3);
    expect((await history()).map((e) => e.callId)).to.deep.equal([second.callId]);

    // Day 5 + 2 minutes: a new call's write prunes the second one too.
    clock.advance(2 * DAY + 60_000);
    const third = call({ direction: 'outbound', endReason: 'busy' }, clock.now());
    recorder.record(ended(third));
    expect((await history()).map((e) => e.callId)).to.deep.equal([third.callId]);
  });

  it('counts missed calls until the agent looks, and tells the host each change', async () => {
    await recorder.use('dev/1001', 30);
    recorder.record(ended(call({ direction: 'inbound', endReason: 'missed' }, clock.now())));
    recorder.record(ended(call({ direction: 'inbound', endReason: 'rejected' }, clock.now())));
    recorder.record(ended(call({ direction: 'inbound', endReason: 'missed' }, clock.now())));
    await history();
    expect(recorder.missed).to.equal(2);

    clock.advance(60_000);
    await recorder.markSeen();
    recorder.record(ended(call({ direction: 'inbound', endReason: 'missed' }, clock.now())));
    await history();

    expect(recorder.missed).to.equal(1);
    expect(missedEvents).to.deep.equal([1, 2, 0, 1]);
  });

  it('finds the unseen missed calls again at the next login, and none for another agent', async () => {
    await recorder.use('dev/1001', 30);
    recorder.record(ended(call({ direction: 'inbound', endReason: 'missed' }, clock.now())));
    await history();

    await recorder.use(null, 0);
    const whileOut = recorder.missed;
    await recorder.use('dev/1002', 30);
    const other = recorder.missed;
    await recorder.use('dev/1001', 30);

    expect([whileOut, other, recorder.missed]).to.deep.equal([0, 0, 1]);
    expect(await recorder.list()).to.have.length(1);
  });

  it('adds the wrap-up’s disposition and notes to the call’s entry', async () => {
    await recorder.use('dev/1001', 30);
    const info = call({ direction: 'inbound', endReason: 'remote_hangup', ...answered(clock.now()) }, clock.now());
    recorder.record(ended(info));

    const updated = await recorder.recordWrapUp(info.callId, 'resolved', 'Refund sent');

    expect(updated).to.include({ disposition: 'resolved', notes: 'Refund sent' });
    expect((await history())[0]).to.include({ callId: info.callId, disposition: 'resolved', notes: 'Refund sent' });
  });

  it('follows the workflow’s events: notes saved during the call, then the wrap-up after it', async () => {
    await recorder.use('dev/1001', 30);
    const info = call({ direction: 'inbound', endReason: 'remote_hangup', ...answered(clock.now()) }, clock.now());

    recorder.observe('OnCallNotesSubmitted', { callId: info.callId, notes: 'Asked about invoice 42' });
    recorder.record(ended(info));
    const afterCall = (await history())[0];
    recorder.observe('OnAfterCallWorkEnded', { callId: info.callId, disposition: 'callback', notes: 'Asked about invoice 42; call back Monday', endedBy: 'agent' });
    const afterWrapUp = (await history())[0];

    expect(afterCall).to.include({ disposition: '', notes: 'Asked about invoice 42' });
    expect(afterWrapUp).to.include({ disposition: 'callback', notes: 'Asked about invoice 42; call back Monday' });
  });

  it('clears the agent’s history, says how many went, and the badge with it', async () => {
    await recorder.use('dev/1001', 30);
    recorder.record(ended(call({ direction: 'inbound', endReason: 'missed' }, clock.now())));
    recorder.record(ended(call({ direction: 'outbound', endReason: 'cancelled' }, clock.now())));

    const cleared = await recorder.clear();

    expect([cleared, recorder.missed, (await history()).length]).to.deep.equal([2, 0, 0]);
    expect(missedEvents).to.deep.equal([1, 0]);
  });
});
