import { parseArgs } from 'node:util';
import { loadConfig } from './config.js';
import { mintToken } from './tokens.js';

/**
 * `npm run token -- --user 1001 [--ttl 3600]`: mints an agent token with the server's
 * RINGSIDE_TOKEN_SECRET, for scripts and for trying the iframe URL by hand.
 */
export async function main(argv: string[], env: Record<string, string | undefined> = process.env): Promise<{ code: number; out: string }> {
  let values: { user?: string; ttl?: string; help?: boolean };
  try {
    ({ values } = parseArgs({ args: argv, options: { user: { type: 'string', short: 'u' }, ttl: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (error) {
    return { code: 2, out: `${(error as Error).message}\n` };
  }
  const usage = 'usage: ringside token --user <id> [--ttl <seconds>]\n';
  if (values.help) return { code: 0, out: usage };
  if (!values.user) return { code: 2, out: `missing --user\n${usage}` };
  const config = loadConfig(env);
  if (!config.users.some((u) => u.userId === values.user)) return { code: 1, out: `unknown user ${values.user}\n` };
  const ttl = Number(values.ttl ?? 3600);
  if (!Number.isInteger(ttl) || ttl < 1 || ttl > config.maxTokenTtlSeconds) return { code: 2, out: `--ttl must be 1..${config.maxTokenTtlSeconds}\n` };
  const { token } = await mintToken(config.tokenSecret, values.user, ttl);
  return { code: 0, out: `${token}\n` };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const { code, out } = await main(args[0] === 'token' ? args.slice(1) : args);
  (code === 0 ? process.stdout : process.stderr).write(out);
  process.exit(code);
}
