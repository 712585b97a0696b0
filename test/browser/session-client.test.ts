import { expect } from '@open-wc/testing';
import { fetchSession, SessionClient } from '../../widget/services/session-client.js';

const API = 'https://phone.example.com/';

/** A session as the API answers it, with `renewToken` set. */
const session = (renewToken: string) => ({
  agent: { userId: '1001', extension: '1001', displayName: 'Alice Agent' },
  sip: { wsUrl: 'wss://sip.example.com', domain: 'example.com', username: 'u', password: 'p', expiresAt: 2_000_000_000 },
  tenant: { allowedOrigins: ['https://crm.example.com'] },
  renewToken,
  renewBy: 2_000_000_000,
});

interface Sent {
  path: string;
  body: Record<string, unknown>;
  init: RequestInit;
}

/**
 * The session API's edge: each request is recorded and answered by `answer`. Renew tokens
 * rotate like the server's: each is good once, `r1` → `r2` → …
 */
function fakeApi(answer: (sent: Sent) => Response | Promise<Response> = rotatingServer()) {
  const sent: Sent[] = [];
  const fetcher = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const entry = { path: new URL(String(input)).pathname, body: JSON.parse(String(init?.body)) as Record<string, unknown>, init: init ?? {} };
    sent.push(entry);
    return answer(entry);
  }) as typeof fetch;
  return { sent, fetcher };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

function rotatingServer() {
  const used = new Set<string>();
  let next = 1;
  return ({ path, body }: Sent): Response => {
    if (path === '/api/logout') return json(200, { ok: true });
    const presented = String(body.renewToken ?? body.token);
    if (used.has(presented)) return json(401, { error: { code: body.renewToken ? 'session_revoked' : 'token_reused', message: 'used' } });
    used.add(presented);
    return json(200, session(`r${next++}`));
  };
}

function memoryStorage(): Storage {
  const map = new Map<string, string>();
  return {
    get length() {
      return map.size;
    },
    clear: () => map.clear(),
    getItem: (key: string) => map.get(key) ?? null,
    key: (index: number) => [...map.keys()][index] ?? null,
    removeItem: (key: string) => void map.delete(key),
    setItem: (key: string, value: string) => void map.set(key, String(value)),
  };
}

const values = (storage: Storage) => Array.from({ length: storage.length }, (_, i) => storage.getItem(storage.key(i)!));

