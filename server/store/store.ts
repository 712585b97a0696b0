import { openDb, type Db, type DbOptions } from './db.js';
import { Admins } from './admins.js';
import { Agents } from './agents.js';
import { DataDirLock } from './data-dir-lock.js';
import { migrate } from './migrations.js';
import { DbSessionStore } from './sessions.js';
import { Tenants } from './tenants.js';

/**
 * Ringside's data: tenants and their keys, agents, admins, and the session API's security
 * state, on PGlite (embedded, default) or PostgreSQL (`RINGSIDE_DATABASE_URL`). Opening it
 * applies any pending migrations.
 */
export interface Store {
  readonly db: Db;
  readonly tenants: Tenants;
  readonly agents: Agents;
  readonly admins: Admins;
  readonly sessions: DbSessionStore;
  close(): Promise<void>;
}

export interface StoreOptions extends DbOptions {
  /** Who opens the embedded store, for the lock message another process sees ("the server", "the admin CLI"). */
  owner?: string;
}

export async function openStore(options: StoreOptions): Promise<Store> {
  // PGlite is one process's database: a second process on the same directory would corrupt it.
  const lock = !options.databaseUrl && options.dataDir && options.dataDir !== 'memory' ? DataDirLock.take(options.dataDir, options.owner ?? 'ringside') : undefined;
  let db: Db;
  try {
    db = await openDb(options);
    await migrate(db);
  } catch (error) {
    lock?.release();
    throw error;
  }
  return {
    db,
    tenants: new Tenants(db),
    agents: new Agents(db),
    admins: new Admins(db),
    sessions: new DbSessionStore(db),
    async close() {
      await db.close();
      lock?.release();
    },
  };
}
