import { expect } from '@open-wc/testing';
import type { RsAdminApp } from '../../admin/components/app/app.js';
import { ADMIN, addRow, adminApi, adminLogout, button, deepActive, deepAll, deepText, describedText, enterIn, field, fill, logIn, mountAdmin, unique, until } from '../support/admin-page.js';

interface TenantBody {
  tenant: { id: string; settings: { urlTriggers: unknown[] } };
}

const WEBFRONT = 'https://webfront.example.com/#/power?phoneNumber=^<%CALLERID%>';
const S = 'settings.urlTriggers';
const preview = (root: ParentNode, i: number) => deepAll(root, `[data-trigger-preview="${i}"]`)[0]?.textContent?.trim() ?? '';
const bodyPreview = (root: ParentNode, i: number) => deepAll(root, `[data-trigger-body-preview="${i}"]`)[0]?.textContent?.trim() ?? '';
const statusSays = (app: RsAdminApp, text: string) => until(`the live region saying "${text}"`, () => deepAll(app, '[role="status"]').some((s) => s.textContent?.includes(text)));

/** Picks an option of a select as a person does (value, then a change event). */
async function choose(root: ParentNode, name: string, value: string): Promise<HTMLSelectElement> {
  const select = await field<HTMLSelectElement>(root, name);
  expect([...select.options].map((o) => o.value), `${name} offers ${value}`).to.include(value);
  select.value = value;
  select.dispatchEvent(new Event('change'));
  return select;
}

/** Types into a text area (value, then an input event). */
async function write(root: ParentNode, name: string, value: string): Promise<HTMLTextAreaElement> {
  const area = await until(`the text area ${name}`, () => deepAll<HTMLTextAreaElement>(root, `textarea[name="${CSS.escape(name)}"]`)[0]);
  area.value = value;
  area.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  return area;
}

/** What every control of trigger `i` shows, by its field name under the trigger. */
function shown(root: ParentNode, i: number): Record<string, string> {
  const prefix = `${S}[${i}].`;
  return Object.fromEntries(
    deepAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(root, `[name^="${CSS.escape(prefix)}"]`).map((control) => [control.name.slice(prefix.length), control.value]),
  );
}

async function newTenantInPage(app: RsAdminApp): Promise<string> {
  (await button(app, 'New tenant')).click();
  await button(app, 'Create tenant');
  await fill(app, 'name', `Triggers ${unique()}`);
  await enterIn(await fill(app, 'allowedOrigins[0]', 'https://crm.example.com'));
  await until('the first key shown', () => deepAll<HTMLInputElement>(app, 'input[name="apiKey"]')[0]?.value);
  (await button(app, 'I have copied it')).click();
  return until('the tenant page', () => deepAll(app, '[data-tenant-id]')[0]?.textContent?.trim());
}

/** A fresh page, logged in, showing the tenant chosen from the list. */
async function openTenant(name: string, tenantId: string): Promise<RsAdminApp> {
  for (const old of document.querySelectorAll('rs-admin-app')) old.remove();
  await adminLogout();
  const app = await mountAdmin();
  await logIn(app);
  (await button(app, `${name} ${tenantId}`)).click();
  await until('the tenant page', () => deepAll(app, '[data-tenant-id]')[0]?.textContent?.trim() === tenantId);
  return app;
}

