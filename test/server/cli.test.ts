import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { main } from '../../server/cli.js';
import { verifyToken } from '../../server/tokens.js';

const env = { NODE_ENV: 'test', RINGSIDE_TOKEN_SECRET: 'cli-test-secret' };

describe('ringside token CLI', () => {
  it('mints a token the session API accepts', async () => {
    const { code, out } = await main(['--user', '1001', '--ttl', '120'], env);
    assert.equal(code, 0);
    const check = await verifyToken('cli-test-secret', out.trim());
    assert.ok(check.ok);
    assert.equal(check.ok && check.userId, '1001');
  });

  const bad: [string, string[], number, RegExp][] = [
    ['no user', [], 2, /missing --user/],
    ['unknown user', ['--user', 'nobody'], 1, /unknown user/],
    ['bad ttl', ['--user', '1001', '--ttl', 'soon'], 2, /--ttl/],
    ['unknown flag', ['--usr', '1001'], 2, /Unknown option/],
  ];
  for (const [label, args, exit, message] of bad) {
    it(`exits ${exit} on ${label}`, async () => {
      const { code, out } = await main(args, env);
      assert.equal(code, exit);
      assert.match(out, message);
    });
  }
});
