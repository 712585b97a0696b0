import { createServer, type Server } from 'node:http';
import type { ServerConfig } from '../../server/config.js';
import { ringsideMiddleware } from '../../server/http-plugin.js';
import { SessionApi } from '../../server/session-api.js';

/** The session API alone on a loopback port, for node tests; `call` speaks JSON to it. */
export interface ApiServer {
  base: string;
  api: SessionApi;
  call(path: string, init?: CallInit): Promise<CallResult>;
  close(): Promise<void>;
}

export interface CallInit {
  method?: string;
  body?: unknown;
  raw?: string;
  headers?: Record<string, string>;
}

export interface CallResult {
  status: number;
  /** Arbitrary JSON, read by assertions. */
  body: Record<string, any>;
  headers: Headers;
}

export async function startApiServer(config: ServerConfig): Promise<ApiServer> {
  const api = new SessionApi(config);
  const middleware = ringsideMiddleware(config, api);
  const server: Server = createServer((req, res) => {
    void middleware(req, res, () => res.writeHead(418).end('{}'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    base,
    api,
    async call(path, init = {}) {
      const response = await fetch(base + path, {
        method: init.method ?? 'POST',
        headers: { 'content-type': 'application/json', ...init.headers },
        ...(init.method === 'GET' ? {} : { body: init.raw ?? JSON.stringify(init.body ?? {}) }),
      });
      const text = await response.text();
      return { status: response.status, body: text ? (JSON.parse(text) as Record<string, any>) : {}, headers: response.headers };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
