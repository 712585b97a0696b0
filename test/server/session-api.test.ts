import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadDevConfig } from '../../server/config.js';
import { mintToken } from '../../server/tokens.js';
import { ephemeralPassword } from '../../server/credentials.js';
import { startApiServer, type ApiServer, type CallInit } from './api-server.js';

const config = loadDevConfig({ RINGSIDE_API_KEYS: 'key-1,key-2' });
let server: ApiServer;
const call = (path: string, init?: CallInit) => server.call(path, init);
const dev = (userId: string) => ({ userId, extension: userId, displayName: userId });

before(async () => {
  server = await startApiServer(config);
});
after(() => server.close());

describe('POST /api/tokens', () => {
  const cases: { label: string; headers: Record<string, string>; body?: unknown; raw?: string; status: number; code?: string }[] = [
    { label: 'good key and user', headers: { authorization: 'Bearer key-1' }, body: { userId: '1001' }, status: 200 },
    { label: 'second key, X-Api-Key header', headers: { 'x-api-key': 'key-2' }, body: { userId: '1002', ttlSeconds: 60 }, status: 200 },
    { label: 'no key', headers: {}, body: { userId: '1001' }, status: 401, code: 'api_key_invalid' },
    { label: 'wrong key', headers: { authorization: 'Bearer nope' }, body: { userId: '1001' }, status: 401, code: 'api_key_invalid' },
    { label: 'no userId', headers: { authorization: 'Bearer key-1' }, body: {}, status: 400, code: 'invalid_body' },
    { label: 'numeric userId', headers: { authorization: 'Bearer key-1' }, body: { userId: 1001 }, status: 400, code: 'invalid_body' },
    { label: 'unknown user', headers: { authorization: 'Bearer key-1' }, body: { userId: '9999' }, status: 404, code: 'unknown_user' },
    { label: 'ttl too long', headers: { authorization: 'Bearer key-1' }, body: { userId: '1001', ttlSeconds: 10 ** 9 }, status: 400, code: 'invalid_body' },
    { label: 'ttl not an integer', headers: { authorization: 'Bearer key-1' }, body: { userId: '1001', ttlSeconds: 1.5 }, status: 400, code: 'invalid_body' },
    { label: 'ttl as string', headers: { authorization: 'Bearer key-1' }, body: { userId: '1001', ttlSeconds: '60' }, status: 400, code: 'invalid_body' },
    { label: 'broken JSON', headers: { authorization: 'Bearer key-1' }, raw: '{"userId":', status: 400, code: 'invalid_body' },
    { label: 'JSON array', headers: { authorization: 'Bearer key-1' }, raw: '["1001"]', status: 400, code: 'invalid_body' },
    { label: 'huge body', headers: { authorization: 'Bearer key-1' }, raw: JSON.stringify({ userId: 'x'.repeat(20000) }), status: 413, code: 'payload_too_large' },
    { label: 'wrong content type', headers: { authorization: 'Bearer key-1', 'content-type': 'text/plain' }, body: { userId: '1001' }, status: 415, code: 'unsupported_media_type' },
  ];
  for (const { label, status, code, ...init } of cases) {
    it(`${label} → ${status}${code ? ` ${code}` : ''}`, async () => {
      const result = await call('/api/tokens', init);
      assert.equal(result.status, status);
      if (code) assert.equal(result.body.error.code, code);
      else assert.match(result.body.token, /^[\w-]+\.[\w-]+\.[\w-]+$/);
      assert.equal(result.headers.get('cache-control'), 'no-store');
    });
  }
});

describe('POST /api/session', () => {
  const cases: { label: string; body: () => Promise<unknown>; status: number; code?: string }[] = [
    { label: 'valid token', body: async () => ({ token: (await mintToken(config.tokenSecret, dev('1001'), 600)).token }), status: 200 },
    { label: 'usercode and clearpassword', body: async () => ({ usercode: '1002', clearpassword: 'bob-1002' }), status: 200 },
    { label: 'expired token', body: async () => ({ token: (await mintToken(config.tokenSecret, dev('1001'), 60, Date.now() - 3600_000)).token }), status: 401, code: 'token_expired' },
    { label: 'garbage token', body: async () => ({ token: 'garbage' }), status: 401, code: 'token_invalid' },
    { label: 'token signed with another secret', body: async () => ({ token: (await mintToken('another-secret', dev('1001'), 600)).token }), status: 401, code: 'token_invalid' },
    { label: 'token for a removed user', body: async () => ({ token: (await mintToken(config.tokenSecret, dev('ghost'), 600)).token }), status: 404, code: 'unknown_user' },
    { label: 'wrong password', body: async () => ({ usercode: '1002', clearpassword: 'guess' }), status: 401, code: 'credentials_invalid' },
    { label: 'unknown usercode', body: async () => ({ usercode: 'nobody', clearpassword: 'x' }), status: 401, code: 'credentials_invalid' },
    { label: 'usercode without password', body: async () => ({ usercode: '1002' }), status: 400, code: 'credentials_missing' },
    { label: 'empty body', body: async () => ({}), status: 400, code: 'credentials_missing' },
    { label: 'token as number', body: async () => ({ token: 42 }), status: 400, code: 'invalid_body' },
    { label: 'empty token', body: async () => ({ token: '' }), status: 400, code: 'invalid_body' },
  ];
  for (const { label, body, status, code } of cases) {
    it(`${label} → ${status}${code ? ` ${code}` : ''}`, async () => {
      const result = await call('/api/session', { body: await body() });
      assert.equal(result.status, status);
      if (code) assert.equal(result.body.error.code, code);
    });
  }

  it('hands out ephemeral SIP credentials that follow the auth_ephemeral scheme', async () => {
    const { token } = await mintToken(config.tokenSecret, dev('1001'), 600);
    const { body } = await call('/api/session', { body: { token } });

    const [expiry, user] = body.sip.username.split(':');
    assert.equal(user, '1001');
    assert.ok(Number(expiry) > Date.now() / 1000);
    assert.equal(body.sip.password, ephemeralPassword(config.sipSecret, body.sip.username));
    assert.deepEqual(body.tenant.allowedOrigins, config.allowedOrigins);
    assert.equal(body.agent.displayName, 'Alice Agent');
    assert.ok(body.renewBy <= Number(expiry));
  });
});

describe('routing', () => {
  it('answers unknown API paths with 404 not_found', async () => {
    assert.equal((await call('/api/nothing')).body.error.code, 'not_found');
  });
  it('answers GET with 405 method_not_allowed', async () => {
    const result = await call('/api/session', { method: 'GET' });
    assert.equal(result.status, 405);
    assert.equal(result.body.error.code, 'method_not_allowed');
  });
});
