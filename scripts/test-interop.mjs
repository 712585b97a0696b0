#!/usr/bin/env node
/**
 * `npm run test:interop`: the interop suite (Kamailio + rtpengine + sipp + Chromium). The
 * test server starts and stops the daemons. Prints `N passed, N failed`.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const missing = ['kamailio', 'rtpengine', 'sipp', 'chromium'].filter((cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status !== 0);
if (missing.length) {
  console.log(`missing: ${missing.join(', ')} (Debian: kamailio kamailio-websocket-modules kamailio-autheph-modules kamailio-tls-modules rtpengine-daemon sip-tester chromium)`);
  console.log('\n0 passed, 1 failed');
  process.exit(1);
}
// The shipped configuration, with the example settings a deployer starts from, must parse.
const example = mkdtempSync(join(tmpdir(), 'ringside-kamcheck-'));
copyFileSync('deploy/kamailio/kamailio.cfg', join(example, 'kamailio.cfg'));
writeFileSync(join(example, 'ringside-local.cfg'), readFileSync('deploy/kamailio/ringside-local.cfg.example', 'utf8').replace('/etc/kamailio/tls.cfg', join(example, 'tls.cfg')));
copyFileSync('deploy/kamailio/tls.cfg.example', join(example, 'tls.cfg'));
const check = spawnSync('kamailio', ['-c', '-f', join(example, 'kamailio.cfg')], { encoding: 'utf8' });
const configOk = check.status === 0;
console.log(configOk ? '✓ deploy/kamailio/kamailio.cfg with the example settings passes kamailio -c' : `✗ kamailio -c failed:\n${check.stderr}`);

const counts = join(mkdtempSync(join(tmpdir(), 'ringside-interop-')), 'counts.json');
const run = spawnSync(process.execPath, ['--import', 'tsx', 'node_modules/@web/test-runner/dist/bin.js', '--config', 'web-test-runner.interop.config.mjs'], {
  stdio: 'inherit',
  env: { ...process.env, RINGSIDE_COUNTS_FILE: counts },
});
const result = existsSync(counts) ? JSON.parse(readFileSync(counts, 'utf8')) : { passed: 0, failed: 0, skipped: 0 };
let failed = result.failed + result.skipped + (configOk ? 0 : 1);
result.passed += configOk ? 1 : 0;
if (run.status !== 0 && failed === 0) failed = 1;
if (result.passed + failed === 0) failed = 1;
console.log(`\n${result.passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
