import type { IncomingMessage, ServerResponse } from 'node:http';
import { loadDevConfig } from '../../server/config.js';
import { createApp, type RingsideApp } from '../../server/app.js';
import type { SessionOverrides } from '../../server/session-api.js';
import { relayedPackets } from './ng.js';
import { runSipp, type SippResult, type SippRun } from './sipp.js';
import { INTEROP_DOMAIN, INTEROP_SECRET, InteropStack } from './stack.js';

interface KoaContext {
  req: IncomingMessage;
  res: ServerResponse;
  respond: boolean;
}

/**
 * The interop suite's server: the session API points phones at Kamailio (not the dev
 * PBX) with the secret Kamailio's auth_ephemeral shares. Kamailio and rtpengine start with
 * the test server and stop with it. Test-only routes let browser tests run sipp and stop or
 * start Kamailio.
 */
export function interopServer() {
  const stack = new InteropStack('http://127.0.0.1:8000');
  const config = loadDevConfig(
    {
      RINGSIDE_API_KEYS: 'test-api-key',
      RINGSIDE_SIP_SECRET: INTEROP_SECRET,
      RINGSIDE_SIP_DOMAIN: INTEROP_DOMAIN,
      RINGSIDE_SIP_WS_URL: stack.wsUrl,
      RINGSIDE_ALLOWED_ORIGINS: 'http://localhost:8000',
      RINGSIDE_DATA_DIR: 'memory',
    },
    { embeddedPbx: false },
  );
  // The server (store, session API) starts with the test server, beside Kamailio.
  let app: RingsideApp | undefined;
  const started = (): RingsideApp => {
    if (!app) throw new Error('the interop server has not started');
    return app;
  };
  const connect: RingsideApp['middleware'] = (req, res, next) => started().middleware(req, res, next);
  const runs = new Map<string, Promise<SippResult>>();
  let sippRuns = 0;
  /** One-shot lifetime for the next session's SIP credentials and renew token. */
  let nextSessionTtl: number | null = null;
  /** One-shot: the next session gets Kamailio's wss:// URL instead of ws://. */
  let nextSessionWss = false;
  let lastOverriddenWsUrl = '';

  async function body(req: IncomingMessage): Promise<Record<string, unknown>> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return chunks.length ? JSON.parse(Buffer.concat(chunks).toString()) : {};
  }

  async function testOnly(ctx: KoaContext): Promise<unknown> {
    const url = new URL(ctx.req.url ?? '/', 'http://x');
    switch (url.pathname) {
      case '/test-only/sipp/start': {
        sippRuns += 1;
        const id = String(sippRuns);
        runs.set(id, runSipp((await body(ctx.req)) as unknown as SippRun));
        // sipp binds its port within a few ms of starting; give it that before the test acts.
        await new Promise((resolve) => setTimeout(resolve, 150));
        return { id };
      }
      case '/test-only/sipp/wait': {
        const id = url.searchParams.get('id') ?? '';
        const run = runs.get(id);
        runs.delete(id);
        return run ? await run : { exitCode: null, trace: '', output: `no sipp run ${id}` };
      }
      case '/test-only/rtpengine/packets':
        return { calls: await relayedPackets(stack.ports.ng) };
      case '/test-only/kamailio/stop':
        await stack.stopKamailio();
        return { stopped: true };
      case '/test-only/kamailio/start':
        return { readyMs: await stack.startKamailio(), readyAt: Date.now() };
      case '/test-only/next-session-ttl':
        nextSessionTtl = Number(url.searchParams.get('seconds'));
        return { ok: true };
      case '/test-only/next-session-wss':
        nextSessionWss = true;
        return { ok: true };
      case '/test-only/last-override':
        return { wsUrl: lastOverriddenWsUrl };
      case '/test-only/kamailio/logs':
        return { logs: stack.logs.slice(-200) };
      default:
        return undefined;
    }
  }

  async function overriddenSession(ctx: KoaContext): Promise<unknown> {
    const overrides: SessionOverrides = {};
    if (nextSessionTtl !== null) Object.assign(overrides, { sipCredentialTtlSeconds: nextSessionTtl, renewTokenTtlSeconds: nextSessionTtl });
    if (nextSessionWss) overrides.sipWsUrl = stack.wssUrl;
    nextSessionTtl = null;
    nextSessionWss = false;
    const session = await started().api.createSession(await body(ctx.req), ctx.req.socket.remoteAddress ?? 'test', overrides);
    lastOverriddenWsUrl = session.sip.wsUrl;
    return session;
  }

  const middleware = async (ctx: KoaContext, next: () => Promise<void>): Promise<void> => {
    const path = (ctx.req.url ?? '').split('?')[0];
    let answer: unknown;
    if (path?.startsWith('/test-only/')) answer = await testOnly(ctx);
    else if (path === '/api/session' && (nextSessionTtl !== null || nextSessionWss)) answer = await overriddenSession(ctx).catch((error: Error) => ({ error: error.message }));
    if (answer !== undefined) {
      ctx.respond = false;
      ctx.res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      ctx.res.end(JSON.stringify(answer));
      return;
    }
    let passed = false;
    await connect(ctx.req, ctx.res, () => (passed = true));
    if (passed) return next();
    ctx.respond = false;
  };

  const plugin = {
    name: 'ringside-interop-server',
    async serverStart() {
      app = await createApp(config);
      await stack.start();
    },
    async serverStop() {
      await stack.stop();
      await app?.close();
    },
  };
  return { plugin, middleware };
}
