import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultSettings, isWrapperUrl, parseSettings } from '../../server/store/tenant-settings.js';

/**
 * The tenant's CCaaS wrapper library: the CRM page runs it with its own rights, so its URL is
 * https (http only on a loopback host), and its presence map names only agent states.
 */
describe('tenant settings: wrapperUrl and wrapperPresence', () => {
  const urls: [string, boolean][] = [
    ['https://crm.example.com/softphone/wrapper.js', true],
    ['http://localhost:8000/test/fixtures/ccaas-wrapper.js', true],
    ['http://127.0.0.1:3000/wrapper.js', true],
    ['http://[::1]:3000/wrapper.js', true],
    ['http://crm.example.com/wrapper.js', false],
    ['http://127.0.0.2/wrapper.js', false],
    ['https://user:secret@crm.example.com/wrapper.js', false],
    ['javascript:alert(1)', false],
    ['data:text/javascript,alert(1)', false],
    ['//crm.example.com/wrapper.js', false],
    [`https://crm.example.com/${'a'.repeat(2050)}.js`, false],
  ];
  for (const [url, ok] of urls) {
    it(`${ok ? 'takes' : 'refuses'} ${url.slice(0, 60)}`, () => {
      assert.equal(isWrapperUrl(url), ok);
      const parsed = parseSettings({ wrapperUrl: url });
      assert.equal(parsed.ok, ok);
      if (parsed.ok) assert.equal(parsed.value.wrapperUrl, url);
      else assert.deepEqual(parsed.errors.map((e) => e.field), ['settings.wrapperUrl']);
    });
  }

  it('has no wrapper by default, and "" removes one', () => {
    assert.equal(defaultSettings.wrapperUrl, '');
    const base = parseSettings({ wrapperUrl: 'https://crm.example.com/w.js' });
    assert.ok(base.ok);
    const removed = parseSettings({ wrapperUrl: '' }, base.value);
    assert.ok(removed.ok);
    assert.equal(removed.value.wrapperUrl, '');
  });

  it('takes a presence map of softphoneIds to agent states, and refuses anything else by field', () => {
    const good = { 'd6afeaa7-39be-4935-981f-2670215fd887': 'ready', 'a1-2': 'not_ready:lunch', b: 'not_ready', c: 'dnd', d: 'after_call_work' };
    const parsed = parseSettings({ wrapperPresence: good });
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.value.wrapperPresence, good);

    for (const bad of [[], 'ready', { x: 'away' }, { x: 'not_ready:' }, { 'has space': 'ready' }, { x: 1 }, Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`id${i}`, 'ready']))]) {
      const refused = parseSettings({ wrapperPresence: bad });
      assert.equal(refused.ok, false, JSON.stringify(bad).slice(0, 60));
      if (!refused.ok) assert.deepEqual(refused.errors.map((e) => e.field), ['settings.wrapperPresence']);
    }
  });
});
