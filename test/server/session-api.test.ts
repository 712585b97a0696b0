import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { mintToken } from '../../server/tokens.js';
import { ephemeralPassword } from '../../server/credentials.js';
import { defaultPhoneSettings } from '../../widget/services/session-client.js';
import { startApiServer, testConfig, type ApiServer, type CallInit } from './api-server.js';

const ADMIN_KEY = 'admin-key-for-session-tests-0123';
const config = testConfig({ RINGSIDE_API_KEYS: 'key-1' }, { adminKeys: [ADMIN_KEY] });
let server: ApiServer;
const call = (path: string, init?: CallInit) => server.call(path, init);
const dev = (userId: string) => ({ userId, extension: userId, displayName: userId });

before(async () => {
  server = await startApiServer(config);
  await server.store.tenants.createKey('dev', 'second', 'key-2');
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
    { label: 'valid token', body: async () => ({ token: (await mintToken(config.tokenSecret, 'dev', dev('1001'), 600)).token }), status: 200 },
    { label: 'usercode and clearpassword', body: async () => ({ usercode: '1002', clearpassword: 'bob-1002' }), status: 200 },
    { label: 'expired token', body: async () => ({ token: (await mintToken(config.tokenSecret, 'dev', dev('1001'), 60, Date.now() - 3600_000)).token }), status: 401, code: 'token_expired' },
    { label: 'garbage token', body: async () => ({ token: 'garbage' }), status: 401, code: 'token_invalid' },
    { label: 'token signed with another secret', body: async () => ({ token: (await mintToken('another-secret', 'dev', dev('1001'), 600)).token }), status: 401, code: 'token_invalid' },
    { label: 'token for a removed user', body: async () => ({ token: (await mintToken(config.tokenSecret, 'dev', dev('ghost'), 600)).token }), status: 404, code: 'unknown_user' },
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
    const { token } = await mintToken(config.tokenSecret, 'dev', dev('1001'), 600);
    const { body } = await call('/api/session', { body: { token } });

    const [expiry, user] = body.sip.username.split(':');
    assert.equal(user, '1001');
    assert.ok(Number(expiry) > Date.now() / 1000);
    assert.equal(body.sip.password, ephemeralPassword(config.sipSecret, body.sip.username));
    assert.deepEqual(body.tenant.allowedOrigins, config.devSeed!.allowedOrigins);
    assert.equal(body.tenant.id, 'dev');
    assert.equal(body.agent.displayName, 'Alice Agent');
    assert.ok(body.renewBy <= Number(expiry));
  });
});

describe('routing', () => {
  it('answers unknown API paths with 404 not_found', async () => {
    assert.equal((await call('/api/nothing')).body.error.code, 'not_found');
  });
  it('answers GET on a session endpoint with 405 method_not_allowed', async () => {
    const result = await call('/api/session', { method: 'GET' });
    assert.equal(result.status, 405);
    assert.equal(result.body.error.code, 'method_not_allowed');
  });
});

