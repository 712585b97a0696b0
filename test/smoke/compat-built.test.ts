import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { servedBuilt, until } from './served-built.js';

/**
 * The *built* compatibility scripts in Chromium: dist/sdk/agentdesktop.iife.js as the
 * AgentDesktop document includes it (a classic script, bound at once), and the classic SDK
 * loading dist/sdk/ccaas-wrapper.js from beside itself when a wrapper library is configured.
 */
const site = servedBuilt({ http: 8111, sip: 5094 });
const { pageErrors, open } = site;

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
