import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { main } from '../../server/admin/cli.js';
import { openStore } from '../../server/store/store.js';

/** `npm run admin`: the commands README promises, against a real embedded store, and their errors. */
const dir = mkdtempSync(join(tmpdir(), 'ringside-admin-cli-'));
const env = {
  RINGSIDE_TOKEN_SECRET: 'cli-token-secret-0123456789-abcdefghijkl',
  RINGSIDE_SIP_SECRET: 'cli-sip-secret-0123456789-abcdefghijklmno',
  RINGSIDE_DATA_DIR: dir,
  RINGSIDE_SIP_DOMAIN: 'sip.acme.example',
  RINGSIDE_SIP_WS_URL: 'wss://sip.acme.example',
};
const admin = async (...args: string[]) => {
  const { code, out } = await main(args, env);
  return { code, out, json: code === 0 ? (JSON.parse(out) as Record<string, any>) : undefined };
};
let tenantId = '';

before(async () => {
  const created = await admin('tenant', 'create', '--name', 'Acme', '--origin', 'https://crm.acme.example', '--origin', 'https://crm2.acme.example');
  assert.equal(created.code, 0, created.out);
  tenantId = created.json!.tenant.id;
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run admin', () => {
  it('tenant create prints the tenant and a first API key; tenant list shows it', async () => {
    const listed = await admin('tenant', 'list');
    const tenant = listed.json!.tenants.find((t: { id: string }) => t.id === tenantId);
    assert.deepEqual(tenant.allowedOrigins, ['https://crm.acme.example', 'https://crm2.acme.example']);
    assert.deepEqual([tenant.sipDomain, tenant.sipWsUrl], ['sip.acme.example', 'wss://sip.acme.example']);
  });

  it('key create prints a new key once; key revoke revokes it', async () => {
    const created = await admin('key', 'create', '--tenant', tenantId, '--label', 'CRM prod');
    const revoked = await admin('key', 'revoke', '--tenant', tenantId, '--key', created.json!.key.id);

    assert.match(created.json!.apiKey, /^rsk_[\w-]{32}$/);
    assert.equal(created.json!.key.label, 'CRM prod');
    assert.ok(revoked.json!.key.revokedAt);
  });

  it('agent create, list, disable and enable; the password is stored hashed and never printed', async () => {
    const created = await admin('agent', 'create', '--tenant', tenantId, '--user', 'alice', '--extension', '1001', '--name', 'Alice Agent', '--password', 'alice password 1', '--trunk-calls');
    const disabled = await admin('agent', 'disable', '--tenant', tenantId, '--user', 'alice');
    const listed = await admin('agent', 'list', '--tenant', tenantId);
    const enabled = await admin('agent', 'enable', '--tenant', tenantId, '--user', 'alice');

    assert.deepEqual(created.json!.agent, { tenantId, userId: 'alice', extension: '1001', displayName: 'Alice Agent', enabled: true, permissions: { trunkCalls: true }, hasPassword: true });
    assert.equal(disabled.json!.agent.enabled, false);
    assert.equal(listed.json!.agents.length, 1);
    assert.equal(enabled.json!.agent.enabled, true);
    for (const out of [created.out, listed.out]) assert.ok(!out.includes('alice password 1') && !out.includes('scrypt'));
  });

  it('admin create makes an admin who can log in', async () => {
    const created = await admin('admin', 'create', '--username', 'ops', '--password', 'ops password 123', '--tenant', tenantId);
    assert.equal(created.code, 0, created.out);
    const store = await openStore({ dataDir: dir });
    try {
      assert.equal((await store.admins.checkPassword('ops', 'ops password 123'))?.tenantId, tenantId);
    } finally {
      await store.close();
    }
  });

  const bad: [string, string[], number, RegExp][] = [
    ['no command', [], 2, /usage/],
    ['an unknown command', ['tenant', 'explode'], 2, /unknown command/],
    ['a missing option', ['agent', 'create', '--tenant', 'x'], 2, /missing --user/],
    ['an unknown flag', ['tenant', 'list', '--bogus'], 2, /Unknown option/],
    ['a javascript: origin', ['tenant', 'create', '--name', 'X', '--origin', 'javascript:alert(1)'], 2, /allowedOrigins\[0\]: an origin/],
    ['an origin with a path', ['tenant', 'create', '--name', 'X', '--origin', 'https://crm.example.com/app'], 2, /allowedOrigins\[0\]/],
    ['an unknown tenant', ['agent', 'list', '--tenant', 'tn_nobody'], 1, /not_found/],
    ['a short password', ['agent', 'create', '--tenant', 'TENANT', '--user', 'bob', '--extension', '1002', '--name', 'Bob', '--password', 'short'], 2, /password: 10 to 200/],
    ['a taken extension', ['agent', 'create', '--tenant', 'TENANT', '--user', 'carol', '--extension', '1001', '--name', 'Carol'], 1, /conflict/],
    ['an existing agent', ['agent', 'create', '--tenant', 'TENANT', '--user', 'alice', '--extension', '1009', '--name', 'Alice'], 1, /conflict/],
    ['a key of another tenant', ['key', 'revoke', '--tenant', 'TENANT', '--key', 'key_nothing'], 1, /not_found/],
  ];
  for (const [label, args, exit, message] of bad) {
    it(`exits ${exit} on ${label}`, async () => {
      const { code, out } = await admin(...args.map((a) => (a === 'TENANT' ? tenantId : a)));
      assert.equal(code, exit, out);
      assert.match(out, message);
    });
  }

  it('refuses to start without production secrets, and says --dev is the way to the dev store', async () => {
    const { code, out } = await main(['tenant', 'list'], { RINGSIDE_DATA_DIR: dir });
    assert.equal(code, 2);
    assert.match(out, /RINGSIDE_TOKEN_SECRET[\s\S]*--dev/);
  });
});

describe('npm run admin -- pstn export', () => {
  it("writes Kamailio's pstn_users table: enabled agents with trunk calls, in the example's format", async () => {
    await admin('agent', 'create', '--tenant', tenantId, '--user', 'pstn-1', '--extension', '2001', '--name', 'Caller', '--trunk-calls');
    await admin('agent', 'create', '--tenant', tenantId, '--user', 'pstn-2', '--extension', '2002', '--name', 'Internal only');
    await admin('agent', 'create', '--tenant', tenantId, '--user', 'pstn-3', '--extension', '2003', '--name', 'Left', '--trunk-calls');
    await admin('agent', 'disable', '--tenant', tenantId, '--user', 'pstn-3');
    const out = join(dir, 'pstn_users');

    const written = await admin('pstn', 'export', '--sip-domain', 'sip.acme.example', '--out', out);
    const other = await admin('pstn', 'export', '--sip-domain', 'sip.other.example');

    const table = readFileSync(out, 'utf8');
    assert.equal(written.code, 0, written.out);
    assert.equal(table.split('\n')[0], readFileSync('deploy/kamailio/pstn_users.example', 'utf8').split('\n')[0]);
    assert.ok(table.includes('\npstn-1:1\n'));
    assert.ok(!table.includes('pstn-2') && !table.includes('pstn-3'), table);
    assert.equal(other.json!.table, 'user(str) allowed(int)\n');
  });
});
