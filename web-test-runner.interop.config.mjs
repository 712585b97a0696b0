import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { defaultReporter } from '@web/test-runner';
import { countingReporter } from './scripts/counting-reporter.mjs';
import { chromiumArgs, chromiumPath } from './scripts/chromium.ts';
import { interopServer } from './test/interop/interop-server.ts';

/**
 * Interop suite: real Kamailio + rtpengine + sipp, phones in headless Chromium. Run with
 * `npm run test:interop` (needs the Debian packages that .ci/run installs).
 */
const server = interopServer();

export default {
  files: ['test/interop/**/*.test.ts'],
  hostname: 'localhost',
  port: 8000,
  nodeResolve: { exportConditions: ['browser', 'development'] },
  concurrency: 1,
  concurrentBrowsers: 1,
  testsFinishTimeout: 10 * 60 * 1000,
  testFramework: { config: { timeout: 60000, ...(process.env.RINGSIDE_GREP ? { grep: process.env.RINGSIDE_GREP } : {}) } },
  middleware: [server.middleware],
  browsers: [chromeLauncher({ launchOptions: { executablePath: chromiumPath, headless: true, args: [...chromiumArgs, '--ignore-certificate-errors'] } })],
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: new URL('./tsconfig.json', import.meta.url).pathname }), server.plugin],
  reporters: [defaultReporter(), countingReporter(process.env.RINGSIDE_COUNTS_FILE)],
};
