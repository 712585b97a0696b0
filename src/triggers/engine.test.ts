import { expect, waitUntil } from '@open-wc/testing';
import type { TriggerActivity } from '../protocol/triggers/activity.js';
import { triggerDatabase } from '../../test/support/trigger-db.js';
import { TriggerEngine, type TriggerSurface } from './engine.js';

/**
 * The engine's outbox at its edges, against the test server's trigger sink: a runner started
 * after the login (it never saw OnLogin) still delivers and reports, and a request stored by a
 * version that kept no owner is delivered.
 */
const SINK = 'http://localhost:8000/test-only/trigger-sink';
const sunk = async (): Promise<{ url: string; status: number }[]> => (await fetch('/test-only/trigger-sink-read')).json();
const unique = () => String(Math.floor(Math.random() * 1e9));

function engine(): { engine: TriggerEngine; steps: TriggerActivity[] } {
  const steps: TriggerActivity[] = [];
  const surface: TriggerSurface = { report: (a) => steps.push(a), warn: () => undefined, open: () => undefined, route: () => undefined };
  return { engine: new TriggerEngine(surface), steps };
}

describe('TriggerEngine: the outbox at its edges', () => {
  it('a runner that never saw the login delivers and reports its requests', async () => {
    const tag = unique();
    const { engine: runner, steps } = engine();
    runner.setTriggers([{ name: 'State log', event: 'status', url: `${SINK}/late/${tag}?state=<%AGENTSTATE%>`, mode: 'background' }]);

    runner.handle('OnAgentStateChanged', { state: 'not_ready', reason: 'lunch' });

    await waitUntil(() => steps.some((s) => s.kind === 'delivered'), `not delivered: ${JSON.stringify(steps)}`, { timeout: 5000 });
    expect((await sunk()).filter((r) => r.url.includes(tag)).map((r) => [r.url, r.status])).to.deep.equal([[`/test-only/trigger-sink/late/${tag}?state=not_ready`, 200]]);
    runner.dispose();
  });

  it('delivers a request stored before requests had an owner', async () => {
    const tag = unique();
    const eventId = crypto.randomUUID();
    const db = await triggerDatabase();
    await new Promise((resolve, reject) => {
      const put = db.transaction('outbox', 'readwrite').objectStore('outbox').put({ eventId, trigger: 'Old', event: 'login', url: `${SINK}/old/${tag}`, method: 'GET', body: null, contentType: null, attempts: 1, nextAt: 0, createdAt: Date.now() - 60_000 });
      put.onsuccess = resolve;
      put.onerror = () => reject(put.error);
    });
    db.close();
    const { engine: runner, steps } = engine();

    runner.setTriggers([{ event: 'login', url: `${SINK}/new/${tag}`, mode: 'background' }]);

    await waitUntil(() => steps.some((s) => s.kind === 'delivered' && s.eventId === eventId), `the old request was not delivered: ${JSON.stringify(steps)}`, { timeout: 5000 });
    expect((await sunk()).filter((r) => r.url.includes(tag)).map((r) => r.url)).to.deep.equal([`/test-only/trigger-sink/old/${tag}`]);
    runner.dispose();
  });
});
