import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fuzzRequests } from './fuzz-requests.js';
import { parseResponse, rawRequest, spawnServer, type Spawned } from './spawned.js';

/**
 * Findings 4 and 10 of the "Safe to deploy" review, performed against the servers as users
 * run them: `npm start` (Vite + API + dev PBX) and `npm run serve` in production with the
 * embedded PBX. One GET used to end either process; spellings of the widget's path used to
 * skip its security headers.
 */
const production = {
  RINGSIDE_TOKEN_SECRET: 'fuzz-token-secret-0123456789-abcdefghijkl',
  RINGSIDE_SIP_SECRET: 'fuzz-sip-secret-0123456789-abcdefghijklmno',
  RINGSIDE_ADMIN_KEYS: 'fuzz-admin-key-0123456789abcdefghij',
  RINGSIDE_SIP_DOMAIN: 'sip.example.com',
  RINGSIDE_EMBEDDED_PBX: 'on',
};
const dataDir = mkdtempSync(join(tmpdir(), 'ringside-fuzz-'));

interface Target {
  name: string;
  port: number;
  start: () => Promise<Spawned>;
  /** Prepares what the test needs (a tenant in production); returns the widget's path prefix, its CSP and an API key. */
  prepare: () => Promise<{ prefix: string; ancestors: string; apiKey: string }>;
}

const servers: Target[] = [
  {
    name: 'npm start',
    port: 5271,
    start: () => spawnServer('server/start.ts', { RINGSIDE_HTTP_PORT: '5271', RINGSIDE_SIP_PORT: '5272', RINGSIDE_DATA_DIR: join(dataDir, 'dev') }, /Ringside DEVELOPMENT server/),
    prepare: async () => ({ prefix: '', ancestors: "frame-ancestors 'self' http://localhost:5271 http://127.0.0.1:5271", apiKey: 'dev-api-key' }),
  },
  {
    name: 'npm run serve (production)',
    port: 5273,
    start: () => spawnServer('server/serve.ts', { ...production, RINGSIDE_HTTP_PORT: '5273', RINGSIDE_SIP_PORT: '5274', RINGSIDE_DATA_DIR: join(dataDir, 'prod') }, /on http:\/\//),
    prepare: async () => {
      const created = await fetch('http://127.0.0.1:5273/api/admin/tenants', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${production.RINGSIDE_ADMIN_KEYS}` },
        body: JSON.stringify({ name: 'Fuzz', allowedOrigins: ['https://crm.example.com'] }),
      }).then((r) => r.json() as Promise<{ tenant: { id: string }; apiKey: string }>);
      await fetch(`http://127.0.0.1:5273/api/admin/tenants/${created.tenant.id}/agents`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${production.RINGSIDE_ADMIN_KEYS}` },
        body: JSON.stringify({ userId: '1001', extension: '1001', displayName: 'Alice' }),
      });
      return { prefix: `/t/${created.tenant.id}`, ancestors: "frame-ancestors 'self' https://crm.example.com", apiKey: created.apiKey };
    },
  },
];

after(() => rmSync(dataDir, { recursive: true, force: true }));

const FUZZ_COUNT = 5000;