/** The admin page edits every field of a tenant URL trigger, checks and previews it as typed, and saves what it shows. */
describe('admin page: URL triggers', () => {
  beforeEach(() => adminLogout());
  afterEach(() => {
    for (const app of document.querySelectorAll('rs-admin-app')) app.remove();
  });

  it('shows the URL a trigger would open for a sample call, a refusal with its code, and the server refuses the same at its field', async () => {
    const app = await mountAdmin();
    await logIn(app);
    const tenantId = await newTenantInPage(app);

    // Act: WebFront's exact-match template on a stable event, then a javascript: URL.
    const first = await addRow(app, 'Add trigger', S);
    await fill(app, `${first}.event`, 'inbound.received');
    await fill(app, `${first}.url`, WEBFRONT);
    const good = await until('the first preview', () => preview(app, 0).includes('webfront') && preview(app, 0));
    const second = await addRow(app, 'Add trigger', S);
    await fill(app, `${second}.event`, 'login');
    const url = await fill(app, `${second}.url`, 'javascript:alert(1)');
    const bad = await until('the second preview', () => preview(app, 1).startsWith('Refused') && preview(app, 1));
    await until('the URL marked invalid as typed', () => url.getAttribute('aria-invalid') === 'true');
    expect(describedText(url)).to.include('(scheme_not_allowed)');
    (await button(app, 'Save CRM and network')).click();
    await statusSays(app, 'Not saved: 1 field needs a change.');

    // Assert: the sample call's number encoded in the hash route; the refusal coded, here and at the server (one message, not two).
    expect(good).to.equal('https://webfront.example.com/#/power?phoneNumber=^%2B0702007722');
    expect(bad).to.match(/^Refused \(scheme_not_allowed\): /);
    expect(describedText(url).match(/\(scheme_not_allowed\)/g)).to.have.length(1);
    expect(deepText(app.shadowRoot!)).to.include('Preview for a sample call from +0702007722');
    expect((await adminApi<TenantBody>('GET', `/tenants/${tenantId}`)).body.tenant.settings.urlTriggers).to.deep.equal([]);

    // Act: without the bad one, it saves. Assert: the API has the template as written.
    (await button(app, /^Remove trigger 2/)).click();
    (await button(app, 'Save CRM and network')).click();
    await until('saved', () => deepText(app.shadowRoot!).includes('CRM and network settings saved.'));
    const { tenant } = (await adminApi<TenantBody>('GET', `/tenants/${tenantId}`)).body;
    expect(tenant.settings.urlTriggers).to.deep.equal([{ event: 'inbound.received', url: WEBFRONT, target: 'new' }]);
  });

  it('edits every field of a trigger, shows a refused field’s code at it, saves, and a new page shows the same values the API returns', async () => {
    const app = await mountAdmin();
    await logIn(app);
    const tenantId = await newTenantInPage(app);
    const name = (await adminApi<{ tenant: { name: string } }>('GET', `/tenants/${tenantId}`)).body.tenant.name;

    // Act: a background POST with a JSON body and every condition.
    const t = await addRow(app, 'Add trigger', S);
    await fill(app, `${t}.name`, 'Log the call');
    const event = await fill(app, `${t}.event`, 'inbound.hangup');
    expect(event.list?.id, 'the event field suggests names').to.be.a('string');
    const suggested = [...(event.list?.options ?? [])].map((o) => o.value);
    expect(suggested).to.include.members(['inbound.received', 'acd.missed', 'login', 'status', 'OnIncomingCallRinging', 'OnAfterCallWorkEnded']);
    await choose(app, `${t}.target`, 'background');
    await fill(app, `${t}.url`, 'https://crm.example.com/api/calls?agent=<%USERID%>');
    await choose(app, `${t}.method`, 'POST');
    await choose(app, `${t}.bodyKind`, 'json');
    const body = await write(app, `${t}.body`, '{"caller": "<%CALLER%>"}');

    // Assert: the unknown key is refused at the body as it is typed, with its code, and linked for screen readers.
    await until('the body marked invalid', () => body.getAttribute('aria-invalid') === 'true');
    expect(describedText(body)).to.match(/<%CALLER%> is not a key.*\(unknown_key\)/);
    expect(preview(app, 0)).to.match(/^Refused \(unknown_key\): /);

    // Act: JSON that does not parse, saved. Assert: refused in the page at the body, which takes focus; nothing sent.
    await write(app, `${t}.body`, '{"caller": ');
    await until('the body refused as typed', () => /\(bad_body\)/.test(describedText(body)));
    (await button(app, 'Save CRM and network')).click();
    await statusSays(app, 'Not saved: 1 field needs a change.');
    expect(deepActive()).to.equal(body);
    expect(describedText(body)).to.match(/ \| not JSON: .*\(bad_body\)$/);
    expect((await adminApi<TenantBody>('GET', `/tenants/${tenantId}`)).body.tenant.settings.urlTriggers).to.deep.equal([]);

    // Act: a good body and conditions; a second trigger changes the CRM page's route.
    await write(app, `${t}.body`, '{"caller": "<%CALLERID%>", "seconds": "<%DURATION%>", "answered": true}');
    await choose(app, `${t}.when.direction`, 'inbound');
    await choose(app, `${t}.when.acd`, 'no');
    await fill(app, `${t}.when.queue`, 'Support, Sales');
    await fill(app, `${t}.when.did`, '+390212345678');
    await fill(app, `${t}.when.numberPrefix`, '+39, 0');
    const route = await addRow(app, 'Add trigger', S);
    await fill(app, `${route}.event`, 'acd.received');
    await choose(app, `${route}.target`, 'route');
    await fill(app, `${route}.url`, '#/power?phoneNumber=^<%CALLERID%>');

    // Assert: the previews, the body rendered for the sample call.
    await until('the body accepted', () => body.getAttribute('aria-invalid') === 'false');
    expect(preview(app, 0)).to.equal('https://crm.example.com/api/calls?agent=agent-7');
    expect(JSON.parse(bodyPreview(app, 0))).to.deep.equal({ caller: '+0702007722', seconds: '0', answered: true });
    await until('the route preview', () => preview(app, 1) === '#/power?phoneNumber=^%2B0702007722');

    // Act: save.
    (await button(app, 'Save CRM and network')).click();
    await until('saved', () => deepText(app.shadowRoot!).includes('CRM and network settings saved.'));

    // Assert: the API has every field, and a new page shows what was typed.
    const expected = [
      {
        name: 'Log the call',
        event: 'inbound.hangup',
        url: 'https://crm.example.com/api/calls?agent=<%USERID%>',
        target: 'background',
        method: 'POST',
        body: { json: { caller: '<%CALLERID%>', seconds: '<%DURATION%>', answered: true } },
        when: { direction: 'inbound', acd: false, queue: ['Support', 'Sales'], did: '+390212345678', numberPrefix: ['+39', '0'] },
      },
      { event: 'acd.received', url: '#/power?phoneNumber=^<%CALLERID%>', target: 'route' },
    ];
    expect((await adminApi<TenantBody>('GET', `/tenants/${tenantId}`)).body.tenant.settings.urlTriggers).to.deep.equal(expected);
    const again = await openTenant(name, tenantId);
    const first = await until('the first trigger', () => Object.keys(shown(again, 0)).length > 0 && shown(again, 0));
    expect({ ...first, body: JSON.parse(first.body ?? 'null') }).to.deep.equal({
      name: 'Log the call',
      event: 'inbound.hangup',
      target: 'background',
      url: 'https://crm.example.com/api/calls?agent=<%USERID%>',
      method: 'POST',
      bodyKind: 'json',
      body: { caller: '<%CALLERID%>', seconds: '<%DURATION%>', answered: true },
      'when.direction': 'inbound',
      'when.acd': 'no',
      'when.queue': 'Support, Sales',
      'when.did': '+390212345678',
      'when.numberPrefix': '+39, 0',
    });
    expect(shown(again, 1)).to.deep.equal({ name: '', event: 'acd.received', target: 'route', url: '#/power?phoneNumber=^<%CALLERID%>', 'when.direction': '', 'when.acd': '', 'when.queue': '', 'when.did': '', 'when.numberPrefix': '' });
  });

  it('shows a tenant’s triggers set through the API with every field, and saving without a change keeps them identical', async () => {
    const name = `API triggers ${unique()}`;
    await apiLogIn();
    const created = await adminApi<TenantBody>('POST', '/tenants', { name, allowedOrigins: ['https://crm.example.com'] });
    const tenantId = created.body.tenant.id;
    const triggers = [
      { name: 'Search', event: 'OnIncomingCallRinging', url: 'https://crm.example.com/find?q=<%CALLERID%>&who=<%RAW:VAR:CONTID%>', target: 'reuse', method: 'GET', when: { acd: true, queue: 'Support' } },
      { name: 'Form hook', event: 'acd.missed', url: 'https://crm.example.com/hook', target: 'background', body: { form: { phone: '<%CALLERID%>', q: 'a=b', wait: '<%QUEUEWAIT%>' } }, when: { did: ['+390212345678'], numberPrefix: '+39', direction: 'inbound' } },
      { event: 'logout', url: 'https://crm.example.com/bye', target: 'background', method: 'POST', body: { json: [1, 2.5, null, { deep: ['<%USERID%>'] }] } },
      { event: 'outbound.connected', url: '/calls/<%CALLID%>', target: 'route', when: {} },
    ];
    const patched = await adminApi<TenantBody>('PATCH', `/tenants/${tenantId}`, { settings: { urlTriggers: triggers } });
    expect(patched.status, JSON.stringify(patched.body)).to.equal(200);

    // Act: the page opens the tenant.
    const app = await openTenant(name, tenantId);
    await until('four triggers', () => deepAll(app, '[data-trigger-preview]').length === 4);

    // Assert: every field shows as set.
    expect(shown(app, 0)).to.deep.include({ name: 'Search', event: 'OnIncomingCallRinging', target: 'reuse', method: 'GET', 'when.acd': 'yes', 'when.queue': 'Support', 'when.direction': '' });
    // (The store keeps settings as jsonb, which orders an object's keys its own way: compare form fields as a set.)
    expect(shown(app, 1)).to.deep.include({ target: 'background', bodyKind: 'form', 'when.did': '+390212345678', 'when.numberPrefix': '+39', 'when.direction': 'inbound' });
    const lines = (shown(app, 1).body ?? '').split('\n');
    expect(Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]))).to.deep.equal({ phone: '<%CALLERID%>', q: 'a=b', wait: '<%QUEUEWAIT%>' });
    expect(lines).to.have.length(3);
    expect(JSON.parse(shown(app, 2).body ?? 'null')).to.deep.equal([1, 2.5, null, { deep: ['<%USERID%>'] }]);
    expect(shown(app, 3)).to.deep.include({ target: 'route', url: '/calls/<%CALLID%>' });
    expect(preview(app, 0)).to.equal('https://crm.example.com/find?q=%2B0702007722&who=C-1042');
    expect(Object.fromEntries(new URLSearchParams(bodyPreview(app, 1)))).to.deep.equal({ phone: '+0702007722', q: 'a=b', wait: '42' });
    expect(bodyPreview(app, 1)).to.include('phone=%2B0702007722').and.include('q=a%3Db');
    expect(preview(app, 3)).to.equal('/calls/c-5f0b6a2e');

    // Act: save without a change. Assert: the API has them exactly as they were set.
    (await button(app, 'Save CRM and network')).click();
    await until('saved', () => deepText(app.shadowRoot!).includes('CRM and network settings saved.'));
    expect((await adminApi<TenantBody>('GET', `/tenants/${tenantId}`)).body.tenant.settings.urlTriggers).to.deep.equal(triggers);
  });
});

/** An admin session for arranging through the API, as the page's login makes one. */
async function apiLogIn(): Promise<void> {
  const response = await fetch('/api/admin/login', { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
  expect(response.status).to.equal(200);
}
