import { expect } from '@open-wc/testing';
import { claimEvent } from './queue.js';

/**
 * One tab per call event: several CRM tabs with a phone each get the same call (a PBX that
 * forks to every registration of the agent); the first tab to note it fires its triggers. The
 * note is one IndexedDB read-write transaction, so tabs racing cannot both be first. The dev PBX
 * does not fork, so the tabs here are same-origin frames racing on the same database.
 */
describe('claimEvent: one tab fires each call event', () => {
  const fingerprint = () => `OnIncomingCallRinging|1001|inbound:${Math.random()}`;

  it('the first tab to note an event fires it; another tab within 2 s does not; later it may', async () => {
    const fp = fingerprint();
    const at = Date.now();
    expect(await claimEvent(fp, at, 'tab-a', 2000)).to.equal(true);
    expect(await claimEvent(fp, at + 40, 'tab-b', 2000)).to.equal(false);
    expect(await claimEvent(fp, at + 2500, 'tab-b', 2000)).to.equal(true);
  });

  it('a tab never suppresses its own events', async () => {
    const fp = fingerprint();
    const at = Date.now();
    expect([await claimEvent(fp, at, 'tab-a', 2000), await claimEvent(fp, at + 10, 'tab-a', 2000)]).to.deep.equal([true, true]);
  });

  it('of five frames racing on the same event, exactly one is first', async () => {
    const frames = await Promise.all(
      Array.from({ length: 5 }, async () => {
        const frame = document.createElement('iframe');
        frame.src = '/test/fixtures/echo.html';
        const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
        document.body.append(frame);
        await loaded;
        return frame;
      }),
    );
    try {
      const fp = fingerprint();
      const at = Date.now();
      // Each frame imports the module into its own realm: its own connection to the database.
      const claims = await Promise.all(
        frames.map(async (frame, i) => {
          const win = frame.contentWindow as Window & { eval(code: string): unknown };
          const module = (await win.eval(`import('/src/triggers/queue.ts')`)) as typeof import('./queue.js');
          return module.claimEvent(fp, at + i, `frame-${i}`, 2000);
        }),
      );
      expect(claims.filter(Boolean)).to.have.length(1);
    } finally {
      for (const frame of frames) frame.remove();
    }
  });
});