for (const server of servers) {
  describe(`${server.name}: no request ends the process, no spelling skips the headers`, () => {
    let running: Spawned;
    let prepared: Awaited<ReturnType<Target['prepare']>>;
    before(async () => {
      running = await server.start();
      assert.equal(running.exitCode(), undefined, running.output());
      prepared = await server.prepare();
    });
    after(() => running.stop());

    it('answers the two requests that used to crash it', async () => {
      for (const path of ['//', '/%E0%A4%A']) {
        const { status } = parseResponse(await rawRequest(server.port, `GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`));
        assert.ok(status >= 200 && status < 500, `${path} → ${status}`);
      }
      assert.equal(running.exitCode(), undefined, running.output());
    });

    it(`answers each of ${FUZZ_COUNT} generated requests and still serves a login afterwards`, async () => {
      const unanswered: string[] = [];
      const serverErrors: string[] = [];
      const requests = [...fuzzRequests(FUZZ_COUNT)];
      for (let i = 0; i < requests.length; i += 25) {
        await Promise.all(
          requests.slice(i, i + 25).map(async (raw) => {
            const { status } = parseResponse(await rawRequest(server.port, raw));
            if (!status) unanswered.push(raw.slice(0, 120));
            else if (status >= 500) serverErrors.push(`${status} ${raw.slice(0, 120)}`);
          }),
        );
        assert.equal(running.exitCode(), undefined, `the server exited after request ${i}:\n${running.output().slice(-2000)}`);
      }

      assert.deepEqual(unanswered, []);
      assert.deepEqual(serverErrors, []);
      const token = await fetch(`http://127.0.0.1:${server.port}/api/tokens`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': prepared.apiKey },
        body: JSON.stringify({ userId: '1001' }),
      }).then((r) => r.json() as Promise<{ token: string }>);
      const login = await fetch(`http://127.0.0.1:${server.port}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: token.token }) });
      assert.equal(login.status, 200);
    });

    const spellings = ['/widget/', '/widget', '/widget?token=', '/widget/?token=abc', '/./widget/', '/%77idget/', '/sdk/../widget/', '//widget/', '/widget/index.html', '/widget//', '/WIDGET/'];
    for (const spelling of spellings) {
      it(`${spelling} under the tenant's prefix carries its frame-ancestors and no-referrer, or is not the widget`, async () => {
        const path = prepared.prefix + spelling;
        const text = await rawRequest(server.port, `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
        const { status, headers } = parseResponse(text);
        const isWidget = status === 200 && text.includes('<rs-app>');

        assert.ok(status > 0, 'answered');
        assert.equal(headers['referrer-policy'], 'no-referrer');
        // The widget page always carries its tenant's list; anything else is framed by nobody else.
        if (isWidget) assert.equal(headers['content-security-policy'], prepared.ancestors);
        else assert.ok([prepared.ancestors, "frame-ancestors 'none'", undefined].includes(headers['content-security-policy']), headers['content-security-policy']);
        if (spelling === '/widget/') assert.ok(isWidget, `the widget page itself is served at ${path}`);
      });
    }

    it('a widget path without a tenant may be framed by nobody in production, by the dev tenant in development', async () => {
      const { headers } = parseResponse(await rawRequest(server.port, 'GET /widget/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n'));
      assert.equal(headers['content-security-policy'], prepared.prefix ? "frame-ancestors 'none'" : prepared.ancestors);
    });

    it("the tenant's phone page loads its script from under the tenant's prefix", async () => {
      const pageUrl = `http://127.0.0.1:${server.port}${prepared.prefix || "/t/dev"}/widget/`;
      const html = await fetch(pageUrl).then((r) => r.text());
      const src = /<script[^>]+src="([^"]+)"/.exec(html)?.[1];
      assert.ok(src, html.slice(0, 500));
      const script = await fetch(new URL(src, pageUrl));
      assert.equal(script.status, 200, `${new URL(src, pageUrl).pathname}`);
      assert.match(script.headers.get('content-type') ?? '', /javascript/);
    });

    for (const spelling of ['/admin/', '/admin', '/./admin/', '/%61dmin/', '//admin/']) {
      it(`the admin page at ${spelling} may be framed by nobody`, async () => {
        const { headers } = parseResponse(await rawRequest(server.port, `GET ${spelling} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`));
        assert.equal(headers['content-security-policy'], "frame-ancestors 'none'");
      });
    }

    it('an unknown tenant is 404 unknown_tenant', async () => {
      const text = await rawRequest(server.port, 'GET /t/tn_nobody/widget/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
      assert.equal(parseResponse(text).status, 404);
      assert.match(text, /unknown_tenant/);
    });
  });
}
