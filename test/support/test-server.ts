import type { IncomingMessage, ServerResponse } from 'node:http';
import { loadDevConfig } from '../../server/config.js';
import { ringsideMiddleware } from '../../server/http-plugin.js';
import { devPbxFor } from '../../server/pbx/pbx.js';
import { mintToken } from '../../server/tokens.js';
import { sipPeerRoute } from './sip-peer.js';

export const TEST_API_KEY = 'test-api-key';
export const TEST_SIP_PORT = 5091;

/**
 * A web-test-runner plugin that runs the real session API and dev PBX beside the test
 * server. Only `http://localhost:8000` is an allowed host origin, so pages on
 * `http://127.0.0.1:8000` play the part of a foreign site.
 */
export function testServerPlugin() {
  const config = loadDevConfig(
    { NODE_ENV: 'test', RINGSIDE_API_KEYS: TEST_API_KEY, RINGSIDE_SIP_PORT: String(TEST_SIP_PORT), RINGSIDE_HTTP_PORT: '8000' },
    { allowedOrigins: ['http://localhost:8000'] },
  );
  const pbx = devPbxFor(config);
  const connect = ringsideMiddleware(config);
  const middleware = async (ctx: KoaContext, next: () => Promise<void>): Promise<void> => {
    if (await testOnlyRoutes(ctx)) return;
    let passed = false;
    await connect(ctx.req, ctx.res, () => (passed = true));
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
      body = await mintToken(config.tokenSecret, { userId: user, extension: user, displayName: user }, 60, twoHoursAgo);
    } else if (url.pathname === '/test-only/register-attempts') {
      body = { attempts: pbx.registerAttempts.get(url.searchParams.get('user') ?? '') ?? 0 };
    } else if (url.pathname === '/test-only/refer-policy') {
      // Sessions read the policy when they are created: set it before mounting phones.
      const policy = url.searchParams.get('policy');
      if (policy === 'never' || policy === 'internal' || policy === 'ask') config.referPolicy = policy;
      body = { referPolicy: config.referPolicy };
    } else if (url.pathname.startsWith('/test-only/sip-peer/')) {
      const env = { url: pbx.url, domain: config.sipDomain, secret: config.sipSecret };
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
      await pbx.start();
    },
    async serverStop() {
      await pbx.stop();
    },
  };
  return { plugin, middleware };
}

interface KoaContext {
  req: IncomingMessage;
  res: ServerResponse;
  respond: boolean;
}
