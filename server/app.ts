import { AdminApi } from './admin/admin-api.js';
import type { ServerConfig } from './config.js';
import { ringsideMiddleware } from './http-plugin.js';
import { devPbxFor, type DevPbx } from './pbx/pbx.js';
import { SessionApi } from './session-api.js';
import { seedDevTenant } from './store/seed.js';
import { openStore, type Store } from './store/store.js';

/**
 * Everything a Ringside server is, whatever serves its pages (Vite in development, static
 * files in production, the test runners): the store (with the dev tenant seeded in
 * development), the session and admin APIs behind one middleware, and the dev PBX when the
 * config wants one.
 */
export interface RingsideApp {
  config: ServerConfig;
  store: Store;
  api: SessionApi;
  middleware: ReturnType<typeof ringsideMiddleware>;
  pbx: DevPbx | undefined;
  close(): Promise<void>;
}

export async function createApp(config: ServerConfig, options: { owner?: string; log?: (line: string) => void } = {}): Promise<RingsideApp> {
  const store = await openStore({ ...config.store, owner: options.owner ?? `the Ringside server (pid ${process.pid})` });
  try {
    if (config.devSeed) await seedDevTenant(store, config.devSeed, config);
    const api = new SessionApi(config, store);
    const middleware = ringsideMiddleware(config, api, new AdminApi(config, store));
    const pbx = config.embeddedPbx ? devPbxFor(config, store, options.log) : undefined;
    await pbx?.start();
    return {
      config,
      store,
      api,
      middleware,
      pbx,
      async close() {
        await pbx?.stop();
        await store.close();
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}
