import { loadDevConfig } from './config.js';
import { startDevServer } from './dev-server.js';

/**
 * `npm start`: the development server, with development secrets and users. Never a
 * production server (that is `npm run serve`, which refuses these defaults).
 * Ports: RINGSIDE_HTTP_PORT (5173) and RINGSIDE_SIP_PORT (5066).
 */
const config = loadDevConfig();
const log = process.env.RINGSIDE_LOG === 'sip' ? (line: string) => process.stdout.write(`${line}\n`) : undefined;
const server = await startDevServer(config, log);

const base = `http://${config.host}:${config.httpPort}`;
process.stdout.write(
  [
    '',
    'Ringside DEVELOPMENT server: public dev secrets, dev users and passwords. Never expose it.',
    `  CRM demo (agent 1001, logged in):  ${base}/`,
    `  Customer phone (2001):             ${base}/demo/customer.html`,
    `  Session API:                       ${base}/api/session`,
    `  SIP WebSocket (dev PBX):           ${server.app.pbx?.url}`,
    `  Admin page:                        ${base}/admin/  (admin / ${config.devSeed!.admin.password})`,
    '',
    'Open both pages, call 1001 from the customer page. Ctrl+C stops everything.',
    'For production: npm run build && npm run serve (see README, "Production").',
    '',
  ].join('\n'),
);

async function shutdown(): Promise<void> {
  await server.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
