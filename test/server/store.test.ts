import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { StoreLockedError } from '../../server/store/data-dir-lock.js';
import { openStore } from '../../server/store/store.js';
import { openPostgresStore } from './postgres-store.js';
import { storeContract } from './store-contract.js';

/** The store contract on PGlite (in memory) and on PostgreSQL (RINGSIDE_TEST_DATABASE_URL; npm test starts one). */
storeContract('PGlite', () => openStore({ dataDir: 'memory' }));

storeContract('PostgreSQL', openPostgresStore);

describe('embedded store data directory', () => {
  it('refuses a second process-owner on the same directory, naming the holder, and reopens after close', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ringside-store-'));
    try {
      const first = await openStore({ dataDir: dir, owner: 'the server' });
      await first.tenants.create({ name: 'Kept', allowedOrigins: [], sipDomain: 'd', sipWsUrl: 'wss://d' });

      // Same process, different owner: the lock file names a live pid, ours; a second *process* is what it stops.
      await assert.rejects(
        import('node:child_process').then(({ execFileSync }) =>
          execFileSync(process.execPath, ['--import', 'tsx', '-e', `import('${new URL('../../server/store/store.ts', import.meta.url).pathname}').then(m => m.openStore({ dataDir: '${dir}', owner: 'the admin CLI' }))`], { stdio: 'pipe' }),
        ),
        (error: { stderr?: Buffer }) => /in use by the server/.test(String(error.stderr)),
      );
      await first.close();
      const again = await openStore({ dataDir: dir });
      assert.deepEqual((await again.tenants.list()).map((t) => t.name), ['Kept']);
      await again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('StoreLockedError says what to do instead', () => {
    assert.match(new StoreLockedError('/d', { pid: 1, owner: 'x' }).message, /admin API|PostgreSQL/);
  });
});
