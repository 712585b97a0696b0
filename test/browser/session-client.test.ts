import { expect } from '@open-wc/testing';
import { defaultPhoneSettings, fetchSession, SessionClient, type PhoneSettings } from '../../widget/services/session-client.js';

const API = 'https://phone.example.com/';

/** A session as the API answers it, with `renewToken` set. */
const session = (renewToken: string) => ({
  agent: { userId: '1001', extension: '1001', displayName: 'Alice Agent' },
  sip: { wsUrl: 'wss://sip.example.com', domain: 'example.com', username: 'u', password: 'p', expiresAt: 2_000_000_000 },
  tenant: { id: 'tn_acme', allowedOrigins: ['https://crm.example.com'] },
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

/** A tenant's phone settings with every field away from its default, as a current server sends them. */
const tenantPhone: PhoneSettings = {
  dtmfMode: 'info',
  ringTimeoutSeconds: 20,
  allowAutoAnswer: false,
  notReadyRejectStatus: 480,
  notReadyDirectCalls: false,
  turnServers: ['turn:turn.example.com:3478?transport=udp', 'stun:stun.example.com'],
  defaultLanguage: 'pt-BR',
  notReadyReasons: [{ code: 'coaching', label: 'Coaching' }],
  dispositionCodes: [{ code: 'sale', label: 'Sale' }],
  afterCallWork: { enabled: false, maxSeconds: 30, requireDisposition: true },
  historyDays: 7,
};

/** Logs in against a session API whose `tenant` is `tenant` (over the usual fields); returns what the phone got. */
async function loginWithTenant(tenant: Record<string, unknown>) {
  const base = session('r1');
  const api = fakeApi(() => json(200, { ...base, tenant: { ...base.tenant, ...tenant } }));
  return fetchSession(API, { token: 't' }, api.fetcher);
}

async function phoneOf(tenant: Record<string, unknown>): Promise<PhoneSettings> {
  const result = await loginWithTenant(tenant);
  if (!result.ok) throw new Error(`the login failed: ${result.error.code}`);
  return result.session.tenant.phone;
}

describe('fetchSession: tenant.phone, read tolerantly', () => {
  it('a session API that sends no phone (an older server) logs in with the defaults', async () => {
    const result = await loginWithTenant({});

    expect(result.ok).to.equal(true);
    if (result.ok) expect(result.session.tenant.phone).to.deep.equal(defaultPhoneSettings);
  });

  for (const [label, phone] of [
    ['null', null],
    ['a string', 'info'],
    ['a list', [tenantPhone]],
  ] as const) {
    it(`a phone that is ${label} logs in with the defaults`, async () => {
      expect(await phoneOf({ phone })).to.deep.equal(defaultPhoneSettings);
    });
  }

  it('good values pass through as the server sent them', async () => {
    expect(await phoneOf({ phone: tenantPhone })).to.deep.equal(tenantPhone);
  });

  it('the REFER rules beside phone still reach the widget, and tenant.id with them', async () => {
    const result = await loginWithTenant({ phone: tenantPhone, referPolicy: 'internal', internalExtensionPattern: '^2[0-9]{3}$' });

    expect(result.ok).to.equal(true);
    if (result.ok) expect(result.session.tenant).to.include({ id: 'tn_acme', referPolicy: 'internal', internalExtensionPattern: '^2[0-9]{3}$' });
  });

  // Each bad field falls back to its own default; every other field keeps the tenant's value.
  const badFields: [keyof PhoneSettings, unknown][] = [
    ['ringTimeoutSeconds', 4],
    ['ringTimeoutSeconds', 301],
    ['ringTimeoutSeconds', 45.5],
    ['ringTimeoutSeconds', '20'],
    ['ringTimeoutSeconds', null],
    ['dtmfMode', 'inband'],
    ['dtmfMode', 'INFO'],
    ['allowAutoAnswer', 'false'],
    ['allowAutoAnswer', 0],
    ['turnServers', 'turn:turn.example.com'],
    ['turnServers', ['turn:']],
    ['turnServers', ['stun:stun.example.com', 'https://turn.example.com']],
    ['turnServers', Array.from({ length: 11 }, (_, i) => `stun:s${i}.example.com`)],
    ['defaultLanguage', 'English'],
    ['defaultLanguage', 7],
    ['notReadyReasons', [{ code: 'a b', label: 'A' }]],
    ['notReadyReasons', [{ code: 'a', label: 'A' }, { code: 'a', label: 'B' }]],
    ['dispositionCodes', [{ code: 'sale' }]],
    ['dispositionCodes', {}],
    ['afterCallWork', { enabled: true, maxSeconds: -1, requireDisposition: false }],
    ['afterCallWork', { enabled: 'yes', maxSeconds: 30, requireDisposition: false }],
    ['afterCallWork', null],
    ['historyDays', 0],
    ['historyDays', 366],
    ['historyDays', '7'],
  ];
  for (const [field, bad] of badFields) {
    it(`a bad ${field} (${JSON.stringify(bad).slice(0, 60)}) becomes its default; the other fields pass through`, async () => {
      const phone = await phoneOf({ phone: { ...tenantPhone, [field]: bad } });

      expect(phone).to.deep.equal({ ...tenantPhone, [field]: defaultPhoneSettings[field] });
    });
  }

  it('a field missing from phone (a server older than that field) gets its default', async () => {
    const { ringTimeoutSeconds: _left, ...older } = tenantPhone;

    expect(await phoneOf({ phone: older })).to.deep.equal({ ...tenantPhone, ringTimeoutSeconds: 45 });
  });

  it('a session whose tenant has no allowedOrigins still fails: only phone is optional', async () => {
    const api = fakeApi(() => json(200, { ...session('r1'), tenant: { id: 'tn_acme', phone: tenantPhone } }));

    const result = await fetchSession(API, { token: 't' }, api.fetcher);

    expect(result.ok ? 'ok' : result.error.code).to.equal('session_unavailable');
  });
});

describe('tenant.phone.turnServers: what the reader passes, Chromium accepts', () => {
  const urls = [
    'stun:stun.example.com',
    'stuns:stun.example.com:5349',
    'turn:turn.example.com:3478?transport=udp',
    'turns:turn.example.com:443?transport=tcp',
    'turn:192.0.2.10',
    'turn:[2001:db8::1]:3478',
  ];
  for (const url of urls) {
    it(`${url} passes the reader and makes a peer connection`, async () => {
      const phone = await phoneOf({ phone: { ...tenantPhone, turnServers: [url] } });

      expect(phone.turnServers).to.deep.equal([url]);
      // TURN needs credentials in the browser; the URL itself is what is under test here.
      const connection = new RTCPeerConnection({ iceServers: [{ urls: [...phone.turnServers], username: 'u', credential: 'c' }] });
      connection.close();
    });
  }

  for (const url of ['turn:', 'stun:', 'turn://turn.example.com', 'turn:turn.example.com?transport=sctp', 'stun:stun.example.com:99999']) {
    it(`${url} is refused by Chromium and by the reader`, async () => {
      expect(() => new RTCPeerConnection({ iceServers: [{ urls: url, username: 'u', credential: 'c' }] })).to.throw();
      expect((await phoneOf({ phone: { ...tenantPhone, turnServers: [url] } })).turnServers).to.deep.equal([]);
    });
  }
});
