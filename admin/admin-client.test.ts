import { expect } from '@open-wc/testing';
import { AdminApiError, AdminClient, AdminSignedOutEvent } from './admin-client.js';

/** A fetch that answers from a list and records what the client sent. */
function fakeFetch(answers: { status: number; body?: unknown; headers?: Record<string, string> }[]) {
  const sent: { url: string; init: RequestInit }[] = [];
  const fetchFn = async (url: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    sent.push({ url: String(url), init: init ?? {} });
    const answer = answers.shift() ?? { status: 500 };
    return new Response(answer.body === undefined ? 'not json' : JSON.stringify(answer.body), { status: answer.status, headers: answer.headers ?? {} });
  };
  return { sent, fetchFn };
}

const admin = { id: 'adm_1', username: 'admin', tenantId: null };

describe('AdminClient', () => {
  it('sends the CSRF token of the session on every change, never on reads', async () => {
    const { sent, fetchFn } = fakeFetch([{ status: 200, body: { admin, csrfToken: 'csrf-1' } }, { status: 200, body: { tenants: [] } }, { status: 201, body: { apiKey: 'rsk_x', key: { id: 'k', label: 'l', prefix: 'rsk_', createdAt: 'now', lastUsedAt: null, revokedAt: null } } }]);
    const client = new AdminClient('/api/admin', fetchFn);

    await client.login('admin', 'pw');
    await client.tenants();
    await client.createKey('t1', 'CRM');

    const headers = sent.map((s) => (s.init.headers as Record<string, string>)['x-csrf-token']);
    expect(headers).to.deep.equal([undefined, undefined, 'csrf-1']);
    expect(sent.every((s) => s.init.credentials === 'same-origin')).to.equal(true);
    expect(sent[2]!.url).to.equal('/api/admin/tenants/t1/keys');
  });

  const refusals = [
    { label: 'a validation failure with fields', status: 422, body: { error: { code: 'validation_failed', message: 'm', fields: [{ field: 'name', message: 'x' }, { bad: 1 }] } }, code: 'validation_failed', fields: 1 },
    { label: 'a rate limit with Retry-After', status: 429, body: { error: { code: 'rate_limited', message: 'wait' } }, headers: { 'retry-after': '15' }, code: 'rate_limited', retry: 15 },
    { label: 'an answer that is not JSON', status: 502, body: undefined, code: 'http_error' },
  ];
  for (const { label, status, body, headers, code, fields, retry } of refusals) {
    it(`turns ${label} into a coded AdminApiError`, async () => {
      const client = new AdminClient('/api/admin', fakeFetch([{ status, body, ...(headers ? { headers } : {}) }]).fetchFn);
      const error = await client.tenants().then(() => null, (e: unknown) => e);
      expect(error).to.be.instanceOf(AdminApiError);
      expect((error as AdminApiError).code).to.equal(code);
      expect((error as AdminApiError).fields).to.have.length(fields ?? 0);
      expect((error as AdminApiError).retryAfterSeconds).to.equal(retry);
    });
  }

  it('refuses an answer of the wrong shape', async () => {
    const client = new AdminClient('/api/admin', fakeFetch([{ status: 200, body: { tenants: [{ id: 1 }] } }]).fetchFn);
    const error = (await client.tenants().catch((e: unknown) => e)) as AdminApiError;
    expect(error.code).to.equal('invalid_response');
  });

  it('tells the page when the session is gone, and me() is null without telling', async () => {
    const gone = { status: 401, body: { error: { code: 'admin_auth_required', message: 'log in' } } };
    const client = new AdminClient('/api/admin', fakeFetch([gone, gone]).fetchFn);
    let told = 0;
    client.addEventListener(AdminSignedOutEvent.eventName, () => told++);

    expect(await client.me()).to.equal(null);
    expect(told).to.equal(0);
    await client.tenants().catch(() => undefined);
    expect(told).to.equal(1);
  });
});
