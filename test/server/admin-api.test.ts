import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startApiServer, testConfig, type ApiServer } from './api-server.js';

/**
 * The admin API: who may call it (session cookie + CSRF token, or an admin key), what a
 * tenant admin may see, and a coded error with fields for every bad input.
 */
const ADMIN_KEY = 'admin-key-for-tests-0123456789';
let server: ApiServer;
const key = { authorization: `Bearer ${ADMIN_KEY}` };

before(async () => {
  server = await startApiServer(testConfig({}, { adminKeys: [ADMIN_KEY] }));
  await server.store.admins.create('root', 'root password 123', null);
});
after(() => server.close());

async function login(username: string, password: string) {
  const response = await fetch(`${server.base}/api/admin/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  const body = (await response.json()) as { csrfToken?: string; error?: { code: string } };
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0]!;
  return { status: response.status, body, cookie, setCookie: response.headers.get('set-cookie') ?? '' };
}

describe('admin API: authentication', () => {
  it('refuses anonymous calls and wrong keys with 401 admin_auth_required', async () => {
    const anonymous = await server.call('/api/admin/tenants', { method: 'GET' });
    const wrongKey = await server.call('/api/admin/tenants', { method: 'GET', headers: { authorization: 'Bearer nope' } });
    assert.deepEqual([anonymous.status, anonymous.body.error.code], [401, 'admin_auth_required']);
    assert.deepEqual([wrongKey.status, wrongKey.body.error.code], [401, 'admin_auth_required']);
  });

  it('a login sets an HttpOnly, SameSite=Strict cookie scoped to the admin API', async () => {
    const { status, setCookie, body } = await login('root', 'root password 123');
    assert.equal(status, 200);
    assert.match(setCookie, /^ringside_admin=[\w-]{43}; Path=\/api\/admin; HttpOnly; SameSite=Strict; Max-Age=\d+$/);
    assert.match(body.csrfToken!, /^[\w-]{32}$/);
  });

  it('with the cookie, reads work; a change without the CSRF token is 403 csrf_invalid; with it, it works', async () => {
    const { cookie, body } = await login('root', 'root password 123');
    const read = await server.call('/api/admin/tenants', { method: 'GET', headers: { cookie } });
    const forged = await server.call('/api/admin/tenants', { headers: { cookie }, body: { name: 'Forged', allowedOrigins: [] } });
    const wrongToken = await server.call('/api/admin/tenants', { headers: { cookie, 'x-csrf-token': 'guess' }, body: { name: 'Forged', allowedOrigins: [] } });
    const real = await server.call('/api/admin/tenants', { headers: { cookie, 'x-csrf-token': body.csrfToken! }, body: { name: 'Real', allowedOrigins: [] } });

    assert.equal(read.status, 200);
    assert.deepEqual([forged.status, forged.body.error.code], [403, 'csrf_invalid']);
    assert.deepEqual([wrongToken.status, wrongToken.body.error.code], [403, 'csrf_invalid']);
    assert.equal(real.status, 201);
  });

  it('a wrong password is 401; after logout the cookie is dead', async () => {
    const wrong = await login('root', 'guess');
    const { cookie, body } = await login('root', 'root password 123');
    await server.call('/api/admin/logout', { headers: { cookie, 'x-csrf-token': body.csrfToken! } });
    const after = await server.call('/api/admin/me', { method: 'GET', headers: { cookie } });

    assert.deepEqual([wrong.status, wrong.body.error?.code], [401, 'credentials_invalid']);
    assert.equal(after.status, 401);
  });

  it('admin logins back off like agent logins', async () => {
    await server.store.admins.create('target', 'target password 1', null);
    for (let i = 0; i < 6; i++) await login('target', `guess-${i}`);
    const right = await login('target', 'target password 1');
    assert.deepEqual([right.status, right.body.error?.code], [429, 'rate_limited']);
  });
});

describe('admin API: tenants, keys, agents', () => {
  let tenantId = '';
  before(async () => {
    const created = await server.call('/api/admin/tenants', { headers: key, body: { name: 'Acme', allowedOrigins: ['https://crm.acme.example'] } });
    tenantId = created.body.tenant.id;
  });

  it('creates a tenant with a first API key that mints tokens', async () => {
    const created = await server.call('/api/admin/tenants', { headers: key, body: { name: 'Beta', allowedOrigins: ['https://crm.beta.example'], settings: { referPolicy: 'ask' } } });
    const minted = await server.call('/api/tokens', { headers: { 'x-api-key': created.body.apiKey }, body: { userId: 'b1', extension: '100', displayName: 'Beta One' } });

    assert.equal(created.status, 201);
    assert.equal(created.body.tenant.settings.referPolicy, 'ask');
    assert.equal(minted.status, 200);
  });

  it('updates settings partly: what is left out keeps its value', async () => {
    const patched = await server.call(`/api/admin/tenants/${tenantId}`, { method: 'PATCH', headers: key, body: { settings: { dispositionCodes: [{ code: 'sale', label: 'Sale' }] } } });
    assert.equal(patched.status, 200);
    assert.deepEqual(patched.body.tenant.settings.dispositionCodes, [{ code: 'sale', label: 'Sale' }]);
    assert.equal(patched.body.tenant.settings.referPolicy, 'never');
  });

  it('creates and revokes keys; a revoked key mints nothing', async () => {
    const created = await server.call(`/api/admin/tenants/${tenantId}/keys`, { headers: key, body: { label: 'CRM' } });
    await server.call(`/api/admin/tenants/${tenantId}/keys/${created.body.key.id}/revoke`, { headers: key });
    const minted = await server.call('/api/tokens', { headers: { 'x-api-key': created.body.apiKey }, body: { userId: 'x' } });
    const listed = await server.call(`/api/admin/tenants/${tenantId}/keys`, { method: 'GET', headers: key });

    assert.equal(minted.body.error.code, 'api_key_invalid');
    assert.ok(listed.body.keys.some((k: { id: string; revokedAt: string | null }) => k.id === created.body.key.id && k.revokedAt));
    assert.ok(!JSON.stringify(listed.body).includes(created.body.apiKey));
  });

  it('creates, changes and disables agents', async () => {
    const created = await server.call(`/api/admin/tenants/${tenantId}/agents`, { headers: key, body: { userId: 'alice', extension: '1001', displayName: 'Alice', password: 'alice password 1' } });
    const changed = await server.call(`/api/admin/tenants/${tenantId}/agents/alice`, { method: 'PATCH', headers: key, body: { displayName: 'Alice A.', enabled: false } });

    assert.equal(created.status, 201);
    assert.deepEqual([changed.body.agent.displayName, changed.body.agent.enabled, changed.body.agent.hasPassword], ['Alice A.', false, true]);
  });

  it('a tenant admin sees and changes only their tenant; tenants and admins are for admins of all tenants', async () => {
    const other = await server.call('/api/admin/tenants', { headers: key, body: { name: 'Other', allowedOrigins: [] } });
    await server.call('/api/admin/admins', { headers: key, body: { username: 'acme-admin', password: 'acme admin pass', tenantId } });
    const { cookie, body } = await login('acme-admin', 'acme admin pass');
    const headers = { cookie, 'x-csrf-token': body.csrfToken! };

    const listed = await server.call('/api/admin/tenants', { method: 'GET', headers });
    const foreign = await server.call(`/api/admin/tenants/${other.body.tenant.id}/agents`, { method: 'GET', headers });
    const create = await server.call('/api/admin/tenants', { headers, body: { name: 'Mine', allowedOrigins: [] } });
    const own = await server.call(`/api/admin/tenants/${tenantId}/agents`, { headers, body: { userId: 'bob', extension: '1002', displayName: 'Bob' } });

    assert.deepEqual(listed.body.tenants.map((t: { id: string }) => t.id), [tenantId]);
    assert.deepEqual([foreign.status, foreign.body.error.code], [404, 'not_found']);
    assert.deepEqual([create.status, create.body.error.code], [403, 'forbidden']);
    assert.equal(own.status, 201);
  });
});

describe('admin API: every bad input is a coded error naming its field', () => {
  const cases: [string, string, string, unknown, number, string, string[]][] = [
    ['tenant without a name', 'POST', '/api/admin/tenants', { allowedOrigins: [] }, 422, 'validation_failed', ['name']],
    ['a javascript: origin', 'POST', '/api/admin/tenants', { name: 'X', allowedOrigins: ['javascript:alert(1)'] }, 422, 'validation_failed', ['allowedOrigins[0]']],
    ['an unknown field', 'POST', '/api/admin/tenants', { name: 'X', allowedOrigins: [], colour: 'red' }, 422, 'validation_failed', ['colour']],
    ['a bad REFER policy', 'POST', '/api/admin/tenants', { name: 'X', settings: { referPolicy: 'always' } }, 422, 'validation_failed', ['settings.referPolicy']],
    ['a javascript: trigger', 'POST', '/api/admin/tenants', { name: 'X', settings: { urlTriggers: [{ event: 'OnIncomingCallRinging', url: 'javascript:alert(1)', target: 'new' }] } }, 422, 'validation_failed', ['settings.urlTriggers[0].url']],
    ['a duplicate disposition code', 'POST', '/api/admin/tenants', { name: 'X', settings: { dispositionCodes: [{ code: 'a', label: 'A' }, { code: 'a', label: 'B' }] } }, 422, 'validation_failed', ['settings.dispositionCodes[1].code']],
    ['ACW seconds out of range', 'POST', '/api/admin/tenants', { name: 'X', settings: { afterCallWork: { maxSeconds: -1 } } }, 422, 'validation_failed', ['settings.afterCallWork.maxSeconds']],
    ['a bad ws URL', 'POST', '/api/admin/tenants', { name: 'X', sipWsUrl: 'http://x' }, 422, 'validation_failed', ['sipWsUrl']],
    ['an admin with a short password', 'POST', '/api/admin/admins', { username: 'abc', password: 'x' }, 422, 'validation_failed', ['password']],
    ['an admin of a tenant that does not exist', 'POST', '/api/admin/admins', { username: 'abcd', password: 'long enough pw', tenantId: 'tn_none' }, 404, 'not_found', []],
    ['a body that is not JSON', 'POST', '/api/admin/tenants', '{', 400, 'invalid_body', []],
    ['an unknown endpoint', 'GET', '/api/admin/nothing', undefined, 404, 'not_found', []],
    ['a wrong method', 'PUT', '/api/admin/tenants', {}, 405, 'method_not_allowed', []],
    ['an unknown tenant', 'GET', '/api/admin/tenants/tn_none', undefined, 404, 'not_found', []],
  ];
  for (const [label, method, path, body, status, code, fields] of cases) {
    it(`${label} → ${status} ${code}`, async () => {
      const result = await server.call(path, { method, headers: key, ...(typeof body === 'string' ? { raw: body } : body === undefined ? {} : { body }) });
      assert.equal(result.status, status, JSON.stringify(result.body));
      assert.equal(result.body.error.code, code);
      assert.deepEqual((result.body.error.fields ?? []).map((f: { field: string }) => f.field), fields);
    });
  }
});

describe('admin API: a clash names its field', () => {
  it('409 conflict for a taken extension or user id says which field', async () => {
    const tenant = (await server.call('/api/admin/tenants', { headers: key, body: { name: 'Clash' } })).body.tenant;
    await server.call(`/api/admin/tenants/${tenant.id}/agents`, { headers: key, body: { userId: 'a', extension: '1', displayName: 'A' } });

    const extension = await server.call(`/api/admin/tenants/${tenant.id}/agents`, { headers: key, body: { userId: 'b', extension: '1', displayName: 'B' } });
    const user = await server.call(`/api/admin/tenants/${tenant.id}/agents`, { headers: key, body: { userId: 'a', extension: '2', displayName: 'A2' } });

    assert.deepEqual([extension.status, extension.body.error.fields.map((f: { field: string }) => f.field)], [409, ['extension']]);
    assert.deepEqual([user.status, user.body.error.fields.map((f: { field: string }) => f.field)], [409, ['userId']]);
  });
});