describe('tenants in the session API', () => {
  const tenantWithKey = async (settings: Record<string, unknown> = {}) => {
    const tenant = await server.store.tenants.create({ name: 'Acme', allowedOrigins: ['https://crm.acme.example'], sipDomain: 'acme.sip.example', sipWsUrl: 'wss://sip.acme.example' });
    if (Object.keys(settings).length) await server.store.tenants.update(tenant.id, { settings: { ...tenant.settings, ...settings } });
    const key = `acme-key-${tenant.id}`;
    await server.store.tenants.createKey(tenant.id, 'crm', key);
    return { tenant, key };
  };

  it('a tenant key mints for its own agents; the session carries that tenant’s origins, SIP and settings', async () => {
    const { tenant, key } = await tenantWithKey({ referPolicy: 'ask', dispositionCodes: [{ code: 'sale', label: 'Sale' }] });
    await server.store.agents.upsert(tenant.id, { userId: 'grace', extension: '3007', displayName: 'Grace' });

    const minted = await call('/api/tokens', { headers: { 'x-api-key': key }, body: { userId: 'grace' } });
    const session = await call('/api/session', { body: { token: minted.body.token, tenant: tenant.id } });

    assert.equal(session.status, 200);
    assert.deepEqual(session.body.agent, { userId: 'grace', extension: '3007', displayName: 'Grace' });
    assert.deepEqual([session.body.tenant.id, session.body.tenant.allowedOrigins, session.body.tenant.referPolicy], [tenant.id, ['https://crm.acme.example'], 'ask']);
    assert.deepEqual(session.body.tenant.dispositionCodes, [{ code: 'sale', label: 'Sale' }]);
    assert.deepEqual([session.body.sip.domain, session.body.sip.wsUrl], ['acme.sip.example', 'wss://sip.acme.example']);
  });

  it('a tenant key cannot mint for another tenant’s agent', async () => {
    const { key } = await tenantWithKey({ jitAgents: false });
    const result = await call('/api/tokens', { headers: { 'x-api-key': key }, body: { userId: '1001' } });
    assert.deepEqual([result.status, result.body.error.code], [404, 'unknown_user']);
  });

  it('just-in-time agents: a profile creates the agent, a later one updates it', async () => {
    const { tenant, key } = await tenantWithKey();

    const first = await call('/api/tokens', { headers: { 'x-api-key': key }, body: { userId: 'new.agent', extension: '4001', displayName: 'New Agent' } });
    const second = await call('/api/tokens', { headers: { 'x-api-key': key }, body: { userId: 'new.agent', displayName: 'Renamed Agent' } });

    assert.equal(first.status, 200);
    assert.equal(second.status, 200);
    assert.deepEqual(await server.store.agents.get(tenant.id, 'new.agent'), { tenantId: tenant.id, userId: 'new.agent', extension: '4001', displayName: 'Renamed Agent', enabled: true, permissions: {}, hasPassword: false });
  });

  it('just-in-time agents off: a profile for an unknown agent is 404 unknown_user; an extension clash is 409', async () => {
    const off = await tenantWithKey({ jitAgents: false });
    const on = await tenantWithKey();
    await server.store.agents.upsert(on.tenant.id, { userId: 'a', extension: '5001', displayName: 'A' });

    const refused = await call('/api/tokens', { headers: { 'x-api-key': off.key }, body: { userId: 'x', extension: '1', displayName: 'X' } });
    const clash = await call('/api/tokens', { headers: { 'x-api-key': on.key }, body: { userId: 'b', extension: '5001', displayName: 'B' } });

    assert.deepEqual([refused.status, refused.body.error.code], [404, 'unknown_user']);
    assert.deepEqual([clash.status, clash.body.error.code], [409, 'conflict']);
  });

  it('a disabled agent cannot get a token, log in, or renew', async () => {
    const { tenant, key } = await tenantWithKey();
    await server.store.agents.upsert(tenant.id, { userId: 'leaver', extension: '6001', displayName: 'Leaver' });
    const minted = await call('/api/tokens', { headers: { 'x-api-key': key }, body: { userId: 'leaver' } });
    const session = await call('/api/session', { body: { token: minted.body.token } });

    await server.store.agents.setEnabled(tenant.id, 'leaver', false);
    const token = await call('/api/tokens', { headers: { 'x-api-key': key }, body: { userId: 'leaver' } });
    const renewal = await call('/api/session', { body: { renewToken: session.body.renewToken } });

    assert.equal(session.status, 200);
    assert.deepEqual([token.status, token.body.error.code], [403, 'agent_disabled']);
    assert.deepEqual([renewal.status, renewal.body.error.code], [403, 'agent_disabled']);
  });

  it('a login on another tenant’s phone page is refused with tenant_mismatch', async () => {
    const { tenant } = await tenantWithKey();
    const token = (await mintToken(config.tokenSecret, 'dev', dev('1001'), 60)).token;

    const result = await call('/api/session', { body: { token, tenant: tenant.id } });

    assert.deepEqual([result.status, result.body.error.code], [401, 'tenant_mismatch']);
  });

  it('a password login names its tenant; agents of other tenants with the same user id are not found', async () => {
    const { tenant } = await tenantWithKey();
    await server.store.agents.upsert(tenant.id, { userId: '1002', extension: '1002', displayName: 'Acme Bob', password: 'acme-bob-password' });

    const acme = await call('/api/session', { body: { usercode: '1002', clearpassword: 'acme-bob-password', tenant: tenant.id } });
    const devWithAcmePassword = await call('/api/session', { body: { usercode: '1002', clearpassword: 'acme-bob-password' } });

    assert.equal(acme.body.agent.displayName, 'Acme Bob');
    assert.equal(devWithAcmePassword.body.error.code, 'credentials_invalid');
  });
});

