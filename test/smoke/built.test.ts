import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'puppeteer-core';
import { servedBuilt, until } from './served-built.js';

/**
 * Loads the *built* pages (dist/) in Chromium: Vite can ship code that builds fine and
 * throws on load (FIELD-NOTES), so the built demo must log in and carry a call with audio.
 */
const site = servedBuilt({ http: 8110, sip: 5093 });
const { base: BASE, pageErrors, open } = site;

const registration = (page: Page) =>
  page.evaluate(() => document.querySelector('ringside-phone')!.queryStatus().then((s) => s.registration, () => 'no answer'));

describe('built pages', () => {
  it('the built CRM demo logs agent 1001 in and takes a call from the built customer page, with audio', async () => {
    const crm = await open('/');
    const customer = await open('/demo/customer.html');
    await until('CRM registered', async () => (await registration(crm)) === 'registered');
    await until('customer registered', async () => (await registration(customer)) === 'registered');

    await customer.evaluate(() => document.querySelector('ringside-phone')!.dial('1001'));
    await until('ringing in the CRM log', async () => (await crm.$eval('#log', (el) => el.textContent ?? '')).includes('OnIncomingCallRinging inbound 2001'));
    await crm.evaluate(() => document.querySelector('ringside-phone')!.answer());
    const stats = await until('audio at the agent', async () => {
      const { calls } = await crm.evaluate(() => document.querySelector('ringside-phone')!.getCallStats());
      return calls[0] && calls[0].bytesReceived > 0 && calls[0].bytesSent > 0 ? calls[0] : undefined;
    });
    await customer.evaluate(() => document.querySelector('ringside-phone')!.hangUp());
    await until('hang-up in the CRM log', async () => (await crm.$eval('#log', (el) => el.textContent ?? '')).includes('OnIncomingCallHangup'));

    assert.ok(stats.bytesReceived > 0);
    assert.deepEqual(pageErrors, []);
    await crm.close();
    await customer.close();
  });

  it('the built admin page logs an admin in from the keyboard, framed by nobody', async () => {
    const response = await fetch(`${BASE}/admin/`);
    const page = await open('/admin/');
    const input = (name: string) => `pierce/input[name="${name}"]`;
    await page.waitForSelector(input('username'), { timeout: 15000 });

    await page.type(input('username'), 'admin');
    await page.type(input('password'), 'ringside-dev-admin');
    await page.keyboard.press('Enter');
    await until('logged in', async () => (await page.evaluate(() => document.querySelector('rs-admin-app')?.shadowRoot?.textContent ?? '')).includes('Logged in as admin'));

    assert.equal(response.headers.get('content-security-policy'), "frame-ancestors 'none'");
    assert.deepEqual(pageErrors, []);
    await page.close();
  });

  it('the classic script defines window.Ringside and a working <ringside-phone>', async () => {
    const page = await open('/fixtures/classic.html');

    const exported = await page.evaluate(() => typeof (window as unknown as { Ringside?: { RingsidePhone?: unknown } }).Ringside?.RingsidePhone);
    await page.evaluate(() => (window as unknown as { classicReady: Promise<unknown> }).classicReady);
    await until('classic phone registered', async () => (await registration(page)) === 'registered');

    assert.equal(exported, 'function');
    assert.deepEqual(pageErrors, []);
    await page.close();
  });
});
