import { mkdirSync } from 'node:fs';

/**
 * One SQL interface over the two databases Ringside runs on: PGlite (PostgreSQL compiled to
 * WebAssembly, embedded, in a data directory) by default, and a real PostgreSQL when
 * `RINGSIDE_DATABASE_URL` is set, so several API nodes share one database. Both speak the
 * same SQL, so the store has one set of queries; only opening and transactions differ here.
 */
export interface Db {
  readonly kind: 'pglite' | 'postgres';
  /** PostgreSQL only: the connection pool, for libraries that speak to it themselves (rate limits). */
  readonly pool?: import('pg').Pool;
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Runs several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** Runs `work` in one transaction: all of it or none of it. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export type Queryable = Pick<Db, 'query' | 'exec'>;

export interface DbOptions {
  /** postgres://… ; when set, PostgreSQL is used. */
  databaseUrl?: string;
  /** Where PGlite keeps its files; `memory` for a throwaway database (tests). */
  dataDir?: string;
}

export async function openDb(options: DbOptions): Promise<Db> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl);
  return openPglite(options.dataDir ?? '.ringside/data');
}

async function openPglite(dataDir: string): Promise<Db> {
  const { PGlite } = await import('@electric-sql/pglite');
  if (dataDir !== 'memory') mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir === 'memory' ? undefined : dataDir);
  const query = async <Row>(sql: string, params: readonly unknown[] = []) => (await db.query<Row>(sql, [...params])).rows;
  return {
    kind: 'pglite',
    query,
    exec: async (sql) => void (await db.exec(sql)),
    transaction: (work) =>
      db.transaction((tx) =>
        work({
          query: async <Row>(sql: string, params: readonly unknown[] = []) => (await tx.query<Row>(sql, [...params])).rows,
          exec: async (sql) => void (await tx.exec(sql)),
        }),
      ),
    close: () => db.close(),
  };
}

async function openPostgres(url: string): Promise<Db> {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle client that loses its connection emits 'error' on the pool; without a listener
  // that would end the process. The next query gets a fresh connection.
  pool.on('error', () => undefined);
  await pool.query('select 1');
  const query = async <Row>(sql: string, params: readonly unknown[] = []) => (await pool.query(sql, [...params])).rows as Row[];
  return {
    kind: 'postgres',
    pool,
    query,
    exec: async (sql) => void (await pool.query(sql)),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await work({
          query: async <Row>(sql: string, params: readonly unknown[] = []) => (await client.query(sql, [...params])).rows as Row[],
          exec: async (sql) => void (await client.query(sql)),
        });
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
