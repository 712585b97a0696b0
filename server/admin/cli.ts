import { renameSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, loadDevConfig, type ServerConfig } from '../config.js';
import { ApiError } from '../http/api-http.js';
import { openStore, type Store } from '../store/store.js';
import { AdminService } from './admin-service.js';

/**
 * `npm run admin -- <noun> <verb> [options]`: administers the same store the server uses
 * (the embedded one in RINGSIDE_DATA_DIR, or PostgreSQL at RINGSIDE_DATABASE_URL). Prints
 * JSON on success; a usage or validation problem goes to stderr with exit code 2, a missing
 * thing or a clash with exit code 1. `--dev` works on `npm start`'s development store.
 */

const usage = `usage: npm run admin -- <noun> <verb> [options] [--dev]
  tenant create --name N --origin O [--origin O…] [--sip-domain D] [--sip-ws-url U]
  tenant list
  key create --tenant T [--label L]
  key revoke --tenant T --key K
  agent create --tenant T --user U --extension E --name N [--password P] [--trunk-calls]
  agent list --tenant T
  agent disable --tenant T --user U
  agent enable --tenant T --user U
  admin create --username U --password P [--tenant T]
  pstn export [--sip-domain D] [--out FILE]   Kamailio's pstn_users table from agents allowed trunk calls
`;

const options = {
  name: { type: 'string' },
  origin: { type: 'string', multiple: true },
  'sip-domain': { type: 'string' },
  'sip-ws-url': { type: 'string' },
  tenant: { type: 'string' },
  label: { type: 'string' },
  key: { type: 'string' },
  user: { type: 'string' },
  extension: { type: 'string' },
  password: { type: 'string' },
  'trunk-calls': { type: 'boolean' },
  username: { type: 'string' },
  out: { type: 'string' },
  dev: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof options; allowPositionals: true }>>['values'];

class UsageError extends Error {}

function need(values: Values, name: keyof Values): string {
  const value = values[name];
  if (typeof value !== 'string' || value === '') throw new UsageError(`missing --${name}`);
  return value;
}

async function run(store: Store, config: ServerConfig, noun: string, verb: string, values: Values): Promise<unknown> {
  const service = new AdminService(store, config);
  switch (`${noun} ${verb}`) {
    case 'tenant create': {
      const { tenant, apiKey } = await service.createTenant({
        name: need(values, 'name'),
        allowedOrigins: values.origin ?? [],
        ...(values['sip-domain'] ? { sipDomain: values['sip-domain'] } : {}),
        ...(values['sip-ws-url'] ? { sipWsUrl: values['sip-ws-url'] } : {}),
      });
      return { tenant, apiKey, note: 'the API key is shown this once; keep it in your CRM backend' };
    }
    case 'tenant list':
      return { tenants: await store.tenants.list() };
    case 'key create':
      return service.createKey(need(values, 'tenant'), values.label ? { label: values.label } : {});
    case 'key revoke':
      return { key: await service.revokeKey(need(values, 'tenant'), need(values, 'key')) };
    case 'agent create':
      return {
        agent: await service.saveAgent(
          need(values, 'tenant'),
          {
            userId: need(values, 'user'),
            extension: need(values, 'extension'),
            displayName: need(values, 'name'),
            ...(values.password !== undefined ? { password: values.password } : {}),
            ...(values['trunk-calls'] ? { permissions: { trunkCalls: true } } : {}),
          },
          'create',
        ),
      };
    case 'agent list':
      return { agents: await store.agents.list((await service.tenant(need(values, 'tenant'))).id) };
    case 'agent disable':
    case 'agent enable':
      return { agent: await service.setAgentEnabled(need(values, 'tenant'), need(values, 'user'), verb === 'enable') };
    case 'pstn export': {
      const table = pstnTable(await store.agents.withTrunkCalls(values['sip-domain']));
      if (!values.out) return { table };
      // Written whole and renamed into place, so Kamailio never reads half a file.
      const temporary = `${values.out}.${process.pid}.tmp`;
      writeFileSync(temporary, table);
      renameSync(temporary, values.out);
      return { written: values.out, users: table.split('\n').length - 2, next: 'kamcmd htable.reload pstn' };
    }
    case 'admin create':
      return { admin: await service.createAdmin({ username: need(values, 'username'), password: need(values, 'password'), tenantId: values.tenant ?? null }) };
    default:
      throw new UsageError(`unknown command: ${noun} ${verb}`.trim());
  }
}

/**
 * Kamailio's db_text table of users who may call the trunk (deploy/kamailio/pstn_users.example):
 * a header line, then `<user>:1` per agent whose permissions allow trunk calls.
 */
export function pstnTable(userIds: readonly string[]): string {
  return ['user(str) allowed(int)', ...[...new Set(userIds)].sort().map((user) => `${user}:1`), ''].join('\n');
}

export async function main(argv: string[], env: Record<string, string | undefined> = process.env): Promise<{ code: number; out: string }> {
  let values: Values;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: argv, options, allowPositionals: true }));
  } catch (error) {
    return { code: 2, out: `${(error as Error).message}\n${usage}` };
  }
  if (values.help || positionals.length === 0) return { code: values.help ? 0 : 2, out: usage };
  const [noun = '', verb = ''] = positionals;
  let config: ServerConfig;
  try {
    config = values.dev ? loadDevConfig(env) : loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return { code: 2, out: `${error.message}\n(or pass --dev for the development store of npm start)\n` };
    throw error;
  }
  let store: Store;
  try {
    store = await openStore({ ...config.store, owner: `the admin CLI (pid ${process.pid})` });
  } catch (error) {
    return { code: 1, out: `${(error as Error).message}\n` };
  }
  try {
    return { code: 0, out: `${JSON.stringify(await run(store, config, noun, verb, values), null, 2)}\n` };
  } catch (error) {
    if (error instanceof UsageError) return { code: 2, out: `${error.message}\n${usage}` };
    if (error instanceof ApiError) {
      const fields = error.fields?.map((f) => `  ${f.field}: ${f.message}`).join('\n');
      return { code: error.status === 422 ? 2 : 1, out: `${error.code}: ${fields ? `\n${fields}` : error.message}\n` };
    }
    throw error;
  } finally {
    await store.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { code, out } = await main(process.argv.slice(2));
  (code === 0 ? process.stdout : process.stderr).write(out);
  process.exit(code);
}
