import { createServer, type Server } from 'node:http';
import { AdminApi } from '../../server/admin/admin-api.js';
import { loadDevConfig, type ServerConfig } from '../../server/config.js';
import { ringsideMiddleware } from '../../server/http-plugin.js';
import { SessionApi } from '../../server/session-api.js';
import { seedDevTenant } from '../../server/store/seed.js';
import { openStore, type Store } from '../../server/store/store.js';

/** A development config for node tests: an in-memory store, no dev PBX. */
export function testConfig(env: Record<string, string> = {}, overrides: Partial<ServerConfig> = {}): ServerConfig {
  return loadDevConfig({ RINGSIDE_DATA_DIR: 'memory', ...env }, { embeddedPbx: false, ...overrides });
}

/** An in-memory store with the config's dev tenant seeded (the dev users 1001…, its API key). */
export async function seededStore(config: ServerConfig): Promise<Store> {
  const store = await openStore({ dataDir: 'memory' });
  if (config.devSeed) await seedDevTenant(store, config.devSeed, config);
  return store;
}

/** The session and admin APIs alone on a loopback port, for node tests; `call` speaks JSON to it. */
export interface ApiServer {
  base: string;
  api: SessionApi;
  store: Store;
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

/** Starts the APIs on `store` (a fresh seeded one unless given; a given one is not closed). */
export async function startApiServer(config: ServerConfig, shared?: Store): Promise<ApiServer> {
  const store = shared ?? (await seededStore(config));
  const api = new SessionApi(config, store);
  const middleware = ringsideMiddleware(config, api, new AdminApi(config, store));
  const server: Server = createServer((req, res) => {
    void middleware(req, res, () => res.writeHead(418).end('{}'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    base,
    api,
    store,
    async call(path, init = {}) {
      const response = await fetch(base + path, {
        method: init.method ?? 'POST',
        headers: { 'content-type': 'application/json', ...init.headers },
        ...(init.method === 'GET' ? {} : { body: init.raw ?? JSON.stringify(init.body ?? {}) }),
      });
      const text = await response.text();
      return { status: response.status, body: text ? (JSON.parse(text) as Record<string, any>) : {}, headers: response.headers };
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (!shared) await store.close();
    },
  };
}
