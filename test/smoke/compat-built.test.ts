import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.js';
import { loadDevConfig } from '../../server/config.js';
import { serveBuilt, type Running } from '../../server/serve.js';

/**
 * The *built* compatibility scripts in Chromium: dist/sdk/agentdesktop.iife.js as the
 * AgentDesktop document includes it (a classic script, bound at once), and the classic SDK
 * loading dist/sdk/ccaas-wrapper.js from beside itself when a wrapper library is configured.
 */
const HTTP_PORT = 8111;
const BASE = `http://127.0.0.1:${HTTP_PORT}`;
let server: Running;
let browser: Browser;
const pageErrors: string[] = [];

before(async () => {
  const config = loadDevConfig({ RINGSIDE_HTTP_PORT: String(HTTP_PORT), RINGSIDE_SIP_PORT: '5094', RINGSIDE_DATA_DIR: 'memory' });
  server = await serveBuilt(config, [['/fixtures/', fileURLToPath(new URL('../fixtures/', import.meta.url))]]);
  browser = await puppeteer.launch({ executablePath: chromiumPath, args: chromiumArgs, headless: true });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function open(path: string): Promise<Page> {
  const page = await browser.newPage();
  page.on('pageerror', (error) => pageErrors.push(`${path}: ${(error as Error).message}`));
  await page.goto(BASE + path);
  return page;
}

async function until<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 15000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('built compatibility scripts', () => {
  it('agentdesktop.iife.js gives a classic page AGENTDESKTOP at once, and its callback gets AGENT:LOGGEDIN', async () => {
    const page = await open('/fixtures/agentdesktop-classic.html');

    const received = await until('AGENT:LOGGEDIN', () => page.evaluate(() => ((window as unknown as { received: { event: string }[] }).received.length ? (window as unknown as { received: unknown[] }).received : undefined)));

    assert.deepEqual(received, [{ event: 'AGENT:LOGGEDIN' }]);
    assert.deepEqual(pageErrors, []);
    await page.close();
  });

  it('the classic SDK loads ccaas-wrapper.js from beside itself and drives the wrapper', async () => {
    const page = await open('/fixtures/ccaas-classic.html');

    await until('load(callback)', () => page.evaluate(() => (window as unknown as { wrapperCalls?: { fn: string }[] }).wrapperCalls?.some((c) => c.fn === 'load')));
    await page.evaluate(() => (window as unknown as { crmSoftphone: { getPresence(): Promise<void> } }).crmSoftphone.getPresence());
    const status = await until('statusChanged', () => page.evaluate(() => (window as unknown as { wrapperCalls: { fn: string; params: unknown }[] }).wrapperCalls.find((c) => c.fn === 'statusChanged')?.params));
    const loadedFrom = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname).filter((p) => p.includes('ccaas-wrapper')));

    assert.deepEqual(status, { softphoneId: 'crm-ready' });
    assert.deepEqual(await page.evaluate(() => (window as unknown as { wrapperEvents: string[] }).wrapperEvents), ['ringside-wrapper-loaded']);
    assert.deepEqual(loadedFrom.sort(), ['/fixtures/ccaas-wrapper.js', '/sdk/ccaas-wrapper.js']);
    assert.deepEqual(pageErrors, []);
    await page.close();
  });
});