describe('tenant.phone: the tenant’s call settings in the session', () => {
  const admin = { authorization: `Bearer ${ADMIN_KEY}` };
  /** A tenant made through the admin API, with one agent and the tenant's first API key. */
  const adminTenant = async () => {
    const created = await call('/api/admin/tenants', { headers: admin, body: { name: 'Phone settings', allowedOrigins: ['https://crm.phone.example'] } });
    const tenantId: string = created.body.tenant.id;
    await server.store.agents.upsert(tenantId, { userId: 'pat', extension: '2001', displayName: 'Pat' });
    const login = async () => {
      const minted = await call('/api/tokens', { headers: { 'x-api-key': created.body.apiKey }, body: { userId: 'pat' } });
      return call('/api/session', { body: { token: minted.body.token, tenant: tenantId } });
    };
    return { tenantId, apiKey: created.body.apiKey as string, login };
  };
  const changed = {
    dtmfMode: 'info',
    ringTimeoutSeconds: 20,
    allowAutoAnswer: false,
    notReadyRejectStatus: 480,
    notReadyDirectCalls: false,
    turnServers: ['turn:turn.phone.example:3478?transport=udp', 'stun:stun.phone.example'],
    defaultLanguage: 'pt-BR',
    notReadyReasons: [{ code: 'coaching', label: 'Coaching' }],
    dispositionCodes: [{ code: 'sale', label: 'Sale' }],
    afterCallWork: { enabled: false, maxSeconds: 30, requireDisposition: true },
    historyDays: 7,
  };

  it('a new tenant’s phone gets the same defaults the widget falls back to without tenant.phone', async () => {
    const { login } = await adminTenant();

    const session = await login();

    assert.equal(session.status, 200);
    assert.deepEqual(session.body.tenant.phone, defaultPhoneSettings);
  });

  it('after an admin changes the settings, a login and a renewal carry the tenant’s values, and the REFER rules stay where they were', async () => {
    const { tenantId, apiKey, login } = await adminTenant();
    const before = await login();

    const patched = await call(`/api/admin/tenants/${tenantId}`, { method: 'PATCH', headers: admin, body: { settings: { ...changed, referPolicy: 'internal', internalExtensionPattern: '^2[0-9]{3}$' } } });
    const after = await login();
    const renewed = await call('/api/session', { body: { renewToken: before.body.renewToken } });

    assert.equal(patched.status, 200);
    assert.deepEqual(after.body.tenant.phone, changed);
    assert.deepEqual(renewed.body.tenant.phone, changed, 'a session opened before the change gets it at its next renewal');
    assert.deepEqual([after.body.tenant.id, after.body.tenant.allowedOrigins], [tenantId, ['https://crm.phone.example']]);
    assert.deepEqual([after.body.tenant.referPolicy, after.body.tenant.internalExtensionPattern], ['internal', '^2[0-9]{3}$']);
    const text = JSON.stringify(after.body);
    for (const secret of [apiKey, config.sipSecret, config.tokenSecret, ADMIN_KEY]) assert.ok(!text.includes(secret), 'no secret in the session answer');
  });

  it('another tenant’s change does not reach this tenant’s phone', async () => {
    const mine = await adminTenant();
    const theirs = await adminTenant();

    await call(`/api/admin/tenants/${theirs.tenantId}`, { method: 'PATCH', headers: admin, body: { settings: changed } });
    const session = await mine.login();

    assert.deepEqual(session.body.tenant.phone, defaultPhoneSettings);
  });

  it('a TURN URL stored before URLs were checked this closely is left out, the others reach the phone', async () => {
    const { tenantId, login } = await adminTenant();
    const tenant = (await server.store.tenants.get(tenantId))!;
    await server.store.tenants.update(tenantId, { settings: { ...tenant.settings, turnServers: ['turn:', 'stun:stun.phone.example:3478'] } });

    const session = await login();

    assert.deepEqual(session.body.tenant.phone.turnServers, ['stun:stun.phone.example:3478']);
  });
});

describe('the session API under a tenant prefix (/t/<tenant>/api/…, what a tenant’s phone page calls)', () => {
  it('a login for that tenant works; a login for another tenant is tenant_mismatch; logout works there too', async () => {
    const tenant = await server.store.tenants.create({ name: 'Scoped', allowedOrigins: [], sipDomain: 'd', sipWsUrl: 'wss://d' });
    await server.store.agents.upsert(tenant.id, { userId: 's1', extension: '1', displayName: 'S' });
    const own = (await mintToken(config.tokenSecret, tenant.id, dev('s1'), 60)).token;
    const foreign = (await mintToken(config.tokenSecret, 'dev', dev('1001'), 60)).token;

    const ok = await call(`/t/${tenant.id}/api/session`, { body: { token: own } });
    const mismatch = await call(`/t/${tenant.id}/api/session`, { body: { token: foreign } });
    const out = await call(`/t/${tenant.id}/api/logout`, { body: { renewToken: ok.body.renewToken } });

    assert.equal(ok.status, 200);
    assert.deepEqual([mismatch.status, mismatch.body.error.code], [401, 'tenant_mismatch']);
    assert.equal(out.status, 200);
    assert.equal((await call('/api/session', { body: { token: foreign } })).status, 200, 'a token tried on the wrong page is not spent');
  });
});
