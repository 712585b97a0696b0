import assert from 'node:assert/strict';
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
  RINGSIDE_API_KEYS: 'fuzz-key-0123456789abcdefghij',
  RINGSIDE_ALLOWED_ORIGINS: 'https://crm.example.com',
  RINGSIDE_SIP_DOMAIN: 'sip.example.com',
  RINGSIDE_EMBEDDED_PBX: 'on',
};
const servers: { name: string; port: number; start: () => Promise<Spawned>; ancestors: string; login: Record<string, string> }[] = [
  {
    name: 'npm start',
    port: 5271,
    start: () => spawnServer('server/start.ts', { RINGSIDE_HTTP_PORT: '5271', RINGSIDE_SIP_PORT: '5272' }, /Ringside DEVELOPMENT server/),
    ancestors: "frame-ancestors 'self' http://localhost:5271 http://127.0.0.1:5271",
    login: { usercode: '1001', clearpassword: 'alice-1001' },
  },
  {
    name: 'npm run serve (production)',
    port: 5273,
    start: () => spawnServer('server/serve.ts', { ...production, RINGSIDE_HTTP_PORT: '5273', RINGSIDE_SIP_PORT: '5274' }, /on http:\/\//),
    ancestors: "frame-ancestors 'self' https://crm.example.com",
    login: {},
  },
];

const FUZZ_COUNT = 5000;

for (const server of servers) {
  describe(`${server.name}: no request ends the process, no spelling skips the headers`, () => {
    let running: Spawned;
    before(async () => {
      running = await server.start();
      assert.equal(running.exitCode(), undefined, running.output());
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
        headers: { 'content-type': 'application/json', 'x-api-key': server.name === 'npm start' ? 'dev-api-key' : production.RINGSIDE_API_KEYS },
        body: JSON.stringify({ userId: '1001' }),
      }).then((r) => r.json() as Promise<{ token: string }>);
      const login = await fetch(`http://127.0.0.1:${server.port}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: token.token }) });
      assert.equal(login.status, 200);
    });

    const spellings = ['/widget/', '/widget', '/widget?token=', '/widget/?token=abc', '/./widget/', '/%77idget/', '/sdk/../widget/', '//widget/', '/widget/index.html', '/widget//', '/WIDGET/'];
    for (const path of spellings) {
      it(`${path} carries frame-ancestors and no-referrer, or is not the widget`, async () => {
        const text = await rawRequest(server.port, `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
        const { status, headers } = parseResponse(text);

        assert.ok(status > 0, 'answered');
        assert.equal(headers['content-security-policy'], server.ancestors);
        assert.equal(headers['referrer-policy'], 'no-referrer');
        if (path === '/widget/') assert.equal(status, 200, 'the widget page itself is served');
      });
    }
  });
}
