import { randomUUID } from 'node:crypto';
import { openStore, type Store } from '../../server/store/store.js';

/**
 * A store on the test PostgreSQL (RINGSIDE_TEST_DATABASE_URL; npm test starts a throwaway
 * cluster), in a database of its own that is dropped on close, so runs never see each other's rows.
 */
export async function openPostgresStore(): Promise<Store> {
  const url = process.env.RINGSIDE_TEST_DATABASE_URL;
  if (!url) throw new Error('RINGSIDE_TEST_DATABASE_URL is not set: run the tests with npm test, which starts a throwaway PostgreSQL');
  const { default: pg } = await import('pg');
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const name = `ringside_test_${randomUUID().replace(/-/g, '')}`;
  await admin.query(`create database ${name}`);
  const store = await openStore({ databaseUrl: url.replace(/\/[^/]*$/, `/${name}`) });
  return {
    ...store,
    async close() {
      await store.close();
      await admin.query(`drop database ${name}`);
      await admin.end();
    },
  };
}
