import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { Desk } from '../../services/desk.js';
import { agent, FakeDeskCore } from '../../services/fake-desk-core.js';
import { createLogger } from '../../services/logger.js';
import { FakeMediaDevices } from '../../services/media/fake-media-devices.js';
import { importTriggers, previewTrigger } from './triggers-settings.js';
import './triggers-settings.js';
import type { RsTriggersSettings } from './triggers-settings.js';

const KEY = 'ringside.triggers.t1.u1';

async function setupTest(tenantTriggers: unknown[] = []) {
  const core = Object.assign(new FakeDeskCore(), { tenantTriggers });
  core.tenantId = 't1';
  const desk = new Desk(core, { win: window, log: (category) => createLogger(category, () => undefined), mediaDevices: new FakeMediaDevices({ devices: [] }) });
  core.set({ agent });
  const element = await fixture<RsTriggersSettings>(html`<rs-triggers-settings .desk=${desk}></rs-triggers-settings>`);
  const root = element.shadowRoot!;
  const $ = <E extends Element>(selector: string) => root.querySelector<E>(selector)!;
  return { core, element, root, $ };
}

function type(control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement, value: string): void {
  control.value = value;
  control.dispatchEvent(new Event(control instanceof HTMLSelectElement ? 'change' : 'input'));
}

describe('<rs-triggers-settings>', () => {
  afterEach(() => localStorage.removeItem(KEY));

  it('previews with the shared checker: the WebFront hash route, a refused scheme, a duplicate name', () => {
    expect(previewTrigger({ event: 'inbound.received', mode: 'window', url: 'https://crm.example.com/#/power?phoneNumber=^<%CALLERID%>' })).to.deep.equal({
      ok: true,
      url: 'https://crm.example.com/#/power?phoneNumber=^%2B0702007722',
    });
    expect(previewTrigger({ event: 'inbound.received', mode: 'window', url: 'javascript:alert(1)' })).to.include({ ok: false, code: 'scheme_not_allowed' });
    expect(previewTrigger({ name: 'a', event: 'login', mode: 'window', url: 'https://x.example/' }, [{ name: 'a' }])).to.include({ ok: false, code: 'duplicate_name' });
  });

  it('imports the valid triggers and lists each refused one with its place and code; text that is not JSON loses nothing', () => {
    const current = [{ name: 'mine', event: 'login', mode: 'window', url: 'https://crm.example.com/' }];
    const result = importTriggers(
      JSON.stringify([
        { event: 'inbound.received', mode: 'reuse', url: 'https://crm.example.com/?p=<%CALLERID%>' },
        { event: 'nope', mode: 'window', url: 'https://crm.example.com/' },
        { name: 'mine', event: 'logout', mode: 'window', url: 'https://crm.example.com/' },
      ]),
      current,
    );
    expect(result.kept.map((c) => c.event)).to.deep.equal(['login', 'inbound.received']);
    expect(result.refused.map((p) => [p.index, p.code])).to.deep.equal([
      [2, 'unknown_event'],
      [3, 'duplicate_name'],
    ]);
    const broken = importTriggers('[{', current);
    expect([broken.kept, broken.refused.map((p) => p.code)]).to.deep.equal([current, ['not_json']]);
  });

  it('lists the tenant triggers read-only; a refused draft cannot be saved, a fixed one is saved, stored and sent to the host', async () => {
    const { core, root, $ } = await setupTest([{ event: 'inbound.received', url: 'https://crm.example.com/c?n=<%CALLERID%>', target: 'new' }]);

    expect($('.tenant-triggers li output').textContent).to.equal('https://crm.example.com/c?n=%2B0702007722');
    expect(root.querySelectorAll('.tenant-triggers button')).to.have.length(0);
    $<HTMLButtonElement>('button.add').click();
    await (root.host as RsTriggersSettings).updateComplete;
    type($('#trigger-name'), 'pop');
    type($('#trigger-url'), 'crm.example.com/<%CALLERID%>');
    await (root.host as RsTriggersSettings).updateComplete;

    expect($('#trigger-check').getAttribute('data-code')).to.equal('relative_url');
    expect($('#trigger-url').getAttribute('aria-invalid')).to.equal('true');
    expect($<HTMLButtonElement>('button.save').disabled).to.equal(true);
    $<HTMLButtonElement>('button.save').click();
    expect(localStorage.getItem(KEY)).to.equal(null);

    type($('#trigger-url'), 'https://crm.example.com/find?q=<%CALLERNAME%>');
    type($('#trigger-mode'), 'reuse');
    await (root.host as RsTriggersSettings).updateComplete;
    expect($('#trigger-check').textContent).to.equal('https://crm.example.com/find?q=Ada%20Lovelace');
    $<HTMLButtonElement>('button.save').click();
    await (root.host as RsTriggersSettings).updateComplete;

    const saved = [{ name: 'pop', event: 'inbound.received', url: 'https://crm.example.com/find?q=<%CALLERNAME%>', mode: 'reuse' }];
    expect(JSON.parse(localStorage.getItem(KEY)!)).to.deep.equal(saved);
    expect(core.emitted.filter((e) => e.name === 'OnAgentTriggersChanged').map((e) => e.data)).to.deep.equal([{ triggers: saved }]);
    expect($('.own-triggers li').getAttribute('data-trigger')).to.equal('pop');
    await waitUntil(() => root.activeElement === $('button.add'), 'focus did not go back to Add');
    await expect(root.host).to.be.accessible();

    $<HTMLButtonElement>('.own-triggers button.remove').click();
    await (root.host as RsTriggersSettings).updateComplete;
    expect(localStorage.getItem(KEY)).to.equal(null);
    expect(core.emitted.at(-1)).to.deep.equal({ name: 'OnAgentTriggersChanged', data: { triggers: [] } });
  });

  it('an edit keeps the fields the form does not show (an imported body and conditions)', async () => {
    const imported = { name: 'log', event: 'inbound.hangup', url: 'https://crm.example.com/log', mode: 'background', body: { json: { caller: '<%CALLERID%>' } }, when: { acd: true } };
    localStorage.setItem(KEY, JSON.stringify([imported]));
    const { core, root, $ } = await setupTest();

    $<HTMLButtonElement>('.own-triggers button.edit').click();
    await (root.host as RsTriggersSettings).updateComplete;
    expect($<HTMLSelectElement>('#trigger-method').value).to.equal('POST');
    type($('#trigger-name'), 'log-hangup');
    await (root.host as RsTriggersSettings).updateComplete;
    $<HTMLButtonElement>('button.save').click();

    const saved = { ...imported, name: 'log-hangup', method: 'POST' };
    expect(JSON.parse(localStorage.getItem(KEY)!)).to.deep.equal([saved]);
    expect(core.emitted.at(-1)).to.deep.equal({ name: 'OnAgentTriggersChanged', data: { triggers: [saved] } });
  });
});