describe('SessionClient', () => {
  it('a reloaded page with the same login token resumes with the stored renew token, not the spent token', async () => {
    // Arrange: the first page logs in; the token is now spent.
    const storage = memoryStorage();
    const api = fakeApi();
    expect((await new SessionClient(API, storage, api.fetcher).login({ token: 'login-1' })).ok).to.equal(true);

    // Act: the iframe reloads and the host sends the same token again.
    const result = await new SessionClient(API, storage, api.fetcher).login({ token: 'login-1' });

    // Assert
    expect(result.ok).to.equal(true);
    expect(api.sent.map((s) => s.body)).to.deep.equal([{ token: 'login-1' }, { renewToken: 'r1' }]);
    expect(values(storage)).to.deep.equal(['r2']);
    expect(storage.key(0)).not.to.contain('login-1');
  });

  it('a different login token logs in with that token, whatever is stored', async () => {
    const storage = memoryStorage();
    const api = fakeApi();
    await new SessionClient(API, storage, api.fetcher).login({ token: 'login-1' });

    await new SessionClient(API, storage, api.fetcher).login({ token: 'login-2' });

    expect(api.sent.map((s) => s.body)).to.deep.equal([{ token: 'login-1' }, { token: 'login-2' }]);
  });

  it('falls back to the login token when the stored renew token is refused', async () => {
    const storage = memoryStorage();
    const answers = [json(200, session('r1')), json(401, { error: { code: 'session_revoked', message: 'revoked' } }), json(200, session('r9'))];
    const api = fakeApi(() => answers.shift()!);
    await new SessionClient(API, storage, api.fetcher).login({ token: 'login-1' });

    const result = await new SessionClient(API, storage, api.fetcher).login({ token: 'login-1' });

    expect(result.ok).to.equal(true);
    expect(api.sent.map((s) => s.body)).to.deep.equal([{ token: 'login-1' }, { renewToken: 'r1' }, { token: 'login-1' }]);
    expect(values(storage)).to.deep.equal(['r9']);
  });

  it('renews with {renewToken}, keeping the rotated token each time', async () => {
    const storage = memoryStorage();
    const api = fakeApi();
    const client = new SessionClient(API, storage, api.fetcher);
    await client.login({ token: 'login-1' });

    await client.renew();
    await client.renew();

    expect(api.sent.slice(1).map((s) => s.body)).to.deep.equal([{ renewToken: 'r1' }, { renewToken: 'r2' }]);
    expect(values(storage)).to.deep.equal(['r3']);
  });

  it('logout forgets the renew token at once and revokes it on the server without waiting', async () => {
    // Arrange: a server that never answers the logout.
    const storage = memoryStorage();
    const answers = [json(200, session('r1'))];
    const api = fakeApi(({ path }) => (path === '/api/logout' ? new Promise<Response>(() => undefined) : answers.shift()!));
    const client = new SessionClient(API, storage, api.fetcher);
    await client.login({ token: 'login-1' });

    // Act
    client.logout();
    await new Promise((resolve) => setTimeout(resolve, 0));

    // Assert
    expect(storage.length).to.equal(0);
    const logout = api.sent[1]!;
    expect(logout.path).to.equal('/api/logout');
    expect(logout.body).to.deep.equal({ renewToken: 'r1' });
    expect(logout.init).to.include({ credentials: 'omit', referrerPolicy: 'no-referrer' });
    expect((await client.renew()).ok).to.equal(false);
  });

  it('keeps nothing for a usercode and password login', async () => {
    const storage = memoryStorage();
    const api = fakeApi();

    await new SessionClient(API, storage, api.fetcher).login({ usercode: '1001', clearpassword: 'x' });

    expect(storage.length).to.equal(0);
  });
});

describe('fetchSession error codes', () => {
  const cases = [
    { label: 'a reused login token', status: 401, body: { error: { code: 'token_reused', message: 'm' } }, code: 'token_reused' },
    { label: 'a revoked session', status: 401, body: { error: { code: 'session_revoked', message: 'm' } }, code: 'session_revoked' },
    { label: 'rate limiting, with Retry-After seconds', status: 429, body: { error: { code: 'rate_limited', message: 'm' } }, headers: { 'retry-after': '30' }, code: 'rate_limited', retryAfter: 30 },
    { label: 'rate limiting without Retry-After', status: 429, body: { error: { code: 'rate_limited', message: 'm' } }, code: 'rate_limited' },
    { label: 'a disabled agent', status: 403, body: { error: { code: 'agent_disabled', message: 'm' } }, code: 'token_invalid' },
    { label: "a login on another tenant's page", status: 401, body: { error: { code: 'tenant_mismatch', message: 'm' } }, code: 'token_invalid' },
    { label: 'a password login without a tenant', status: 400, body: { error: { code: 'tenant_required', message: 'm' } }, code: 'credentials_missing' },
    { label: 'an inherited name as code', status: 401, body: { error: { code: 'constructor' } }, code: 'session_unavailable' },
    { label: 'a body that is not JSON', status: 502, body: 'gateway', code: 'session_unavailable' },
  ];
  for (const { label, status, body, headers, code, retryAfter } of cases) {
    it(`maps ${label} to ${code}`, async () => {
      const api = fakeApi(() => json(status, body, headers));

      const result = await fetchSession(API, { token: 't' }, api.fetcher);

      expect(result.ok).to.equal(false);
      if (!result.ok) {
        expect(result.error.code).to.equal(code);
        expect(result.error.retryAfter).to.equal(retryAfter);
      }
    });
  }
});
