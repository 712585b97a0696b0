import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { defaultReporter } from '@web/test-runner';
import { countingReporter } from './counting-reporter.mjs';
import { sipTrimmed } from './sip-trim.ts';
import { chromiumArgs, chromiumPath } from './chromium.ts';

/**
 * What both browser suites share: Debian's Chromium, one file at a time, the test server on
 * localhost:8000 (and 127.0.0.1:8000 as the second origin), esbuild for TypeScript, the
 * counting reporter, and RINGSIDE_GREP to run matching tests only.
 */
/** sip.js gets the phone's own versions of a few of its modules, as in the build (scripts/sip-trim.ts). */
const sipTrim = {
  name: 'ringside-sip-trim',
  resolveImport({ source, context }) {
    const replacement = sipTrimmed(source, context.path);
    return replacement ? `/${replacement}` : undefined;
  },
};

export function browserTestConfig({ files, timeout, server, chromiumFlags = [] }) {
  return {
    files,
    hostname: 'localhost',
    port: 8000,
    nodeResolve: { exportConditions: ['browser', 'development'] },
    concurrency: 1,
    concurrentBrowsers: 1,
    testsFinishTimeout: 10 * 60 * 1000,
    testFramework: { config: { timeout, ...(process.env.RINGSIDE_GREP ? { grep: process.env.RINGSIDE_GREP } : {}) } },
    middleware: [server.middleware],
    browsers: [chromeLauncher({ launchOptions: { executablePath: chromiumPath, headless: true, args: [...chromiumArgs, ...chromiumFlags] } })],
    plugins: [sipTrim, esbuildPlugin({ ts: true, target: 'es2022', tsconfig: new URL('../tsconfig.json', import.meta.url).pathname }), server.plugin],
    reporters: [defaultReporter(), countingReporter(process.env.RINGSIDE_COUNTS_FILE)],
  };
}
