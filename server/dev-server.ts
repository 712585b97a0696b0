import { createServer, type Plugin, type ViteDevServer } from 'vite';
import type { ServerConfig } from './config.js';
import { createApp, type RingsideApp } from './app.js';
import { refuseTunnels } from './http/api-http.js';

/**
 * The development server (`npm start`): Vite (demo + widget from source), the session API
 * and the dev PBX in one process. Exported so tests can attack the same server users run.
 */
export interface DevServer {
  vite: ViteDevServer;
  app: RingsideApp;
  close(): Promise<void>;
}

export async function startDevServer(config: ServerConfig, log?: (line: string) => void): Promise<DevServer> {
  const app = await createApp(config, { owner: `npm start (pid ${process.pid})`, ...(log ? { log } : {}) });
  const api: Plugin = {
    name: 'ringside-api',
    configureServer(server) {
      server.middlewares.use(app.middleware);
    },
  };
  const vite = await createServer({
    configFile: new URL('../vite.config.ts', import.meta.url).pathname,
    server: { host: config.host, port: config.httpPort, strictPort: true },
    plugins: [api],
    logLevel: 'warn',
  });
  if (vite.httpServer && 'setTimeout' in vite.httpServer) refuseTunnels(vite.httpServer as import('node:http').Server);
  await vite.listen();
  return {
    vite,
    app,
    close: async () => {
      await Promise.allSettled([vite.close(), app.close()]);
    },
  };
}
