import { expect } from '@open-wc/testing';
import { addRow, adminApi, adminLogout, button, deepAll, deepText, describedText, enterIn, field, fill, logIn, mountAdmin, unique, until } from '../support/admin-page.js';

interface TenantBody {
  tenant: { settings: { urlTriggers: unknown[] } };
}

const WEBFRONT = 'https://webfront.example.com/#/power?phoneNumber=^<%CALLERID%>';
const preview = (root: ParentNode, i: number) => deepAll(root, `[data-trigger-preview="${i}"]`)[0]?.textContent?.trim() ?? '';

/** The admin page previews each tenant URL trigger for a sample call, with the checker the server saves with. */
describe('admin page: URL trigger preview', () => {
  beforeEach(() => adminLogout());
  afterEach(() => {
    for (const app of document.querySelectorAll('rs-admin-app')) app.remove();
  });

  it('shows the URL a trigger would open for a sample call, a refusal with its code, and the server refuses the same at its field', async () => {
    const app = await mountAdmin();
    await logIn(app);
    (await button(app, 'New tenant')).click();
    await button(app, 'Create tenant');
    await fill(app, 'name', `Triggers ${unique()}`);
    await enterIn(await fill(app, 'allowedOrigins[0]', 'https://crm.example.com'));
    await until('the first key shown', () => deepAll<HTMLInputElement>(app, 'input[name="apiKey"]')[0]?.value);
    (await button(app, 'I have copied it')).click();
    const tenantId = await until('the tenant page', () => deepAll(app, '[data-tenant-id]')[0]?.textContent?.trim());

    // Act: WebFront's exact-match template on a stable event, then a javascript: URL.
    const first = await addRow(app, 'Add trigger', 'settings.urlTriggers');
    await fill(app, `${first}.event`, 'inbound.received');
    await fill(app, `${first}.url`, WEBFRONT);
    const good = await until('the first preview', () => preview(app, 0).includes('webfront') && preview(app, 0));
    const second = await addRow(app, 'Add trigger', 'settings.urlTriggers');
    await fill(app, `${second}.event`, 'login');
    await fill(app, `${second}.url`, 'javascript:alert(1)');
    const bad = await until('the second preview', () => preview(app, 1).startsWith('Refused') && preview(app, 1));
    (await button(app, 'Save CRM and network')).click();
    const url = await field(app, 'settings.urlTriggers[1].url');
    await until('the URL marked invalid', () => url.getAttribute('aria-invalid') === 'true');

    // Assert: the sample call's number encoded in the hash route; the refusal coded, here and at the server.
    expect(good).to.equal('https://webfront.example.com/#/power?phoneNumber=^%2B0702007722');
    expect(bad).to.match(/^Refused \(scheme_not_allowed\): /);
    expect(describedText(url)).to.include('(scheme_not_allowed)');
    expect(deepText(app.shadowRoot!)).to.include('Preview for a sample call from +0702007722');

    // Act: without the bad one, it saves. Assert: the API has the template as written.
    (await button(app, /^Remove trigger 2/)).click();
    (await button(app, 'Save CRM and network')).click();
    await until('saved', () => deepText(app.shadowRoot!).includes('CRM and network settings saved.'));
    const { tenant } = (await adminApi<TenantBody>('GET', `/tenants/${tenantId}`)).body;
    expect(tenant.settings.urlTriggers).to.deep.equal([{ event: 'inbound.received', url: WEBFRONT, target: 'new' }]);
  });
});
