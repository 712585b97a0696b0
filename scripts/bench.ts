/**
 * `npm run bench`: the host ⇄ widget protocol, measured in Chromium across two origins.
 * Round trip of a host action to its result, and events per second widget → host, each
 * against a bare cross-origin MessageChannel echo measured in the same run (the ratio says
 * what Ringside's checks, routing and DOM events cost). Also the SDK's gzip size, and the
 * session API's logins per second on each store (bench-logins.ts), and the dev PBX's cost per
 * message and memory under pre-login floods (bench-pbx.ts), and URL triggers: protocol event to
 * window opened / request sent, and delivered out of fired across failures and a reload
 * (bench-triggers.ts).
 * Prints figures only; nothing is asserted.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { loadDevConfig } from '../server/config.js';
import { serveBuilt } from '../server/serve.js';
import { benchLogins } from './bench-logins.js';
import { benchPbx } from './bench-pbx.js';
import { benchTriggers } from './bench-triggers.js';
import { chromiumArgs, chromiumPath } from './chromium.js';

const N = Number(process.env.N ?? 10000);
const HTTP_PORT = 8130;
const root = fileURLToPath(new URL('..', import.meta.url));

if (!existsSync(`${root}dist/sdk/ringside.js`)) spawnSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit', cwd: root });

function summary(values: number[]): { median: number; p99: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { median: at(0.5), p99: at(0.99) };
}

const server = await serveBuilt(
  loadDevConfig({ RINGSIDE_HTTP_PORT: String(HTTP_PORT), RINGSIDE_SIP_PORT: '5095', RINGSIDE_ALLOWED_ORIGINS: `http://localhost:${HTTP_PORT}`, RINGSIDE_DATA_DIR: 'memory' }),
  [['/fixtures/', `${root}test/fixtures/`]],
);
const browser = await puppeteer.launch({ executablePath: chromiumPath, args: chromiumArgs, headless: true, protocolTimeout: 600_000 });
try {
  const page = await browser.newPage();
  await page.goto(`http://localhost:${HTTP_PORT}/fixtures/bench-protocol.html?n=${N}`);
  const result = (await page.evaluate(() => (window as unknown as { benchResult: Promise<Record<string, unknown>> }).benchResult)) as Record<string, unknown>;
  if (result.error) throw new Error(String(result.error));
  const base = summary(result.baselineRoundTrips as number[]);
  const ours = summary(result.ringsideRoundTrips as number[]);
  const basePerSecond = result.baselinePerSecond as number;
  const ourPerSecond = result.ringsideEventsPerSecond as number;
  // Without cross-origin isolation Chromium rounds performance.now() to 0.1 ms.
  const ms = (v: number) => `${v.toFixed(2)} ms`;
  console.log(`\nHost ⇄ widget protocol, ${N} messages each, Chromium, CRM and widget on different origins\n`);
  console.log(`round trip, bare MessageChannel echo   median ${ms(base.median)}   p99 ${ms(base.p99)}`);
  console.log(`round trip, queryStatus → result       median ${ms(ours.median)}   p99 ${ms(ours.p99)}   (${(ours.median / base.median).toFixed(1)}× the baseline median)`);
  console.log(`throughput, bare echo                  ${Math.round(basePerSecond)} messages/s`);
  console.log(`throughput, mute/unmute → DOM events   ${Math.round(ourPerSecond)} events/s (each also answered with a result; ${(ourPerSecond / basePerSecond).toFixed(2)}× the baseline; ${result.failedToggles} failed)`);
  await benchTriggers(browser, `http://localhost:${HTTP_PORT}`);
} finally {
  await browser.close();
  await server.close();
}
spawnSync(process.execPath, [`${root}scripts/size.mjs`], { stdio: 'inherit' });
await benchLogins();
await benchPbx();
