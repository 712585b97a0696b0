/**
 * Session API logins per second on one core (one Node process, client and server in it),
 * against each store: PGlite (embedded) and PostgreSQL (a throwaway cluster). A login is a
 * token exchange (`POST /api/session`: verify, spend the token id, read tenant and agent,
 * write the session). Baseline in the same run: the same endpoint refusing an empty body
 * (HTTP + JSON, no store). Tokens are minted before the clock starts. Prints figures only.
 */
import { createServer } from 'node:http';
import { loadDevConfig } from '../server/config.js';
import { ringsideMiddleware } from '../server/http-plugin.js';
import { SessionApi } from '../server/session-api.js';
import { seedDevTenant } from '../server/store/seed.js';
import { openStore, type Store } from '../server/store/store.js';
import { mintToken } from '../server/tokens.js';
// @ts-expect-error a plain .mjs helper without types
import { postgresAvailable, start as startPostgres } from './throwaway-postgres.mjs';

const N = Number(process.env.LOGINS ?? 2000);
const CONCURRENCY = 8;

async function measure(store: Store, label: string): Promise<{ label: string; perSecond: number; baselinePerSecond: number }> {
  const config = loadDevConfig({ RINGSIDE_DATA_DIR: 'memory' }, { embeddedPbx: false, rateLimits: { accountFreeFailures: 5, firstLockSeconds: 15, addressFailures: 10 ** 9, windowSeconds: 900, maxBlockSeconds: 900 } });
  await seedDevTenant(store, config.devSeed!, config);
  const middleware = ringsideMiddleware(config, new SessionApi(config, store));
  const server = createServer((req, res) => void middleware(req, res, () => res.writeHead(404).end()));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api/session`;
  const post = (body: unknown) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.status);
  const agent = { userId: '1001', extension: '1001', displayName: 'Alice Agent' };
  const tokens = await Promise.all(Array.from({ length: N }, () => mintToken(config.tokenSecret, 'dev', agent, 600).then((t) => t.token)));

  const run = async (make: (i: number) => unknown, expected: number) => {
    let next = 0;
    let wrong = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < N) {
          const i = next++;
          if ((await post(make(i))) !== expected) wrong += 1;
        }
      }),
    );
    if (wrong) throw new Error(`${label}: ${wrong} requests did not answer ${expected}`);
    return N / ((performance.now() - t0) / 1000);
  };
  const baselinePerSecond = await run(() => ({}), 400);
  const perSecond = await run((i) => ({ token: tokens[i] }), 200);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return { label, perSecond, baselinePerSecond };
}

export async function benchLogins(): Promise<void> {
  const results = [];
  const pglite = await openStore({ dataDir: 'memory' });
  results.push(await measure(pglite, 'PGlite (embedded)'));
  await pglite.close();
  if (postgresAvailable()) {
    const cluster = startPostgres(5497);
    try {
      const pg = await openStore({ databaseUrl: cluster.url });
      results.push(await measure(pg, 'PostgreSQL 15 (local)'));
      await pg.close();
    } finally {
      cluster.stop();
    }
  } else {
    console.log('PostgreSQL is not installed: its figure is missing (apt-get install postgresql)');
  }
  console.log(`\nSession API logins (token exchanges), ${N} each, ${CONCURRENCY} at a time, one Node process\n`);
  for (const { label, perSecond, baselinePerSecond } of results) {
    console.log(`${label.padEnd(24)} ${Math.round(perSecond)} logins/s   (baseline, empty body refused: ${Math.round(baselinePerSecond)} requests/s; ${(perSecond / baselinePerSecond).toFixed(2)}× the baseline)`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchLogins();
