import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { defaultReporter } from '@web/test-runner';
import { countingReporter } from './scripts/counting-reporter.mjs';
import { chromiumArgs, chromiumPath } from './scripts/chromium.ts';
import { testServerPlugin } from './test/support/test-server.ts';

/**
 * Browser tests in Debian's Chromium. The test server answers on localhost:8000 (the CRM
 * origin the tenant allows) and 127.0.0.1:8000 (the widget's origin, and the "rogue"
 * origin), and runs the session API and the dev PBX, so calls are real.
 */
const testServer = testServerPlugin();

export default {
  middleware: [testServer.middleware],
  files: ['test/browser/**/*.test.ts', 'widget/**/*.test.ts', 'src/**/*.test.ts'],
  hostname: 'localhost',
  port: 8000,
  nodeResolve: { exportConditions: ['browser', 'development'] },
  concurrency: 1,
  concurrentBrowsers: 1,
  testsFinishTimeout: 10 * 60 * 1000,
  testFramework: { config: { timeout: 30000, ...(process.env.RINGSIDE_GREP ? { grep: process.env.RINGSIDE_GREP } : {}) } },
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath: chromiumPath, headless: true, args: chromiumArgs },
    }),
  ],
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: new URL('./tsconfig.json', import.meta.url).pathname }),
    testServer.plugin,
  ],
  reporters: [defaultReporter(), countingReporter(process.env.RINGSIDE_COUNTS_FILE)],
};
