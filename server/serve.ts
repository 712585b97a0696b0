import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { loadConfig, type ServerConfig } from './config.js';
import { ringsideMiddleware } from './http-plugin.js';
import { devPbxFor, type DevPbx } from './pbx/pbx.js';
import { staticFiles } from './static.js';

/**
 * Serves the *built* app (dist/app at /, the SDK at /sdk/) with the session API and the dev
 * PBX: `npm run serve` after `npm run build`, and the smoke test of the built pages.
 */
export interface Running {
  config: ServerConfig;
  pbx: DevPbx;
  http: Server;
  close(): Promise<void>;
}

export async function serveBuilt(config: ServerConfig, extraMounts: [string, string][] = []): Promise<Running> {
  const pbx = devPbxFor(config);
  await pbx.start();
  const dist = fileURLToPath(new URL('../dist/', import.meta.url));
  const mounts = [...extraMounts.map(([m, r]) => staticFiles(m, r)), staticFiles('/sdk/', `${dist}sdk`), staticFiles('/', `${dist}app`)];
  const api = ringsideMiddleware(config);
  const http = createServer((req, res) => {
    void api(req, res, async () => {
      for (const mount of mounts) if (await mount(req, res)) return;
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    });
  });
  await new Promise<void>((resolve) => http.listen(config.httpPort, config.host, resolve));
  return {
    config,
    pbx,
    http,
    close: async () => {
      await new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeAllConnections();
      await pbx.stop();
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const config = loadConfig();
  await serveBuilt(config);
  process.stdout.write(`Built Ringside on http://${config.host}:${config.httpPort}/ (SIP ${config.sipWsUrl})\n`);
}
