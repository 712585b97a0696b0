import { expect } from '@open-wc/testing';
import { addRow, adminApi, adminLogout, button, deepAll, deepText, describedText, enterIn, field, fill, logIn, mountAdmin, unique, until } from '../support/admin-page.js';

interface TenantBody {
  tenant: { id: string; settings: { wrapperUrl: string; wrapperPresence: Record<string, string> } };
}

/** The tenant's CCaaS wrapper library in the admin page: refused at its field unless https, saved with its presence ids. */
describe('admin page: the CCaaS wrapper library', () => {
  beforeEach(() => adminLogout());
  afterEach(() => {
    for (const app of document.querySelectorAll('rs-admin-app')) app.remove();
  });

  it('refuses a plain-http wrapper URL at its field, then saves an https one with its presence ids', async () => {
    const app = await mountAdmin();
    await logIn(app);
    (await button(app, 'New tenant')).click();
    await button(app, 'Create tenant');
    await fill(app, 'name', `Wrapper ${unique()}`);
    await enterIn(await fill(app, 'allowedOrigins[0]', 'https://crm.example.com'));
    await until('the first key shown', () => deepAll<HTMLInputElement>(app, 'input[name="apiKey"]')[0]?.value);
    (await button(app, 'I have copied it')).click();
    const tenantId = await until('the tenant page', () => deepAll(app, '[data-tenant-id]')[0]?.textContent?.trim());

    // Act: a plain-http URL on a public host.
    await fill(app, 'settings.wrapperUrl', 'http://crm.example.com/wrapper.js');
    (await button(app, 'Save CRM and network')).click();
    const url = await field(app, 'settings.wrapperUrl');
    await until('the URL marked invalid', () => url.getAttribute('aria-invalid') === 'true');
    expect(describedText(url)).to.include('an https:// URL');

    // Act: an https URL, and two presence ids.
    await fill(app, 'settings.wrapperUrl', 'https://crm.example.com/softphone/wrapper.js');
    await fill(app, await addRow(app, 'Add presence id', 'settings.wrapperPresence').then((row) => `${row}.id`), 'd6afeaa7-39be-4935-981f-2670215fd887');
    await fill(app, 'settings.wrapperPresence[0].state', 'ready');
    await fill(app, await addRow(app, 'Add presence id', 'settings.wrapperPresence').then((row) => `${row}.id`), 'lunch-id');
    await fill(app, 'settings.wrapperPresence[1].state', 'not_ready:lunch');
    (await button(app, 'Save CRM and network')).click();
    await until('saved', () => deepText(app.shadowRoot!).includes('CRM and network settings saved.'));

    // Assert: the API has what the page showed.
    const { tenant } = (await adminApi<TenantBody>('GET', `/tenants/${tenantId}`)).body;
    expect(tenant.settings.wrapperUrl).to.equal('https://crm.example.com/softphone/wrapper.js');
    expect(tenant.settings.wrapperPresence).to.deep.equal({ 'd6afeaa7-39be-4935-981f-2670215fd887': 'ready', 'lunch-id': 'not_ready:lunch' });
  });
});
