import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig, loadDevConfig } from '../../server/config.js';
import { mintToken } from '../../server/tokens.js';

/**
 * Finding 2, performed: the production entry point with development defaults, with NODE_ENV
 * unset or misspelt, and the dev users' passwords, the dev API key, a dev-signed token and the
 * demo endpoint against a production server.
 */
const strong = {
  RINGSIDE_TOKEN_SECRET: 'prod-token-secret-0123456789-abcdefghijkl',
  RINGSIDE_SIP_SECRET: 'prod-sip-secret-0123456789-abcdefghijklmno',
  RINGSIDE_API_KEYS: 'crm-key-0123456789abcdefghij, second-key-0123456789abcdefgh',
  RINGSIDE_ALLOWED_ORIGINS: 'https://crm.example.com',
  RINGSIDE_SIP_WS_URL: 'wss://sip.example.com',
  RINGSIDE_SIP_DOMAIN: 'sip.example.com',
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
    const names = problems({}).map((p) => p.split(' ')[0]);
    assert.deepEqual(names.sort(), ['RINGSIDE_ALLOWED_ORIGINS', 'RINGSIDE_API_KEYS', 'RINGSIDE_SIP_DOMAIN', 'RINGSIDE_SIP_SECRET', 'RINGSIDE_SIP_WS_URL', 'RINGSIDE_TOKEN_SECRET']);
  });

  for (const nodeEnv of [undefined, 'Production', 'development', 'test']) {
    it(`is production whatever NODE_ENV says (${String(nodeEnv)})`, () => {
      assert.ok(problems({ NODE_ENV: nodeEnv }).length > 0);
      assert.deepEqual(loadConfig({ ...strong, NODE_ENV: nodeEnv }).users, []);
      assert.equal(loadConfig({ ...strong, NODE_ENV: nodeEnv }).demo, false);
    });
  }

  const dev = loadDevConfig({});
  const cases: [string, Record<string, string>, RegExp][] = [
    ['the public dev token secret', { RINGSIDE_TOKEN_SECRET: dev.tokenSecret }, /RINGSIDE_TOKEN_SECRET is the public development value/],
    ['the public dev SIP secret', { RINGSIDE_SIP_SECRET: 'dev-only-sip-secret-change-me' }, /RINGSIDE_SIP_SECRET is the public development value/],
    ['a short token secret', { RINGSIDE_TOKEN_SECRET: 'x'.repeat(31) }, /RINGSIDE_TOKEN_SECRET is too short/],
    ['a blank secret', { RINGSIDE_SIP_SECRET: '   ' }, /RINGSIDE_SIP_SECRET is not set/],
    ['the dev API key', { RINGSIDE_API_KEYS: 'dev-api-key' }, /public development key/],
    ['an empty API key in the list', { RINGSIDE_API_KEYS: 'crm-key-0123456789abcdefghij,,' }, /RINGSIDE_API_KEYS has an empty key/],
    ['a short API key', { RINGSIDE_API_KEYS: 'short' }, /key 1 is too short/],
    ['an origin with a path', { RINGSIDE_ALLOWED_ORIGINS: 'https://crm.example.com/app' }, /is not an origin/],
    ['a javascript: origin', { RINGSIDE_ALLOWED_ORIGINS: 'javascript:alert(1)' }, /is not an origin/],
    ['an unknown REFER policy', { RINGSIDE_REFER_POLICY: 'always' }, /RINGSIDE_REFER_POLICY must be one of/],
  ];
  for (const [label, change, message] of cases) {
    it(`refuses ${label}`, () => {
      const found = problems({ ...strong, ...change });
      assert.equal(found.length, 1, found.join('\n'));
      assert.match(found[0]!, message);
    });
  }

  it('trims API keys and defaults the REFER policy to never', () => {
    const config = loadConfig(strong);
    assert.deepEqual(config.apiKeys, ['crm-key-0123456789abcdefghij', 'second-key-0123456789abcdefgh']);
    assert.equal(config.referPolicy, 'never');
    assert.equal(config.embeddedPbx, false);
  });
});

/** Runs `npm run serve`'s entry with `env` only; resolves once it listens or exits. */
async function serve(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/serve.ts'], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const exited = once(child, 'exit').then(([code]) => ({ code: code as number | null }));
  for (let i = 0; i < 300 && !/on http:\/\//.test(out); i++) {
    const done = await Promise.race([exited, new Promise((r) => setTimeout(r, 50, undefined))]);
    if (done) return { child, out, exit: done as { code: number | null } };
  }
  return { child, out, exit: undefined };
}

describe('npm run serve (finding 2)', () => {
  it('refuses to start on development defaults, naming each setting', async () => {
    const { out, exit } = await serve({ NODE_ENV: 'Production' });

    assert.equal(exit?.code, 1);
    for (const name of ['RINGSIDE_TOKEN_SECRET', 'RINGSIDE_SIP_SECRET', 'RINGSIDE_API_KEYS', 'RINGSIDE_ALLOWED_ORIGINS']) assert.match(out, new RegExp(name));
  });

  it('a configured production server takes no dev password, dev key, dev-signed token or demo request', async () => {
    const port = 5261;
    const { child, out, exit } = await serve({ ...strong, RINGSIDE_HTTP_PORT: String(port) });
    assert.equal(exit, undefined, out);
    try {
      const base = `http://127.0.0.1:${port}`;
      const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
        fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) }).then(async (r) => ({ status: r.status, body: (await r.json()) as { error?: { code: string } } }));
      const devToken = (await mintToken(loadDevConfig({}).tokenSecret, { userId: '1001', extension: '1001', displayName: 'Alice Agent' }, 600)).token;

      const password = await post('/api/session', { usercode: '1001', clearpassword: 'alice-1001' });
      const devKey = await post('/api/tokens', { userId: '1001' }, { 'x-api-key': 'dev-api-key' });
      const forged = await post('/api/session', { token: devToken });
      const demo = await fetch(`${base}/demo/token?user=1001`);
      const minted = await post('/api/tokens', { userId: 'agent-7', extension: '3007', displayName: 'Grace' }, { 'x-api-key': 'crm-key-0123456789abcdefghij' });

      assert.deepEqual([password.status, password.body.error?.code], [401, 'credentials_invalid']);
      assert.deepEqual([devKey.status, devKey.body.error?.code], [401, 'api_key_invalid']);
      assert.deepEqual([forged.status, forged.body.error?.code], [401, 'token_invalid']);
      assert.equal(demo.status, 404);
      assert.equal(minted.status, 200);
      const session = await post('/api/session', { token: (minted.body as { token: string }).token });
      assert.deepEqual((session.body as { agent?: unknown }).agent, { userId: 'agent-7', extension: '3007', displayName: 'Grace' });
    } finally {
      child.kill();
      await once(child, 'exit');
    }
  });
});
