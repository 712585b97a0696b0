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
  /** Test-only answers: never part of the product server. */
  async function testOnlyRoutes(ctx: KoaContext): Promise<boolean> {
    const url = new URL(ctx.req.url ?? '/', 'http://x');
    let body: unknown;
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

interface KoaContext {
  req: IncomingMessage;
  res: ServerResponse;
  respond: boolean;
}
