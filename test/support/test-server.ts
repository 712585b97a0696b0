import type { IncomingMessage, ServerResponse } from 'node:http';
import { createApp, type RingsideApp } from '../../server/app.js';
import { loadDevConfig } from '../../server/config.js';
import { mintToken } from '../../server/tokens.js';
import { sipPeerRoute } from './sip-peer.js';

export const TEST_API_KEY = 'test-api-key';
export const TEST_SIP_PORT = 5091;

/** The tenant the browser tests run as (the development seed's, with the test origin and key). */
export const TEST_TENANT = 'dev';

/**
 * A web-test-runner plugin that runs the real server (in-memory store, session API, dev PBX)
 * beside the test server. Only `http://localhost:8000` is an allowed host origin of the test
 * tenant, so pages on `http://127.0.0.1:8000` play the part of a foreign site.
 */
export function testServerPlugin() {
  const config = loadDevConfig({
    RINGSIDE_API_KEYS: TEST_API_KEY,
    RINGSIDE_SIP_PORT: String(TEST_SIP_PORT),
    RINGSIDE_HTTP_PORT: '8000',
    RINGSIDE_ALLOWED_ORIGINS: 'http://localhost:8000',
    RINGSIDE_DATA_DIR: 'memory',
  });
  let app: RingsideApp | undefined;
  let pbxRunning = true;
  const started = (): RingsideApp => {
    if (!app) throw new Error('the test server has not started');
    return app;
  };
  const middleware = async (ctx: KoaContext, next: () => Promise<void>): Promise<void> => {
    if (await testOnlyRoutes(ctx)) return;
    let passed = false;
    await started().middleware(ctx.req, ctx.res, () => (passed = true));
    if (passed) return next();
    ctx.respond = false;
  };
  /** Requests URL triggers sent to the sink, oldest first, until read. */
  let sunk: SunkRequest[] = [];
  /** The URLs under `fail-once/` that have failed their first request. */
  const failedOnce = new Set<string>();
  /** Test-only answers: never part of the product server. */
  async function testOnlyRoutes(ctx: KoaContext): Promise<boolean> {
    const url = new URL(ctx.req.url ?? '/', 'http://x');
    let body: unknown;
    if (url.pathname.startsWith('/test-only/trigger-sink/')) {
      await triggerSink(ctx, url, sunk, failedOnce);
      return true;
    }
    if (url.pathname === '/test-only/expired-token') {
      const twoHoursAgo = Date.now() - 2 * 3600 * 1000;
      const user = url.searchParams.get('user') ?? '1001';
      body = await mintToken(config.tokenSecret, TEST_TENANT, { userId: user, extension: user, displayName: user }, 60, twoHoursAgo);
    } else if (url.pathname === '/test-only/register-attempts') {
      body = { attempts: started().pbx!.registerAttempts.get(url.searchParams.get('user') ?? '') ?? 0 };
    } else if (url.pathname === '/test-only/refer-policy') {
      // Sessions read the policy when they are created: set it before mounting phones.
      const policy = url.searchParams.get('policy');
      const { tenants } = started().store;
      const tenant = (await tenants.get(TEST_TENANT))!;
      if (policy === 'never' || policy === 'internal' || policy === 'ask') await tenants.update(TEST_TENANT, { settings: { ...tenant.settings, referPolicy: policy } });
      body = { referPolicy: (await tenants.get(TEST_TENANT))!.settings.referPolicy };
    } else if (url.pathname === '/test-only/tenant-settings') {
      // Merges JSON from `set` into the test tenant's settings (read by sessions at login).
      const { tenants } = started().store;
      const tenant = (await tenants.get(TEST_TENANT))!;
      const patch = JSON.parse(url.searchParams.get('set') ?? '{}') as Record<string, unknown>;
      await tenants.update(TEST_TENANT, { settings: { ...tenant.settings, ...patch } });
      body = (await tenants.get(TEST_TENANT))!.settings;
    } else if (url.pathname === '/test-only/pbx') {
      // Stops or starts the dev PBX: every phone's socket drops, as when a SIP server restarts.
      const pbx = started().pbx!;
      const action = url.searchParams.get('action');
      if (action === 'stop' && pbxRunning) await pbx.stop();
      else if (action === 'start' && !pbxRunning) await pbx.start();
      pbxRunning = action === 'stop' ? false : action === 'start' ? true : pbxRunning;
      body = { url: pbx.url, running: pbxRunning };
    } else if (url.pathname === '/test-only/trigger-sink-read') {
      // What URL triggers sent to the sink since the last read.
      body = sunk;
      sunk = [];
    } else if (url.pathname.startsWith('/test-only/sip-peer/')) {
      const env = { url: started().pbx!.url, domain: config.sipDomain, secret: config.sipSecret };
      body = await sipPeerRoute(url.pathname.slice('/test-only/sip-peer/'.length), url.searchParams, env).catch((error: Error) => ({ error: error.message }));
    } else {
      return false;
    }
    ctx.respond = false;
    ctx.res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    ctx.res.end(JSON.stringify(body));
    return true;
  }
  const plugin = {
    name: 'ringside-test-server',
    async serverStart() {
      app = await createApp(config);
    },
    async serverStop() {
      await app?.close();
    },
  };
  return { plugin, middleware };
}

/** One request a URL trigger sent to the sink. */
export interface SunkRequest {
  method: string;
  /** Path and query, as the trigger rendered them. */
  url: string;
  /** The page that sent it (the CRM page's origin, or the phone's). */
  origin: string;
  idempotencyKey: string;
  contentType: string;
  body: string;
  /** What the sink answered: 503 to the first request for a URL under `fail-once/`, else 200. */
  status: number;
}

/**
 * A CRM endpoint for URL triggers sent from the phone's own origin, which msw in a CRM page
 * cannot see: records each request and answers 200 with CORS for the origin that asked (a
 * preflight too), so a delivery is `confirmed`; a URL under `fail-once/` fails its first
 * request with 503 (retried by the outbox).
 */
async function triggerSink(ctx: KoaContext, url: URL, sunk: SunkRequest[], failedOnce: Set<string>): Promise<void> {
  const origin = String(ctx.req.headers.origin ?? '');
  const cors = { 'access-control-allow-origin': origin || '*', 'access-control-allow-headers': 'idempotency-key, content-type', 'access-control-allow-methods': 'GET, POST', vary: 'origin' };
  ctx.respond = false;
  if (ctx.req.method === 'OPTIONS') {
    ctx.res.writeHead(204, cors);
    ctx.res.end();
    return;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of ctx.req) chunks.push(chunk as Buffer);
  const key = url.pathname + url.search;
  const status = url.pathname.includes('/fail-once/') && !failedOnce.has(key) ? 503 : 200;
  failedOnce.add(key);
  sunk.push({
    status,
    method: ctx.req.method ?? '',
    url: url.pathname + url.search,
    origin,
    idempotencyKey: String(ctx.req.headers['idempotency-key'] ?? ''),
    contentType: String(ctx.req.headers['content-type'] ?? ''),
    body: Buffer.concat(chunks).toString('utf8'),
  });
  ctx.res.writeHead(status, { ...cors, 'content-type': 'text/plain' });
  ctx.res.end(status === 200 ? 'ok' : 'try again');
}

interface KoaContext {
  req: IncomingMessage;
  res: ServerResponse;
  respond: boolean;
}
