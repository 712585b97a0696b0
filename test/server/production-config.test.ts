import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig, loadDevConfig } from '../../server/config.js';
import { mintToken } from '../../server/tokens.js';
import { spawnServer } from './spawned.js';

/**
 * Finding 2 of "Safe to deploy", performed: the production entry point with development
 * defaults, with NODE_ENV unset or misspelt, and the dev users' passwords, the dev API key, a
 * dev-signed token and the demo endpoint against a production server. Then the production
 * path that replaces them: a tenant, a key and an agent made through the admin API.
 */
const strong = {
  RINGSIDE_TOKEN_SECRET: 'prod-token-secret-0123456789-abcdefghijkl',
  RINGSIDE_SIP_SECRET: 'prod-sip-secret-0123456789-abcdefghijklmno',
  RINGSIDE_ADMIN_KEYS: 'admin-key-0123456789abcdefghij , second-admin-key-0123456789ab',
};

function problems(env: Record<string, string | undefined>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    assert.ok(error instanceof ConfigError, String(error));
    return error.problems;
  }
}

describe('production configuration refuses development defaults (finding 2)', () => {
  it('names every missing setting at once', () => {
    assert.deepEqual(problems({}).map((p) => p.split(' ')[0]).sort(), ['RINGSIDE_SIP_SECRET', 'RINGSIDE_TOKEN_SECRET']);
  });

  for (const nodeEnv of [undefined, 'Production', 'development', 'test']) {
    it(`is production whatever NODE_ENV says (${String(nodeEnv)})`, () => {
      assert.ok(problems({ NODE_ENV: nodeEnv }).length > 0);
      const config = loadConfig({ ...strong, NODE_ENV: nodeEnv });
      assert.deepEqual([config.devSeed, config.defaultTenant, config.demo, config.embeddedPbx], [undefined, undefined, false, false]);
    });
  }

  const dev = loadDevConfig({});
  const cases: [string, Record<string, string>, RegExp][] = [
    ['the public dev token secret', { RINGSIDE_TOKEN_SECRET: dev.tokenSecret }, /RINGSIDE_TOKEN_SECRET is the public development value/],
    ['the public dev SIP secret', { RINGSIDE_SIP_SECRET: dev.sipSecret }, /RINGSIDE_SIP_SECRET is the public development value/],
    ['a short token secret', { RINGSIDE_TOKEN_SECRET: 'x'.repeat(31) }, /RINGSIDE_TOKEN_SECRET is too short/],
    ['a blank secret', { RINGSIDE_SIP_SECRET: '   ' }, /RINGSIDE_SIP_SECRET is not set/],
    ['an empty admin key in the list', { RINGSIDE_ADMIN_KEYS: 'admin-key-0123456789abcdefghij,,' }, /RINGSIDE_ADMIN_KEYS has an empty key/],
    ['a short admin key', { RINGSIDE_ADMIN_KEYS: 'short' }, /key 1 is too short/],
    ['a global API key list (keys belong to tenants)', { RINGSIDE_API_KEYS: 'dev-api-key' }, /RINGSIDE_API_KEYS is no longer read: .*key create/],
    ['a global origin list (origins belong to tenants)', { RINGSIDE_ALLOWED_ORIGINS: 'https://crm.example.com' }, /RINGSIDE_ALLOWED_ORIGINS is no longer read/],
  ];
  for (const [label, change, message] of cases) {
    it(`refuses ${label}`, () => {
      const found = problems({ ...strong, ...change });
      assert.equal(found.length, 1, found.join('\n'));
      assert.match(found[0]!, message);
    });
  }

  it('trims admin keys', () => {
    assert.deepEqual(loadConfig(strong).adminKeys, ['admin-key-0123456789abcdefghij', 'second-admin-key-0123456789ab']);
  });
});

describe('npm run serve (finding 2)', () => {
  it('refuses to start on development defaults, naming each setting', async () => {
    const server = await spawnServer('server/serve.ts', { NODE_ENV: 'Production' }, /on http:\/\//);

    assert.equal(server.exitCode(), 1, server.output());
    for (const name of ['RINGSIDE_TOKEN_SECRET', 'RINGSIDE_SIP_SECRET']) assert.match(server.output(), new RegExp(name));
  });

  it('takes no dev password, dev key, dev-signed token or demo request; a tenant made through the admin API works', async () => {
    const port = 5261;
    const dataDir = mkdtempSync(join(tmpdir(), 'ringside-prod-'));
    const server = await spawnServer('server/serve.ts', { ...strong, RINGSIDE_HTTP_PORT: String(port), RINGSIDE_DATA_DIR: dataDir }, /on http:\/\//);
    try {
      assert.equal(server.exitCode(), undefined, server.output());
      const base = `http://127.0.0.1:${port}`;
      const call = (path: string, body: unknown, headers: Record<string, string> = {}) =>
        fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, any> }));
      const devToken = (await mintToken(loadDevConfig({}).tokenSecret, 'dev', { userId: '1001', extension: '1001', displayName: 'Alice Agent' }, 600)).token;

      const password = await call('/api/session', { usercode: '1001', clearpassword: 'alice-1001' });
      const passwordOnDev = await call('/api/session', { usercode: '1001', clearpassword: 'alice-1001', tenant: 'dev' });
      const devKey = await call('/api/tokens', { userId: '1001' }, { 'x-api-key': 'dev-api-key' });
      const forged = await call('/api/session', { token: devToken });
      const demo = await fetch(`${base}/demo/token?user=1001`);
      const devAdmin = await call('/api/admin/login', { username: 'admin', password: 'ringside-dev-admin' });

      assert.deepEqual([password.status, password.body.error?.code], [400, 'tenant_required']);
      assert.deepEqual([passwordOnDev.status, passwordOnDev.body.error?.code], [401, 'credentials_invalid']);
      assert.deepEqual([devKey.status, devKey.body.error?.code], [401, 'api_key_invalid']);
      assert.deepEqual([forged.status, forged.body.error?.code], [401, 'token_invalid']);
      assert.equal(demo.status, 404);
      assert.deepEqual([devAdmin.status, devAdmin.body.error?.code], [401, 'credentials_invalid']);

      const admin = { authorization: 'Bearer admin-key-0123456789abcdefghij' };
      const created = await call('/api/admin/tenants', { name: 'Acme', allowedOrigins: ['https://crm.acme.example'], sipDomain: 'sip.acme.example', sipWsUrl: 'wss://sip.acme.example' }, admin);
      const minted = await call('/api/tokens', { userId: 'agent-7', extension: '3007', displayName: 'Grace' }, { 'x-api-key': created.body.apiKey });
      const session = await call('/api/session', { token: minted.body.token });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.deepEqual(session.body.agent, { userId: 'agent-7', extension: '3007', displayName: 'Grace' });
      assert.deepEqual(session.body.tenant.allowedOrigins, ['https://crm.acme.example']);
    } finally {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
