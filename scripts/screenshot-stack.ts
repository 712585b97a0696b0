import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer as createViteServer, type ViteDevServer } from 'vite';
import { createApp, type RingsideApp } from '../server/app.js';
import { loadDevConfig } from '../server/config.js';

/**
 * The development stack of `npm start` (session API, dev PBX, the widget from source through
 * Vite) in this process, on free ports and an in-memory store, so it runs beside a developer's
 * `npm start` and the test servers without touching their ports or data. Vite runs in
 * middleware mode with no file watcher and no HMR: widget files edited while the script runs
 * must not reload the pages it is photographing. Its dependency cache is its own for the same
 * reason (another Vite may be re-optimising node_modules/.vite at the same time).
 */
export interface DevStack {
  /** `http://127.0.0.1:<port>`. */
  base: string;
  /** A single-use login token for a dev user, from the API as a CRM backend would get it. */
  token(userId: string): Promise<string>;
  close(): Promise<void>;
}

/** The development seed's API key (server/config.ts, README "Development"). */
const DEV_API_KEY = 'dev-api-key';
const HOST = '127.0.0.1';

/** A port nothing listens on right now (the OS picks it). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createNetServer();
    probe.once('error', reject);
    probe.listen(0, HOST, () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port'))));
    });
  });
}

export async function startDevStack(): Promise<DevStack> {
  const [httpPort, sipPort] = [await freePort(), await freePort()];
  const config = loadDevConfig({
    RINGSIDE_HOST: HOST,
    RINGSIDE_HTTP_PORT: String(httpPort),
    RINGSIDE_SIP_PORT: String(sipPort),
    RINGSIDE_DATA_DIR: 'memory',
  });
  const cacheDir = await mkdtemp(join(tmpdir(), 'ringside-screenshots-vite-'));
  // Vite's dependency scan runs on in the background and can write here after close(): the
  // directory goes for good when the process exits.
  process.once('exit', () => rmSync(cacheDir, { recursive: true, force: true }));
  let app: RingsideApp | undefined;
  let vite: ViteDevServer | undefined;
  let http: Server | undefined;
  const close = async (): Promise<void> => {
    await new Promise<void>((resolve) => (http ? http.close(() => resolve()) : resolve()));
    http?.closeAllConnections();
    await Promise.allSettled([vite?.close(), app?.close()]);
    await rm(cacheDir, { recursive: true, force: true });
  };
  try {
    app = await createApp(config, { owner: `npm run screenshots (pid ${process.pid})` });
    vite = await createViteServer({
      configFile: new URL('../vite.config.ts', import.meta.url).pathname,
      cacheDir,
      server: { middlewareMode: true, hmr: false, watch: null },
      logLevel: 'warn',
    });
    const api = app.middleware;
    const pages = vite.middlewares;
    http = createHttpServer((req, res) => void api(req, res, () => pages(req, res)));
    await new Promise<void>((resolve, reject) => {
      http!.once('error', reject);
      http!.listen(httpPort, HOST, () => resolve());
    });
  } catch (error) {
    await close();
    throw error;
  }
  const base = `http://${HOST}:${httpPort}`;
  return {
    base,
    async token(userId) {
      const response = await fetch(`${base}/api/tokens`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${DEV_API_KEY}` },
        body: JSON.stringify({ userId, ttlSeconds: 600 }),
      });
      if (!response.ok) throw new Error(`token for ${userId}: ${response.status} ${await response.text()}`);
      return ((await response.json()) as { token: string }).token;
    },
    close,
  };
}
