import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { mintToken } from '../../server/tokens.js';
import { startApiServer, testConfig, type ApiServer } from './api-server.js';

/**
 * Finding 9 of the "Safe to deploy" review, performed: tokens replayed, renew tokens reused
 * and kept after logout. Login tokens are single-use; renew tokens rotate, are bound to their
 * session, and a reused one ends the session; logout ends it on the server.
 */
const config = testConfig({ RINGSIDE_API_KEYS: 'token-attack-key' });
let server: ApiServer;
const alice = { userId: '1001', extension: '1001', displayName: 'Alice Agent' };
const login = async () => server.call('/api/session', { body: { token: (await mintToken(config.tokenSecret, 'dev', alice, 60)).token } });

before(async () => {
  server = await startApiServer(config);
});
after(() => server.close());

describe('login tokens are single-use', () => {
  it('a CRM token works once; the second exchange is refused with token_reused', async () => {
    const { token } = await mintToken(config.tokenSecret, 'dev', alice, 2);

    const first = await server.call('/api/session', { body: { token } });
    const second = await server.call('/api/session', { body: { token } });

    assert.equal(first.status, 200);
    assert.equal(second.status, 401);
    assert.equal(second.body.error.code, 'token_reused');
  });

  it('a token from /api/tokens is single-use too', async () => {
    const minted = await server.call('/api/tokens', { headers: { 'x-api-key': 'token-attack-key' }, body: { userId: '1002' } });
    const { token } = minted.body;

    assert.equal((await server.call('/api/session', { body: { token } })).status, 200);
    assert.equal((await server.call('/api/session', { body: { token } })).body.error.code, 'token_reused');
  });

  it('a renew token is not a login token, and a login token is not a renew token', async () => {
    const session = await login();
    const { token } = await mintToken(config.tokenSecret, 'dev', alice, 60);

    const renewAsLogout = await server.call('/api/logout', { body: { renewToken: token } });
    const loginAsRenew = await server.call('/api/session', { body: { renewToken: token } });

    assert.equal(renewAsLogout.body.error.code, 'token_invalid');
    assert.equal(loginAsRenew.body.error.code, 'token_invalid');
    assert.equal(session.status, 200);
  });
});

describe('renew tokens rotate and are bound to their session', () => {
  it('each renewal hands out a new renew token; the old one no longer works and its reuse revokes the session', async () => {
    const session = await login();
    const first = session.body.renewToken as string;

    const renewed = await server.call('/api/session', { body: { renewToken: first } });
    const second = renewed.body.renewToken as string;
    const replayed = await server.call('/api/session', { body: { renewToken: first } });
    const afterTheft = await server.call('/api/session', { body: { renewToken: second } });

    assert.equal(renewed.status, 200);
    assert.notEqual(second, first);
    assert.equal(replayed.status, 401);
    assert.equal(replayed.body.error.code, 'session_revoked');
    assert.equal(afterTheft.body.error.code, 'session_revoked', 'the legitimate holder is logged out too: the session is burnt');
  });

  it('the old spelling {token: renewToken} renews as well (older widgets)', async () => {
    const session = await login();

    const renewed = await server.call('/api/session', { body: { token: session.body.renewToken } });

    assert.equal(renewed.status, 200);
    assert.equal(renewed.body.agent.userId, '1001');
  });

  it('a renew token does not outlive the login it belongs to', async () => {
    const longAgo = Date.now() - (config.maxSessionSeconds - 30) * 1000;
    const session = await server.api.createSession({ token: (await mintToken(config.tokenSecret, 'dev', alice, 60, longAgo)).token }, 'test', {}, longAgo);

    assert.ok(session.renewBy <= Math.floor(longAgo / 1000) + config.maxSessionSeconds);
    const decoded = JSON.parse(Buffer.from(session.renewToken.split('.')[1]!, 'base64url').toString()) as { exp: number };
    assert.ok(decoded.exp <= Math.floor(longAgo / 1000) + config.maxSessionSeconds);
  });
});

describe('logout revokes on the server', () => {
  it('after POST /api/logout the renew token is refused', async () => {
    const session = await login();

    const out = await server.call('/api/logout', { body: { renewToken: session.body.renewToken } });
    const renew = await server.call('/api/session', { body: { renewToken: session.body.renewToken } });

    assert.deepEqual([out.status, out.body], [200, { ok: true }]);
    assert.equal(renew.status, 401);
    assert.equal(renew.body.error.code, 'session_revoked');
  });

  const bad: [string, unknown, number, string][] = [
    ['no renew token', {}, 400, 'invalid_body'],
    ['a forged renew token', { renewToken: 'a.b.c' }, 401, 'token_invalid'],
  ];
  for (const [label, body, status, code] of bad) {
    it(`answers ${label} with ${status} ${code}`, async () => {
      const result = await server.call('/api/logout', { body });
      assert.equal(result.status, status);
      assert.equal(result.body.error.code, code);
    });
  }
});
