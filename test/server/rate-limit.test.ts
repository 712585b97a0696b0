import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { seedDevTenant } from '../../server/store/seed.js';
import type { Store } from '../../server/store/store.js';
import { openPostgresStore } from './postgres-store.js';
import { seededStore, startApiServer, testConfig, type ApiServer } from './api-server.js';

/**
 * Finding 8, performed: 500 wrong passwords on one connection, then the right one; the same
 * for API keys; one address trying many accounts. The limits are the production defaults
 * except the address limit, which is lowered so one test can reach it.
 */
let server: ApiServer;
let addressServer: ApiServer;
let store: Store;
const base = testConfig({ RINGSIDE_API_KEYS: 'rate-limit-api-key-0123456789' });

before(async () => {
  store = await seededStore(base);
  server = await startApiServer(base, store);
  addressServer = await startApiServer({ ...base, rateLimits: { ...base.rateLimits, addressFailures: 20 } }, store);
});
after(async () => {
  await Promise.all([server.close(), addressServer.close()]);
  await store.close();
});

describe('login back-off (finding 8)', () => {
  it('500 wrong passwords lock the account: the right password is then refused with 429 rate_limited and Retry-After', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 500; i++) statuses.push((await server.call('/api/session', { body: { usercode: '1002', clearpassword: `guess-${i}` } })).status);

    const right = await server.call('/api/session', { body: { usercode: '1002', clearpassword: 'bob-1002' } });

    assert.deepEqual(statuses.slice(0, 5), [401, 401, 401, 401, 401]);
    assert.ok(statuses.slice(6).every((status) => status === 429), 'every later attempt is refused unchecked');
    assert.equal(right.status, 429);
    assert.equal(right.body.error.code, 'rate_limited');
    assert.ok(Number(right.headers.get('retry-after')) >= 1);
  });

  it('another account is not locked by it', async () => {
    const other = await server.call('/api/session', { body: { usercode: '1003', clearpassword: 'carol-1003' } });
    assert.equal(other.status, 200);
  });

  it('wrong API keys are rate limited per address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 120; i++) statuses.push((await server.call('/api/tokens', { headers: { 'x-api-key': `guess-${i}` }, body: { userId: '1001' } })).status);
    const right = await server.call('/api/tokens', { headers: { 'x-api-key': 'rate-limit-api-key-0123456789' }, body: { userId: '1001' } });

    assert.equal(statuses[0], 401);
    assert.equal(statuses.at(-1), 429);
    assert.equal(right.status, 429);
    assert.equal(right.body.error.code, 'rate_limited');
  });

  it('one address trying a different account each time is blocked as an address', async () => {
    for (let i = 0; i < 20; i++) await addressServer.call('/api/session', { body: { usercode: `user${i}`, clearpassword: 'x' } });

    const next = await addressServer.call('/api/session', { body: { usercode: '1001', clearpassword: 'alice-1001' } });
    const token = await addressServer.call('/api/session', { body: { token: 'garbage' } });

    assert.equal(next.status, 429);
    assert.equal(token.status, 429);
  });
});

describe('login back-off across API nodes on PostgreSQL', () => {
  it('an account locked through one node is locked on the other', async () => {
    const shared = await openPostgresStore();
    try {
      await seedDevTenant(shared, base.devSeed!, base);
      const [one, two] = await Promise.all([startApiServer(base, shared), startApiServer(base, shared)]);
      for (let i = 0; i < 6; i++) await one.call('/api/session', { body: { usercode: '1003', clearpassword: `guess-${i}` } });

      const right = await two.call('/api/session', { body: { usercode: '1003', clearpassword: 'carol-1003' } });

      assert.deepEqual([right.status, right.body.error?.code], [429, 'rate_limited']);
      await Promise.all([one.close(), two.close()]);
    } finally {
      await shared.close();
    }
  });
});
