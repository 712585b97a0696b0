import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.js';
import { loadDevConfig } from '../../server/config.js';
import { serveBuilt, type Running } from '../../server/serve.js';

/**
 * The built app and SDK (dist/), served by the production server on ports of the test's own
 * with test/fixtures/ at /fixtures/, for the smoke tests; registers its own `before` and
 * `after`. With `browser`, one Chromium whose pages' uncaught errors are collected.
 */
export function servedBuilt(ports: { http: number; sip: number }, { browser: withBrowser = true } = {}) {
  const base = `http://127.0.0.1:${ports.http}`;
  const pageErrors: string[] = [];
  let server: Running | undefined;
  let browser: Browser | undefined;

  before(async () => {
    const config = loadDevConfig({ RINGSIDE_HTTP_PORT: String(ports.http), RINGSIDE_SIP_PORT: String(ports.sip), RINGSIDE_DATA_DIR: 'memory' });
    server = await serveBuilt(config, [['/fixtures/', fileURLToPath(new URL('../fixtures/', import.meta.url))]]);
    if (withBrowser) browser = await puppeteer.launch({ executablePath: chromiumPath, args: chromiumArgs, headless: true });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  return {
    base,
    pageErrors,
    /** A new page at `path`, its uncaught errors kept in `pageErrors`. */
    async open(path: string): Promise<Page> {
      if (!browser) throw new Error('servedBuilt was asked for no browser');
      const page = await browser.newPage();
      page.on('pageerror', (error) => pageErrors.push(`${path}: ${(error as Error).message}`));
      await page.goto(base + path);
      return page;
    },
  };
}

/** Polls `probe` every 100 ms until it gives something, or fails naming `what`. */
export async function until<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 15000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
