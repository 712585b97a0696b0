import { browserTestConfig } from './scripts/wtr-base.mjs';
import { interopServer } from './test/interop/interop-server.ts';

/**
 * Interop suite: real Kamailio + rtpengine + sipp, phones in headless Chromium. Run with
 * `npm run test:interop` (needs the Debian packages that .ci/run installs). The wss test
 * uses a self-signed certificate.
 */
export default browserTestConfig({
  files: ['test/interop/**/*.test.ts'],
  timeout: 60000,
  server: interopServer(),
  chromiumFlags: ['--ignore-certificate-errors'],
});
