import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import puppeteer, { type Browser, type Page, type Target } from 'puppeteer-core';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.js';
import { servedBuilt, until } from './served-built.js';

/**
 * URL-trigger windows in a browser that blocks pop-ups and in one that does not (issue 10).
 * puppeteer passes --disable-popup-blocking by default (FIELD-NOTES), so the blocking browser
 * is launched without it. The built pages and the built classic SDK: its trigger runner is a
 * chunk of its own (dist/sdk/ringside-triggers.js), loaded when the options name triggers. A
 * real call from the built customer page rings the agent; the ringing is no user gesture.
 */
const BASE = servedBuilt({ http: 8114, sip: 5097 }, { browser: false }).base;
const EXPECTED_URL = `${BASE}/fixtures/echo.html?phone=2001`;

type TriggerRecord = { type: string; trigger: string; event: string; url: string };

/** One browser with the CRM page (agent 1001) and the customer page (2001); the customer calls. */
async function ringTheAgent(blockPopups: boolean, { failFirstRunnerLoad = false } = {}): Promise<{ browser: Browser; crm: Page; errors: string[]; opened: () => string[]; reported: TriggerRecord[]; runnerRequests: () => number }> {
  const browser = await puppeteer.launch({ executablePath: chromiumPath, args: chromiumArgs, headless: true, ...(blockPopups ? { ignoreDefaultArgs: ['--disable-popup-blocking'] } : {}) });
  const errors: string[] = [];
  const popups: string[] = [];
  browser.on('targetcreated', (target: Target) => {
    if (target.type() === 'page') popups.push(target.url());
  });
  browser.on('targetchanged', (target: Target) => {
    if (target.type() === 'page' && target.url().includes('/fixtures/echo.html')) popups.push(target.url());
  });
  const open = async (path: string) => {
    const page = await browser.newPage();
    page.on('pageerror', (error) => errors.push(`${path}: ${(error as Error).message}`));
    await page.goto(BASE + path);
    return page;
  };
  // The CRM page reports what happens on its console: no evaluate (a user gesture) there.
  const reported: TriggerRecord[] = [];
  const crm = await browser.newPage();
  crm.on('pageerror', (error) => errors.push(`crm: ${(error as Error).message}`));
  crm.on('console', (message) => {
    const text = message.text();
    if (text.startsWith('ringside-report ')) reported.push(JSON.parse(text.slice('ringside-report '.length)) as TriggerRecord);
  });
  // The SDK's trigger runner (a file beside it): counted, and the first request failed if asked.
  let runnerRequests = 0;
  await crm.setRequestInterception(true);
  crm.on('request', (request) => {
    if (!request.url().endsWith('/ringside-triggers.js')) return void request.continue();
    runnerRequests += 1;
    if (failFirstRunnerLoad && runnerRequests === 1) return void request.abort('connectionfailed');
    void request.continue();
  });
  await crm.goto(`${BASE}/fixtures/trigger-popups.html`);
  const customer = await open('/demo/customer.html');
  const registered = (page: Page) => page.evaluate(() => document.querySelector('ringside-phone')?.queryStatus().then((s) => s.registration === 'registered', () => false) ?? false);
  await until('CRM registered', async () => reported.some((r) => r.type === 'ringside-registration-changed' && r.event === 'registered'));
  await until('customer registered', () => registered(customer));
  popups.length = 0;
  await customer.evaluate(() => document.querySelector('ringside-phone')!.dial('1001'));
  return { browser, crm, errors, opened: () => popups.filter((url) => url.includes('/fixtures/echo.html')), reported, runnerRequests: () => runnerRequests };
}

describe('trigger windows and the pop-up blocker', () => {
  it('pop-ups blocked: ringside-trigger-blocked, an "Open Contact card" button, and the click opens the window', async () => {
    const { browser, crm, errors, opened, reported } = await ringTheAgent(true);
    try {
      const blocked = await until('ringside-trigger-blocked', async () => reported.find((r) => r.type === 'ringside-trigger-blocked')).catch((error: Error) => {
        throw new Error(`${error.message}; reported ${JSON.stringify(reported)}, windows ${JSON.stringify(opened())}`);
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.deepEqual(opened(), [], 'the browser opened a window without a gesture');
      const label = await crm.$eval('ringside-phone >>> [part~="trigger-open-button"]', (button) => button.textContent);

      await crm.bringToFront();
      await crm.click('ringside-phone >>> [part~="trigger-open-button"]');
      await until('the window the click opened', async () => opened().includes(EXPECTED_URL));

      assert.deepEqual([blocked.trigger, blocked.event, blocked.url], ['Contact card', 'inbound.received', EXPECTED_URL]);
      assert.deepEqual(reported.filter((r) => r.type === 'activation').map((r) => r.trigger), ['false'], 'the CRM page had a user activation when the call rang');
      assert.equal(label, 'Open Contact card');
      const fired = reported.filter((r) => r.type === 'ringside-trigger-fired');
      assert.deepEqual(fired.map((r) => [r.trigger, r.url]), [['Contact card', EXPECTED_URL]]);
      assert.deepEqual(errors, []);
    } finally {
      await browser.close();
    }
  });

  it('pop-ups allowed: the ringing call opens the window by itself, no prompt', async () => {
    const { browser, crm, errors, opened, reported } = await ringTheAgent(false);
    try {
      await until('the trigger window', async () => opened().includes(EXPECTED_URL));
      const events = reported.filter((r) => r.type.startsWith('ringside-trigger-'));
      const prompts = await crm.$$('ringside-phone >>> [part~="trigger-open-button"]');

      assert.deepEqual(events.map((r) => [r.type, r.trigger, r.url]), [['ringside-trigger-fired', 'Contact card', EXPECTED_URL]]);
      assert.equal(prompts.length, 0);
      assert.deepEqual(errors, []);
    } finally {
      await browser.close();
    }
  });

  it('the trigger runner failing to load once: loaded again at the next event, and the call still opens its window', async () => {
    const { browser, errors, opened, reported, runnerRequests } = await ringTheAgent(false, { failFirstRunnerLoad: true });
    try {
      await until('the trigger window', async () => opened().includes(EXPECTED_URL));

      assert.ok(runnerRequests() >= 2, `the runner was requested ${runnerRequests()} time(s)`);
      assert.deepEqual(reported.filter((r) => r.type === 'ringside-trigger-fired').map((r) => [r.trigger, r.url]), [['Contact card', EXPECTED_URL]]);
      assert.deepEqual(errors, []);
    } finally {
      await browser.close();
    }
  });
});
