import { expect } from '@open-wc/testing';
import type { CallHistoryEntry } from '../../src/protocol/index.js';
import { CallHistoryStore } from './call-history.js';

/**
 * The call history store on Chromium's real IndexedDB: each test gets a database of its own,
 * deleted afterwards.
 */
const T0 = Date.parse('2026-01-01T09:00:00Z');
const MINUTE = 60_000;

function entry(callId: string, startedAt: number, patch: Partial<CallHistoryEntry> = {}): CallHistoryEntry {
  return { callId, direction: 'inbound', number: '2001', name: 'Customer', startedAt, answeredAt: startedAt + 5000, endedAt: startedAt + 65_000, duration: 60, result: 'answered', endReason: 'remote_hangup', disposition: '', notes: '', ...patch };
}

describe('CallHistoryStore (IndexedDB)', () => {
  let store: CallHistoryStore;
  let name: string;

  beforeEach(() => {
    name = `ringside-history-test-${Math.random().toString(36).slice(2)}`;
    store = new CallHistoryStore(indexedDB, name);
  });

  afterEach(async () => {
    await store.close();
    await new Promise((resolve) => (indexedDB.deleteDatabase(name).onsuccess = resolve));
  });

  it('reads back what it wrote, newest first, whatever the order of writing', async () => {
    await store.add('a', entry('c2', T0 + 2 * MINUTE));
    await store.add('a', entry('c1', T0 + 1 * MINUTE, { direction: 'outbound', number: '2002', result: 'unanswered', answeredAt: null, duration: 0 }));
    await store.add('a', entry('c3', T0 + 3 * MINUTE, { queue: 'Support' }));

    const history = await store.list('a', 50);

    expect(history.map((e) => e.callId)).to.deep.equal(['c3', 'c2', 'c1']);
    expect(history[2]).to.deep.equal(entry('c1', T0 + 1 * MINUTE, { direction: 'outbound', number: '2002', result: 'unanswered', answeredAt: null, duration: 0 }));
    expect(history[0]!.queue).to.equal('Support');
    expect(history[0]).not.to.have.property('agent');
  });

  it('pages with limit and before', async () => {
    for (let i = 1; i <= 5; i += 1) await store.add('a', entry(`c${i}`, T0 + i * MINUTE));

    const first = await store.list('a', 2);
    const next = await store.list('a', 2, first.at(-1)!.startedAt);
    const last = await store.list('a', 2, next.at(-1)!.startedAt);

    expect([first, next, last].map((page) => page.map((e) => e.callId))).to.deep.equal([['c5', 'c4'], ['c3', 'c2'], ['c1']]);
  });

  it('prunes calls that started before the cutoff and keeps the newest up to the cap', async () => {
    for (let i = 1; i <= 6; i += 1) await store.add('a', entry(`c${i}`, T0 + i * MINUTE));

    const old = await store.prune('a', T0 + 2 * MINUTE + 1, 500);
    const capped = await store.prune('a', 0, 3);

    expect([old, capped]).to.deep.equal([2, 1]);
    expect((await store.list('a', 50)).map((e) => e.callId)).to.deep.equal(['c6', 'c5', 'c4']);
  });

  it('keeps at most 500 when more were written', async () => {
    for (let i = 0; i < 503; i += 1) await store.add('a', entry(`c${i}`, T0 + i * 1000));

    const deleted = await store.prune('a', 0, 500);
    const left = await store.list('a', 1000);

    expect(deleted).to.equal(3);
    expect(left).to.have.length(500);
    expect([left[0]!.callId, left.at(-1)!.callId]).to.deep.equal(['c502', 'c3']);
  });

  it('keeps each agent apart: lists, clears and counts touch only that agent', async () => {
    await store.add('dev/1001', entry('c1', T0, { result: 'missed', answeredAt: null, duration: 0 }));
    await store.add('dev/1001', entry('c2', T0 + MINUTE));
    await store.add('dev/1002', entry('c3', T0 + 2 * MINUTE, { result: 'missed', answeredAt: null, duration: 0 }));
    // The same call id under two agents (two phones in one browser) are two entries.
    await store.add('acme/1001', entry('c1', T0 + 3 * MINUTE));

    expect((await store.list('dev/1001', 50)).map((e) => e.callId)).to.deep.equal(['c2', 'c1']);
    expect(await store.missedSince('dev/1001', 0)).to.equal(1);
    expect(await store.clear('dev/1001')).to.equal(2);
    expect(await store.list('dev/1001', 50)).to.deep.equal([]);
    expect((await store.list('dev/1002', 50)).map((e) => e.callId)).to.deep.equal(['c3']);
    expect((await store.list('acme/1001', 50)).map((e) => e.callId)).to.deep.equal(['c1']);
  });

  it('adds a disposition and notes to one call, and says when there is no such call', async () => {
    await store.add('a', entry('c1', T0));

    const updated = await store.update('a', 'c1', { disposition: 'resolved', notes: 'Refund sent' });
    const none = await store.update('a', 'c9', { disposition: 'resolved' });
    const otherAgent = await store.update('b', 'c1', { disposition: 'resolved' });

    expect(updated).to.deep.equal(entry('c1', T0, { disposition: 'resolved', notes: 'Refund sent' }));
    expect([none, otherAgent]).to.deep.equal([null, null]);
    expect((await store.list('a', 1))[0]!.notes).to.equal('Refund sent');
  });

  it('counts missed calls that ended after the agent last looked', async () => {
    await store.add('a', entry('c1', T0, { result: 'missed', answeredAt: null, duration: 0, endedAt: T0 + 1000 }));
    await store.markSeen('a', T0 + 2000);
    await store.add('a', entry('c2', T0 + MINUTE, { result: 'missed', answeredAt: null, duration: 0, endedAt: T0 + MINUTE + 1000 }));
    await store.add('a', entry('c3', T0 + 2 * MINUTE));

    expect(await store.seenAt('a')).to.equal(T0 + 2000);
    expect(await store.seenAt('b')).to.equal(0);
    expect(await store.missedSince('a', await store.seenAt('a'))).to.equal(1);
  });

  it('survives being opened again (a reload of the widget)', async () => {
    await store.add('a', entry('c1', T0));
    await store.close();

    const reopened = new CallHistoryStore(indexedDB, name);
    const history = await reopened.list('a', 50);
    await reopened.close();

    expect(history.map((e) => e.callId)).to.deep.equal(['c1']);
  });

  it('without IndexedDB every operation rejects with a reason', async () => {
    const none = new CallHistoryStore(null, name);

    const error = await none.list('a', 10).then(() => null, (e: Error) => e);

    expect(error?.message).to.match(/no IndexedDB/);
  });
});
