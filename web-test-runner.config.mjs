import { browserTestConfig } from './scripts/wtr-base.mjs';
import { testServerPlugin } from './test/support/test-server.ts';

/**
 * Browser tests in Debian's Chromium. The test server answers on localhost:8000 (the CRM
 * origin the tenant allows) and 127.0.0.1:8000 (the widget's origin, and the "rogue"
 * origin), and runs the session API and the dev PBX, so calls are real.
 */
export default browserTestConfig({
  files: ['test/browser/**/*.test.ts', 'widget/**/*.test.ts', 'src/**/*.test.ts', 'admin/**/*.test.ts'],
  timeout: 30000,
  server: testServerPlugin(),
});
