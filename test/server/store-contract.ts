import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { migrate } from '../../server/store/migrations.js';
import type { Store } from '../../server/store/store.js';

/**
 * The store's contract, one suite for every database it runs on (PGlite and PostgreSQL):
 * the same calls must give the same answers.
 */
export function storeContract(name: string, open: () => Promise<Store>): void {
  describe(`store contract: ${name}`, () => {
    let store: Store;
    before(async () => {
      store = await open();
    });
    after(() => store?.close());

    const newTenant = (suffix = randomUUID().slice(0, 8)) =>
      store.tenants.create({ name: `Acme ${suffix}`, allowedOrigins: ['https://crm.acme.example'], sipDomain: 'sip.acme.example', sipWsUrl: 'wss://sip.acme.example' });

    it('applies each migration once', async () => {
      assert.deepEqual(await migrate(store.db), []);
      const versions = await store.db.query<{ version: number }>('select version from schema_migrations order by version');
      assert.deepEqual(versions.map((v) => v.version), [1, 2]);
    });

    it('creates, reads, lists and updates tenants; settings get their defaults', async () => {
      const tenant = await newTenant();
      const read = await store.tenants.get(tenant.id);
      const updated = await store.tenants.update(tenant.id, { allowedOrigins: ['https://a.example', 'https://b.example'], settings: { ...tenant.settings, referPolicy: 'ask' } });

      assert.match(tenant.id, /^tn_[\w-]{12}$/);
      assert.deepEqual(read, tenant);
      assert.equal(tenant.settings.referPolicy, 'never');
      assert.deepEqual(updated?.allowedOrigins, ['https://a.example', 'https://b.example']);
      assert.equal((await store.tenants.get(tenant.id))?.settings.referPolicy, 'ask');
      assert.ok((await store.tenants.list()).some((t) => t.id === tenant.id));
      assert.equal(await store.tenants.get('tn_nothing'), undefined);
    });

    it('a tenant stored before a setting existed reads it as its default: settings are one JSON column, no migration', async () => {
      const tenant = await newTenant();
      await store.db.query(`update tenants set settings = settings - 'dtmfMode' - 'ringTimeoutSeconds' - 'allowAutoAnswer' where id = $1`, [tenant.id]);

      const [row] = await store.db.query<{ settings: Record<string, unknown> }>('select settings from tenants where id = $1', [tenant.id]);
      const read = await store.tenants.get(tenant.id);

      assert.deepEqual(Object.keys(row!.settings).filter((key) => ['dtmfMode', 'ringTimeoutSeconds', 'allowAutoAnswer'].includes(key)), []);
      assert.deepEqual([read?.settings.dtmfMode, read?.settings.ringTimeoutSeconds, read?.settings.allowAutoAnswer], ['rfc4733', 45, true]);
    });

    it('finds a tenant by a live API key, records its use, and forgets a revoked key', async () => {
      const tenant = await newTenant();
      const key = `rsk_${randomUUID()}`;
      const info = await store.tenants.createKey(tenant.id, 'CRM backend', key);

      const found = await store.tenants.byApiKey(key);
      const listed = await store.tenants.keys(tenant.id);
      await store.tenants.revokeKey(tenant.id, info.id);

      assert.equal(found?.id, tenant.id);
      assert.equal(listed.length, 1);
      assert.ok(listed[0]!.lastUsedAt);
      assert.equal(listed[0]!.prefix, key.slice(0, 10));
      assert.ok(!JSON.stringify(listed).includes(key), 'the key itself is never stored or listed');
      assert.equal(await store.tenants.byApiKey(key), undefined);
      assert.equal(await store.tenants.byApiKey('rsk_unknown'), undefined);
      assert.equal(await store.tenants.revokeKey('tn_other', info.id), undefined, "a key is revoked through its own tenant only");
    });

    it('creates and updates agents; a password is kept when not given and never returned', async () => {
      const tenant = await newTenant();
      const created = await store.agents.upsert(tenant.id, { userId: 'alice', extension: '1001', displayName: 'Alice', password: 'correct horse', permissions: { trunkCalls: true } });
      const renamed = await store.agents.upsert(tenant.id, { userId: 'alice', extension: '1001', displayName: 'Alice A.' });

      assert.deepEqual(created, { tenantId: tenant.id, userId: 'alice', extension: '1001', displayName: 'Alice', enabled: true, permissions: { trunkCalls: true }, hasPassword: true });
      assert.equal(renamed.displayName, 'Alice A.');
      assert.equal(renamed.hasPassword, true);
      assert.deepEqual(renamed.permissions, { trunkCalls: true });
      assert.equal((await store.agents.checkPassword(tenant.id, 'alice', 'correct horse'))?.userId, 'alice');
      assert.equal(await store.agents.checkPassword(tenant.id, 'alice', 'wrong'), undefined);
      assert.equal(await store.agents.checkPassword(tenant.id, 'nobody', 'correct horse'), undefined);
      assert.ok(!JSON.stringify(await store.agents.list(tenant.id)).includes('scrypt'));
    });

    it('refuses a second agent on the same extension, and disabled agents cannot log in', async () => {
      const tenant = await newTenant();
      await store.agents.upsert(tenant.id, { userId: 'a', extension: '2001', displayName: 'A', password: 'pw-a-123456' });

      await assert.rejects(store.agents.upsert(tenant.id, { userId: 'b', extension: '2001', displayName: 'B' }), (error: { code?: string }) => error.code === '23505');
      await store.agents.setEnabled(tenant.id, 'a', false);
      assert.equal(await store.agents.checkPassword(tenant.id, 'a', 'pw-a-123456'), undefined);
    });

    it('keeps agents of different tenants apart', async () => {
      const one = await newTenant();
      const two = await newTenant();
      await store.agents.upsert(one.id, { userId: 'same', extension: '1', displayName: 'One' });
      await store.agents.upsert(two.id, { userId: 'same', extension: '1', displayName: 'Two' });

      assert.equal((await store.agents.get(one.id, 'same'))?.displayName, 'One');
      assert.equal((await store.agents.get(two.id, 'same'))?.displayName, 'Two');
    });

    it('checks admin passwords and keeps admin sessions by a hashed cookie', async () => {
      const username = `admin-${randomUUID().slice(0, 8)}`;
      const admin = await store.admins.create(username, 'admin password 1', null);
      const { cookie, csrfToken } = await store.admins.openSession(admin.id, 60);

      assert.equal((await store.admins.checkPassword(username, 'admin password 1'))?.id, admin.id);
      assert.equal(await store.admins.checkPassword(username, 'nope'), undefined);
      assert.deepEqual(await store.admins.session(cookie), { admin, csrfToken });
      const stored = await store.db.query<{ id_hash: string }>('select id_hash from admin_sessions');
      assert.ok(stored.every((row) => row.id_hash !== cookie));
      await store.admins.closeSession(cookie);
      assert.equal(await store.admins.session(cookie), undefined);
    });

    it('remembers spent login tokens and rotates renew tokens exactly once', async () => {
      const jti = randomUUID();
      const expiresAt = Math.floor(Date.now() / 1000) + 60;
      assert.equal(await store.sessions.useToken(jti, expiresAt), true);
      assert.equal(await store.sessions.useToken(jti, expiresAt), false);

      const id = randomUUID();
      await store.sessions.createSession({ id, tenantId: 'tn_x', userId: 'u', extension: '1', displayName: 'U', authTime: expiresAt - 60, renewJti: 'r1', expiresAt, revoked: false });
      const rotations = await Promise.all([store.sessions.rotateRenewToken(id, 'r1', 'r2'), store.sessions.rotateRenewToken(id, 'r1', 'r3')]);

      assert.deepEqual(rotations.sort(), [false, true]);
      assert.equal((await store.sessions.getSession(id))?.tenantId, 'tn_x');
      await store.sessions.revokeSession(id);
      assert.equal((await store.sessions.getSession(id))?.revoked, true);
    });
  });
}
