import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig, type ServerConfig } from './config.js';
import { createApp, type RingsideApp } from './app.js';
import { refuseTunnels, sendError } from './http/api-http.js';
import { staticFiles } from './static.js';

/**
 * Serves the *built* app (dist/app at /, the SDK at /sdk/) with the session API, and the dev
 * PBX when the config asks for it: `npm run serve` after `npm run build` is the production
 * entry point; the smoke test and the benches run the same function with a test config.
 */
export interface Running {
  config: ServerConfig;
  app: RingsideApp;
  http: Server;
  close(): Promise<void>;
}

export async function serveBuilt(config: ServerConfig, extraMounts: [string, string][] = []): Promise<Running> {
  const app = await createApp(config);
  const dist = fileURLToPath(new URL('../dist/', import.meta.url));
  const mounts = [...extraMounts.map(([m, r]) => staticFiles(m, r)), staticFiles('/sdk/', `${dist}sdk`), staticFiles('/', `${dist}app`)];
  const api = app.middleware;
  const notFound = async (req: Parameters<typeof api>[0], res: Parameters<typeof api>[1]) => {
    for (const mount of mounts) if (await mount(req, res)) return;
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  };
  const http = createServer((req, res) => {
    // No request may end the process: whatever a handler throws is answered here.
    api(req, res, () => void notFound(req, res).catch((error: unknown) => sendError(res, error))).catch((error: unknown) => sendError(res, error));
  });
  refuseTunnels(http);
  http.headersTimeout = 10_000;
  http.requestTimeout = 30_000;
  await new Promise<void>((resolve) => http.listen(config.httpPort, config.host, resolve));
  return {
    config,
    app,
    http,
    close: async () => {
      await new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeAllConnections();
      await app.close();
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  let config: ServerConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n\nSee README.md, "Deployment". For a development server run npm start.\n`);
    process.exit(1);
  }
  let running: Running;
  try {
    running = await serveBuilt(config);
  } catch (error) {
    process.stderr.write(`Ringside cannot start: ${(error as Error).message}\n`);
    process.exit(1);
  }
  const store = config.store.databaseUrl ? 'PostgreSQL' : `embedded store in ${config.store.dataDir}`;
  const sip = config.embeddedPbx ? `embedded dev PBX on ${running.app.pbx?.url}` : 'phones register at their tenant’s SIP server';
  process.stdout.write(`Ringside (production) on http://${config.host}:${config.httpPort}/ (${store}; ${sip})\n`);
  const stop = () => void running.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
