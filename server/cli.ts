import { parseArgs } from 'node:util';
import { loadDevConfig, MIN_SECRET_LENGTH } from './config.js';
import { mintToken } from './tokens.js';

/**
 * `npm run token -- --tenant <id> --user <id> [--ttl 3600] [--dev]`: mints a single-use
 * login token for an agent of a tenant, for scripts and for trying the iframe URL by hand.
 * Signs with RINGSIDE_TOKEN_SECRET (a production-strength secret), or with `--dev` with the
 * development server's secret for its dev tenant. It only signs: the agent must exist (and be
 * enabled) when the token is used.
 */
const ID = /^[A-Za-z0-9._-]{1,64}$/;
const usage = 'usage: ringside token --tenant <tenant id> --user <user id> [--ttl <seconds>] [--dev]\n';

export async function main(argv: string[], env: Record<string, string | undefined> = process.env): Promise<{ code: number; out: string }> {
  let values: { tenant?: string; user?: string; ttl?: string; dev?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { tenant: { type: 'string', short: 't' }, user: { type: 'string', short: 'u' }, ttl: { type: 'string' }, dev: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (error) {
    return { code: 2, out: `${(error as Error).message}\n` };
  }
  if (values.help) return { code: 0, out: usage };
  if (!values.user) return { code: 2, out: `missing --user\n${usage}` };
  if (!ID.test(values.user)) return { code: 2, out: '--user must be letters, digits, ".", "_" or "-", at most 64\n' };
  const dev = loadDevConfig(env);
  const ttl = Number(values.ttl ?? 3600);
  if (!Number.isInteger(ttl) || ttl < 1 || ttl > dev.maxTokenTtlSeconds) return { code: 2, out: `--ttl must be 1..${dev.maxTokenTtlSeconds}\n` };
  let secret: string;
  let tenant: string;
  if (values.dev) {
    secret = dev.tokenSecret;
    tenant = values.tenant ?? dev.devSeed!.tenantId;
  } else {
    secret = env.RINGSIDE_TOKEN_SECRET?.trim() ?? '';
    if (secret.length < MIN_SECRET_LENGTH) return { code: 2, out: `RINGSIDE_TOKEN_SECRET must be set (at least ${MIN_SECRET_LENGTH} characters), or pass --dev for the development server\n` };
    if (!values.tenant) return { code: 2, out: `missing --tenant\n${usage}` };
    tenant = values.tenant;
  }
  if (!ID.test(tenant)) return { code: 2, out: '--tenant must be a tenant id\n' };
  const { token } = await mintToken(secret, tenant, { userId: values.user, extension: values.user, displayName: values.user }, ttl);
  return { code: 0, out: `${token}\n` };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const { code, out } = await main(args[0] === 'token' ? args.slice(1) : args);
  (code === 0 ? process.stdout : process.stderr).write(out);
  process.exit(code);
}
