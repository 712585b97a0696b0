#!/usr/bin/env node
/**
 * `npm run test:interop`: the interop suite (Kamailio + rtpengine + sipp + Chromium). The
 * test server starts and stops the daemons. Prints `N passed, N failed`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const missing = ['kamailio', 'rtpengine', 'sipp', 'chromium'].filter((cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status !== 0);
if (missing.length) {
  console.log(`missing: ${missing.join(', ')} (Debian: kamailio kamailio-websocket-modules kamailio-autheph-modules kamailio-tls-modules rtpengine-daemon sip-tester chromium)`);
  console.log('\n0 passed, 1 failed');
  process.exit(1);
}
const counts = join(mkdtempSync(join(tmpdir(), 'ringside-interop-')), 'counts.json');
const run = spawnSync(process.execPath, ['--import', 'tsx', 'node_modules/@web/test-runner/dist/bin.js', '--config', 'web-test-runner.interop.config.mjs'], {
  stdio: 'inherit',
  env: { ...process.env, RINGSIDE_COUNTS_FILE: counts },
});
const result = existsSync(counts) ? JSON.parse(readFileSync(counts, 'utf8')) : { passed: 0, failed: 0, skipped: 0 };
let failed = result.failed + result.skipped;
if (run.status !== 0 && failed === 0) failed = 1;
if (result.passed + failed === 0) failed = 1;
console.log(`\n${result.passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
