import { createServer, type Plugin } from 'vite';
import { loadConfig } from './config.js';
import { ringsideMiddleware } from './http-plugin.js';
import { devPbxFor } from './pbx/pbx.js';

/**
 * `npm start`: one Node process with Vite (demo + widget), the session API and the dev PBX.
 * Ports: RINGSIDE_HTTP_PORT (5173) and RINGSIDE_SIP_PORT (5066).
 */
const config = loadConfig();
const log = process.env.RINGSIDE_LOG === 'sip' ? (line: string) => process.stdout.write(`${line}\n`) : undefined;

const pbx = devPbxFor(config, log);
await pbx.start();

const api: Plugin = {
  name: 'ringside-api',
  configureServer(server) {
    server.middlewares.use(ringsideMiddleware(config));
  },
};

const vite = await createServer({
  configFile: new URL('../vite.config.ts', import.meta.url).pathname,
  server: { host: config.host, port: config.httpPort, strictPort: true },
  plugins: [api],
  logLevel: 'warn',
});
await vite.listen();

const base = `http://${config.host}:${config.httpPort}`;
process.stdout.write(
  [
    '',
    'Ringside is running.',
    `  CRM demo (agent 1001, logged in):  ${base}/`,
    `  Customer phone (2001):             ${base}/demo/customer.html`,
    `  Session API:                       ${base}/api/session`,
    `  SIP WebSocket (dev PBX):           ${pbx.url}`,
    '',
    'Open both pages, call 1001 from the customer page. Ctrl+C stops everything.',
    '',
  ].join('\n'),
);

async function shutdown(): Promise<void> {
  await Promise.allSettled([vite.close(), pbx.stop()]);
  process.exit(0);
}
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
