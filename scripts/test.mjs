#!/usr/bin/env node
/**
 * `npm test`: type-check, build, node tests (session API, PBX, CLI, built-page smoke test),
 * then browser tests in Chromium. Prints one closing line, `N passed, N failed`, that CI
 * reads, and exits non-zero on any failure, including a stage that crashed before counting.
 */
import { spawnSync } from 'node:child_process';
import { postgresAvailable, start as startPostgres } from './throwaway-postgres.mjs';
import { mkdtempSync, readFileSync, readdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const work = mkdtempSync(join(tmpdir(), 'ringside-test-'));
let passed = 0;
let failed = 0;

function run(label, command, args, env = {}) {
  process.stdout.write(`\n▶ ${label}\n`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

function check(label, ok) {
  if (ok) passed += 1;
  else {
    failed += 1;
    process.stdout.write(`✗ ${label} failed\n`);
  }
}

const testFiles = (dir) => readdirSync(dir).filter((f) => f.endsWith('.test.ts')).map((f) => join(dir, f));
const bin = (name) => join('node_modules', '.bin', name);

check('type-check', run('type-check (tsc --noEmit)', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']));
check('build', run('build (vite + declarations)', 'npm', ['run', 'build', '--silent']));
check('size budgets', run('size budgets (SDK < 10 kB, widget first load < 75 kB gzip)', process.execPath, ['scripts/size.mjs', '--check']));
check('translations', run('translations (every msg id in it and tr, placeholders kept)', process.execPath, ['scripts/check-i18n.mjs']));

// The store's tests run on PGlite and on PostgreSQL: CI passes a throwaway cluster in
// RINGSIDE_TEST_DATABASE_URL; otherwise start one here (Debian's postgresql) and stop it after.
let postgres;
if (!process.env.RINGSIDE_TEST_DATABASE_URL) {
  if (postgresAvailable()) {
    try {
      postgres = startPostgres(Number(process.env.RINGSIDE_TEST_PG_PORT ?? 5499));
      process.env.RINGSIDE_TEST_DATABASE_URL = postgres.url;
    } catch (error) {
      process.stdout.write(`✗ could not start a throwaway PostgreSQL: ${error.message}\n`);
    }
  } else {
    process.stdout.write('✗ PostgreSQL is not installed (Debian: apt-get install postgresql): the store tests on PostgreSQL will fail\n');
  }
}

const tap = join(work, 'node.tap');
const nodeOk = run('node tests (server, CLI, built pages)', process.execPath, [
  '--import', 'tsx', '--test', '--test-concurrency=1',
  '--test-reporter=spec', '--test-reporter-destination=stdout',
  '--test-reporter=tap', `--test-reporter-destination=${tap}`,
  ...testFiles('test/server'), ...testFiles('test/smoke'),
]);
postgres?.stop();
const tapText = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
const nodePass = Number(/^# pass (\d+)/m.exec(tapText)?.[1] ?? 0);
const nodeFail = Number(/^# fail (\d+)/m.exec(tapText)?.[1] ?? 0);
passed += nodePass;
failed += nodeFail;
if (!nodeOk && nodeFail === 0) check('node tests (crashed before reporting)', false);
if (nodePass + nodeFail === 0) check('node tests (none ran)', false);

const counts = join(work, 'browser.json');
const browserOk = run('browser tests (Chromium)', process.execPath, ['--import', 'tsx', 'node_modules/@web/test-runner/dist/bin.js'], { RINGSIDE_COUNTS_FILE: counts });
const browser = existsSync(counts) ? JSON.parse(readFileSync(counts, 'utf8')) : null;
if (browser) {
  passed += browser.passed;
  failed += browser.failed + browser.skipped;
}
if (!browser || (!browserOk && browser.failed === 0)) check('browser tests (crashed before reporting)', false);
if (browser && browser.passed + browser.failed === 0) check('browser tests (none ran)', false);

process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 ? 0 : 1);
