#!/usr/bin/env node
/**
 * `npm run test:interop`: the interop suite (Kamailio + rtpengine + sipp + Chromium; the test
 * server starts and stops the daemons), and the trust tests that attack Kamailio with raw SIP
 * (test/interop/trust). Prints `N passed, N failed` over both.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
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

// The attack tests: raw SIP against Kamailio stacks of their own (node:test, one file at a
// time), counted from their TAP summary. A hung run is cut off and counts as a failure.
const work = mkdtempSync(join(tmpdir(), 'ringside-interop-'));
const trustDir = 'test/interop/trust';
const trustFiles = readdirSync(trustDir).filter((f) => f.endsWith('.node.ts')).map((f) => join(trustDir, f));
const tap = join(work, 'trust.tap');
const grep = process.env.RINGSIDE_GREP ? [`--test-name-pattern=${process.env.RINGSIDE_GREP}`] : [];
console.log('\n▶ Kamailio trust and attack tests (raw SIP)');
const trust = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', ...grep, '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${tap}`, ...trustFiles], {
  stdio: 'inherit',
  timeout: 10 * 60 * 1000,
  killSignal: 'SIGTERM',
});
const tapText = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
const tapCount = (name) => Number(new RegExp(`^# ${name} (\\d+)`, 'm').exec(tapText)?.[1] ?? 0);
const trustPassed = tapCount('pass');
let trustFailed = tapCount('fail') + tapCount('cancelled');
if (trust.status !== 0 && trustFailed === 0) trustFailed = 1;
if (!grep.length && trustPassed + trustFailed === 0) trustFailed = 1;

console.log('\n▶ browser interop tests');
const counts = join(work, 'counts.json');
const run = spawnSync(process.execPath, ['--import', 'tsx', 'node_modules/@web/test-runner/dist/bin.js', '--config', 'web-test-runner.interop.config.mjs'], {
  stdio: 'inherit',
  env: { ...process.env, RINGSIDE_COUNTS_FILE: counts },
});
const result = existsSync(counts) ? JSON.parse(readFileSync(counts, 'utf8')) : { passed: 0, failed: 0, skipped: 0 };
let failed = result.failed + result.skipped + (configOk ? 0 : 1);
result.passed += configOk ? 1 : 0;
if (run.status !== 0 && failed === 0) failed = 1;
if (result.passed + failed === 0) failed = 1;
result.passed += trustPassed;
failed += trustFailed;
console.log(`\n${result.passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
