import { parseArgs } from 'node:util';
import { loadDevConfig, MIN_SECRET_LENGTH } from './config.js';
import { mintToken } from './tokens.js';

/**
 * `npm run token -- --user 1001 [--extension 1001] [--name "Alice"] [--ttl 3600] [--dev]`:
 * mints a single-use agent login token, for scripts and for trying the iframe URL by hand.
 * Signs with RINGSIDE_TOKEN_SECRET (which must be a production-strength secret), or with
 * `--dev` with the development server's secret, for its dev users only.
 */
const USER = /^[A-Za-z0-9._-]{1,64}$/;
const usage = 'usage: ringside token --user <id> [--extension <ext>] [--name <display name>] [--ttl <seconds>] [--dev]\n';

export async function main(argv: string[], env: Record<string, string | undefined> = process.env): Promise<{ code: number; out: string }> {
  let values: { user?: string; extension?: string; name?: string; ttl?: string; dev?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        user: { type: 'string', short: 'u' },
        extension: { type: 'string' },
        name: { type: 'string' },
        ttl: { type: 'string' },
        dev: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    return { code: 2, out: `${(error as Error).message}\n` };
  }
  if (values.help) return { code: 0, out: usage };
  if (!values.user) return { code: 2, out: `missing --user\n${usage}` };
  const dev = loadDevConfig(env);
  const ttl = Number(values.ttl ?? 3600);
  if (!Number.isInteger(ttl) || ttl < 1 || ttl > dev.maxTokenTtlSeconds) return { code: 2, out: `--ttl must be 1..${dev.maxTokenTtlSeconds}\n` };
  let secret: string;
  let agent: { userId: string; extension: string; displayName: string };
  if (values.dev) {
    const user = dev.users.find((u) => u.userId === values.user);
    if (!user) return { code: 1, out: `unknown user ${values.user} (dev users: ${dev.users.map((u) => u.userId).join(', ')})\n` };
    secret = dev.tokenSecret;
    agent = user;
  } else {
    secret = env.RINGSIDE_TOKEN_SECRET?.trim() ?? '';
    if (secret.length < MIN_SECRET_LENGTH) return { code: 2, out: `RINGSIDE_TOKEN_SECRET must be set (at least ${MIN_SECRET_LENGTH} characters), or pass --dev for the development server\n` };
    if (!USER.test(values.user)) return { code: 2, out: '--user must be letters, digits, ".", "_" or "-", at most 64\n' };
    const extension = values.extension ?? values.user;
    if (!USER.test(extension)) return { code: 2, out: '--extension must be letters, digits, ".", "_" or "-", at most 64\n' };
    agent = { userId: values.user, extension, displayName: values.name?.slice(0, 64) ?? values.user };
  }
  const { token } = await mintToken(secret, agent, ttl);
  return { code: 0, out: `${token}\n` };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const { code, out } = await main(args[0] === 'token' ? args.slice(1) : args);
  (code === 0 ? process.stdout : process.stderr).write(out);
  process.exit(code);
}
