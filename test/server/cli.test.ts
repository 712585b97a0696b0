import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { main } from '../../server/cli.js';
import { loadDevConfig } from '../../server/config.js';
import { verifyToken } from '../../server/tokens.js';

const SECRET = 'cli-test-secret-that-is-long-enough-0123';
const env = { RINGSIDE_TOKEN_SECRET: SECRET };

describe('ringside token CLI', () => {
  it('mints a token for an agent of a tenant with the production secret', async () => {
    const { code, out } = await main(['--tenant', 'tn_acme', '--user', 'agent.7', '--ttl', '120'], env);
    assert.equal(code, 0, out);
    const check = await verifyToken(SECRET, out.trim());
    assert.ok(check.ok);
    assert.deepEqual(check.ok && [check.tenantId, check.userId], ['tn_acme', 'agent.7']);
  });

  it('with --dev, mints for the dev tenant with the development secret', async () => {
    const { code, out } = await main(['--user', '1001', '--dev'], {});
    assert.equal(code, 0, out);
    const check = await verifyToken(loadDevConfig({}).tokenSecret, out.trim());
    assert.deepEqual(check.ok && [check.tenantId, check.userId], ['dev', '1001']);
  });

  const bad: [string, string[], Record<string, string>, number, RegExp][] = [
    ['no user', [], env, 2, /missing --user/],
    ['no tenant in production', ['--user', '1001'], env, 2, /missing --tenant/],
    ['no production secret', ['--user', '1001'], {}, 2, /RINGSIDE_TOKEN_SECRET must be set/],
    ['a short production secret', ['--user', '1001'], { RINGSIDE_TOKEN_SECRET: 'short' }, 2, /at least 32/],
    ['a user id SIP cannot carry', ['--user', 'a b@c'], env, 2, /--user must be/],
    ['bad ttl', ['--user', '1001', '--ttl', 'soon'], env, 2, /--ttl/],
    ['unknown flag', ['--usr', '1001'], env, 2, /Unknown option/],
  ];
  for (const [label, args, environment, exit, message] of bad) {
    it(`exits ${exit} on ${label}`, async () => {
      const { code, out } = await main(args, environment);
      assert.equal(code, exit);
      assert.match(out, message);
    });
  }
});
