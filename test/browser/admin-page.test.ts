import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { RsAdminApp } from '../../admin/components/app/app.js';
import {
  adminApi,
  addRow,
  adminLogout,
  button,
  deepActive,
  deepAll,
  deepText,
  describedText,
  enterIn,
  field,
  fill,
  logIn,
  mintWithKey,
  mountAdmin,
  mountPhoneAt,
  nameOf,
  tenantPhonePage,
  unique,
  until,
} from '../support/admin-page.js';
import { mountPhone, unmountAll, waitForAudio, waitForRegistration } from '../support/phone.js';

interface TenantBody {
  tenant: { id: string; name: string; allowedOrigins: string[]; sipDomain: string; sipWsUrl: string; settings: Record<string, unknown> };
}

/** Creates a tenant in the page (New tenant, name, one origin, Enter); returns its id and the key the page showed. */
async function createTenantInPage(app: RsAdminApp, name: string, origin: string): Promise<{ tenantId: string; firstKey: string }> {
  (await button(app, 'New tenant')).click();
  await button(app, 'Create tenant');
  await fill(app, 'name', name);
  const originInput = await fill(app, 'allowedOrigins[0]', origin);
  await enterIn(originInput);
  const firstKey = (await until('the first key shown', () => deepAll<HTMLInputElement>(app, 'input[name="apiKey"]')[0]?.value)) as string;
  expect(deepText(app.shadowRoot!)).to.include('You will not see it again');
  (await button(app, 'I have copied it')).click();
  const tenantId = await until('the tenant page', () => deepAll(app, '[data-tenant-id]')[0]?.textContent?.trim());
  return { tenantId, firstKey };
}

describe('admin page', () => {
  beforeEach(() => adminLogout());
  afterEach(() => unmountAll());

  it('refuses a wrong password with a message, then logs in with Enter', async () => {
    const app = await mountAdmin();
    const username = await field(app, 'username');
    await until('focus in the username field', () => deepActive() === username);

    await fill(app, 'username', 'admin');
    await enterIn(await fill(app, 'password', 'not-the-password'));

    const alert = await until('the refusal', () => deepAll(app, '[role="alert"]').find((a) => a.textContent?.trim()));
    expect(alert.textContent).to.include('The username or password is wrong.');
    const password = await field(app, 'password');
    expect(password.value).to.equal('');
    expect(deepActive()).to.equal(password);

    await logIn(app);
    expect(deepAll(app, 'rs-admin-login')).to.have.length(0);
    expect(deepAll(app, 'button').map(nameOf)).to.include.members(['Log out', 'New tenant']);
    await until('the dev tenant in the list', () => deepText(app.shadowRoot!).includes('Development'));
  });

  it('creates a tenant, an agent and a key in the page; the key mints a token; the agent logs in and calls with audio; the tenant’s phone page is framed by its origin only', async () => {
    const app = await mountAdmin();
    await logIn(app);

    // Arrange: a tenant whose allowed origin is this test page's, made in the page.
    const { tenantId, firstKey } = await createTenantInPage(app, `Acme ${unique()}`, 'http://localhost:8000');
    expect(firstKey).to.match(/^rsk_/);
    const created = await adminApi<TenantBody>('GET', `/tenants/${tenantId}`);
    const dev = await adminApi<TenantBody>('GET', '/tenants/dev');
    expect(created.body.tenant.allowedOrigins).to.deep.equal(['http://localhost:8000']);
    // Both phones must be on the same PBX: the new tenant gets the server's SIP defaults, as dev does.
    expect(created.body.tenant.sipDomain).to.equal(dev.body.tenant.sipDomain);
    expect(created.body.tenant.sipWsUrl).to.equal(dev.body.tenant.sipWsUrl);

    // Act: an agent, then a second key, through the page's forms.
    (await button(app, 'Add agent')).click();
    await fill(app, 'userId', '7001');
    await fill(app, 'extension', '7001');
    await enterIn(await fill(app, 'displayName', 'Ada Admin-Made'));
    await button(app, 'Edit agent 7001');
    await fill(app, 'label', 'CRM backend');
    (await button(app, 'Create key')).click();
    const secondKey = await until('the second key shown', () => deepAll<HTMLInputElement>(app, 'input[name="apiKey"]')[0]?.value);
    await until('both keys listed', () => deepText(app.shadowRoot!).includes('first key') && deepText(app.shadowRoot!).includes('CRM backend'));

    // Assert: both keys the page showed are real; the second mints the agent's login token.
    expect(secondKey).to.match(/^rsk_/).and.not.equal(firstKey);
    expect((await mintWithKey(firstKey, '7001')).status).to.equal(200);
    const minted = await mintWithKey(secondKey, '7001');
    expect(minted.status, JSON.stringify(minted)).to.equal(200);

    // The tenant's phone page may be framed by this page (the tenant's origin) and by no other.
    const page = await fetch(new URL(tenantPhonePage(tenantId)).pathname);
    expect(page.status).to.equal(200);
    expect(page.headers.get('content-security-policy')).to.equal("frame-ancestors 'self' http://localhost:8000");

    // Act: the agent logs in with the token and calls dev user 1002.
    const agent = mountPhoneAt(tenantPhonePage(tenantId), minted.token!);
    await waitForRegistration(agent.log, 'registered');
    const callee = await mountPhone('1002');
    await agent.phone.dial('1002');
    const ringing = await callee.log.next('OnIncomingCallRinging');
    await callee.phone.answer();
    await agent.log.next('OnOutgoingCallAnswered');

    // Assert: the far end saw the new agent, and audio flows both ways.
    expect(ringing.data.call.remoteNumber).to.equal('7001');
    expect((await waitForAudio(agent.phone)).bytesReceived).to.be.greaterThan(0);
    expect((await waitForAudio(callee.phone)).bytesReceived).to.be.greaterThan(0);
    await agent.phone.hangUp();
    await callee.log.next('OnIncomingCallHangup');
  });

  it('shows the API’s validation errors at their fields, linked for screen readers, and focuses the first', async () => {
    const app = await mountAdmin();
    await logIn(app);
    (await button(app, 'New tenant')).click();
    await button(app, 'Create tenant');
    await fill(app, 'name', `Bad origins ${unique()}`);
    await fill(app, 'allowedOrigins[0]', 'javascript:alert(1)');
    for (const origin of ['https://ok.example.com', '', 'https://crm.example.com/path']) {
      await fill(app, await addRow(app, 'Add origin', 'allowedOrigins'), origin);
    }

    (await button(app, 'Create tenant')).click();

    // Rows 0 and 3 are refused; the blank row 2 was not sent, so the API's item 2 is row 3.
    const first = await field(app, 'allowedOrigins[0]');
    await until('the origin marked invalid', () => first.getAttribute('aria-invalid') === 'true');
    const message = 'an origin like https://crm.example.com (scheme, host and port only)';
    expect(describedText(first)).to.include(message);
    expect((await field(app, 'allowedOrigins[3]')).getAttribute('aria-invalid')).to.equal('true');
    expect(describedText(await field(app, 'allowedOrigins[3]'))).to.include(message);
    expect((await field(app, 'allowedOrigins[1]')).getAttribute('aria-invalid')).to.equal('false');
    expect(deepActive()).to.equal(first);
    await until('the live region', () => deepAll(app, '[role="status"]').some((s) => s.textContent?.includes('Not saved: 2 fields need a change.')));

    // A refused setting in a list of code + label rows: the message is at that row's code.
    await fill(app, 'allowedOrigins[0]', 'http://localhost:8000');
    await fill(app, 'allowedOrigins[3]', 'https://crm.example.com');
    (await button(app, 'Create tenant')).click();
    (await button(app, 'I have copied it')).click();
    expect(await addRow(app, 'Add disposition', 'settings.dispositionCodes')).to.equal('settings.dispositionCodes[2]');
    await fill(app, 'settings.dispositionCodes[2].code', 'not ok!');
    await enterIn(await fill(app, 'settings.dispositionCodes[2].label', 'Bad'));
    const code = await field(app, 'settings.dispositionCodes[2].code');
    await until('the code marked invalid', () => code.getAttribute('aria-invalid') === 'true');
    expect(describedText(code)).to.include('letters, digits, "_", "." or "-", 1 to 32');
    expect(deepActive()).to.equal(code);
  });

  it('edits a tenant’s settings, an agent and keys, and the API has what the page showed', async () => {
    const app = await mountAdmin();
    await logIn(app);
    const { tenantId } = await createTenantInPage(app, `Edit me ${unique()}`, 'https://crm.example.com');
    const userId = `u${unique()}`;
    (await button(app, 'Add agent')).click();
    await fill(app, 'userId', userId);
    await fill(app, 'extension', userId);
    await enterIn(await fill(app, 'displayName', 'Before'));
    await button(app, `Edit agent ${userId}`);

    // Act: name and a second origin; REFER policy, a reason, after-call work; a URL trigger.
    await fill(app, 'name', 'Renamed tenant');
    await fill(app, await addRow(app, 'Add origin', 'allowedOrigins'), 'https://crm2.example.com');
    (await button(app, 'Save name, origins and SIP server')).click();
    await until('saved', () => deepText(app.shadowRoot!).includes('Name, origins and SIP server saved.'));

    const policy = await field<HTMLSelectElement>(app, 'settings.referPolicy');
    policy.value = 'ask';
    policy.dispatchEvent(new Event('change'));
    expect(await addRow(app, 'Add reason', 'settings.notReadyReasons')).to.equal('settings.notReadyReasons[3]');
    await fill(app, 'settings.notReadyReasons[3].code', 'training');
    await fill(app, 'settings.notReadyReasons[3].label', 'Training');
    (await button(app, 'Remove reason 2')).click();
    await fill(app, 'settings.afterCallWork.maxSeconds', '45');
    const require = await field(app, 'settings.afterCallWork.requireDisposition');
    require.click();
    (await button(app, 'Save agent work')).click();
    await until('saved', () => deepText(app.shadowRoot!).includes('Agent work settings saved.'));

    await addRow(app, 'Add trigger', 'settings.urlTriggers');
    await fill(app, 'settings.urlTriggers[0].event', 'OnIncomingCallRinging');
    await fill(app, 'settings.urlTriggers[0].url', 'https://crm.example.com/find?phone=<%CALLERID%>');
    const target = await field<HTMLSelectElement>(app, 'settings.urlTriggers[0].target');
    target.value = 'reuse';
    target.dispatchEvent(new Event('change'));
    (await button(app, 'Save CRM and network')).click();
    await until('saved', () => deepText(app.shadowRoot!).includes('CRM and network settings saved.'));

    // Act: the agent gets a new name and a password and is disabled; a key is revoked after confirming.
    (await button(app, `Edit agent ${userId}`)).click();
    await fill(app, 'displayName', 'After');
    await fill(app, 'password', 'a-long-enough-password');
    (await field(app, 'enabled')).click();
    (await button(app, 'Save agent')).click();
    await until('agent saved', () => deepText(app.shadowRoot!).includes(`Agent ${userId} saved.`));
    (await button(app, /^Revoke key first key \(rsk_/)).click();
    await until('the confirmation dialog', () => deepAll<HTMLDialogElement>(app, 'dialog')[0]?.open);
    (await button(app, 'Revoke key')).click();
    await until('revoked', () => deepText(app.shadowRoot!).includes('Key first key revoked.'));

    // Assert: what the page saved is what the API now has.
    const { tenant } = (await adminApi<TenantBody>('GET', `/tenants/${tenantId}`)).body;
    expect(tenant.name).to.equal('Renamed tenant');
    expect(tenant.allowedOrigins).to.deep.equal(['https://crm.example.com', 'https://crm2.example.com']);
    expect(tenant.settings.referPolicy).to.equal('ask');
    expect(tenant.settings.notReadyReasons).to.deep.equal([
      { code: 'break', label: 'Break' },
      { code: 'meeting', label: 'Meeting' },
      { code: 'training', label: 'Training' },
    ]);
    expect(tenant.settings.afterCallWork).to.deep.equal({ enabled: true, maxSeconds: 45, requireDisposition: true });
    expect(tenant.settings.urlTriggers).to.deep.equal([{ event: 'OnIncomingCallRinging', url: 'https://crm.example.com/find?phone=<%CALLERID%>', target: 'reuse' }]);
    const { agents } = (await adminApi<{ agents: { userId: string; displayName: string; enabled: boolean; hasPassword: boolean }[] }>('GET', `/tenants/${tenantId}/agents`)).body;
    const edited = agents.find((a) => a.userId === userId);
    expect({ displayName: edited?.displayName, enabled: edited?.enabled, hasPassword: edited?.hasPassword }).to.deep.equal({ displayName: 'After', enabled: false, hasPassword: true });
    const { keys } = (await adminApi<{ keys: { label: string; revokedAt: string | null }[] }>('GET', `/tenants/${tenantId}/keys`)).body;
    expect(keys.find((k) => k.label === 'first key')?.revokedAt).to.be.a('string');
  });

  it('shows the phone’s call settings, refuses a ring out of range at its field, and saves what the page shows', async () => {
    const app = await mountAdmin();
    await logIn(app);
    const { tenantId } = await createTenantInPage(app, `Calls ${unique()}`, 'https://crm.example.com');

    // Arrange: a new tenant's defaults are what the form shows.
    const ring = await field(app, 'settings.ringTimeoutSeconds');
    const autoAnswer = await field(app, 'settings.allowAutoAnswer');
    const dtmf = await field<HTMLSelectElement>(app, 'settings.dtmfMode');
    expect([ring.value, autoAnswer.checked, dtmf.value]).to.deep.equal(['45', true, 'rfc4733']);

    // Act: a ring too short is refused at its field.
    await fill(app, 'settings.ringTimeoutSeconds', '3');
    (await button(app, 'Save agent work')).click();
    await until('the ring marked invalid', () => ring.getAttribute('aria-invalid') === 'true');
    expect(describedText(ring)).to.include('a whole number of seconds from 5 to 300');
    expect(deepActive()).to.equal(ring);

    // Act: good values, saved.
    await fill(app, 'settings.ringTimeoutSeconds', '20');
    autoAnswer.click();
    dtmf.value = 'info';
    dtmf.dispatchEvent(new Event('change'));
    (await button(app, 'Save agent work')).click();
    await until('saved', () => deepText(app.shadowRoot!).includes('Agent work settings saved.'));

    // Assert: the API has what the page showed, and the page still shows it.
    const { tenant } = (await adminApi<TenantBody>('GET', `/tenants/${tenantId}`)).body;
    expect([tenant.settings.ringTimeoutSeconds, tenant.settings.allowAutoAnswer, tenant.settings.dtmfMode]).to.deep.equal([20, false, 'info']);
    expect(ring.getAttribute('aria-invalid')).to.equal('false');
    expect([(await field(app, 'settings.ringTimeoutSeconds')).value, (await field(app, 'settings.allowAutoAnswer')).checked]).to.deep.equal(['20', false]);
  });

  it('keeps call history for the days the page shows: 30 for a new tenant, refuses 0 at its field, saves 7', async () => {
    const app = await mountAdmin();
    await logIn(app);
    const { tenantId } = await createTenantInPage(app, `History ${unique()}`, 'https://crm.example.com');
    const days = await field(app, 'settings.historyDays');
    expect(days.value).to.equal('30');

    await fill(app, 'settings.historyDays', '0');
    (await button(app, 'Save agent work')).click();
    await until('the days marked invalid', () => days.getAttribute('aria-invalid') === 'true');
    expect(describedText(days)).to.include('a whole number of days from 1 to 365');

    await fill(app, 'settings.historyDays', '7');
    (await button(app, 'Save agent work')).click();
    await until('saved', () => deepText(app.shadowRoot!).includes('Agent work settings saved.'));
    const { tenant } = (await adminApi<TenantBody>('GET', `/tenants/${tenantId}`)).body;
    expect(tenant.settings.historyDays).to.equal(7);
  });

  it('is usable from the keyboard alone: Tab reaches every control, every control has a name, axe finds nothing', async () => {
    const app = await mountAdmin();
    await expect(app).to.be.accessible();
    await logIn(app);
    await createTenantInPage(app, `Keyboard ${unique()}`, 'https://crm.example.com');
    await button(app, 'Add agent');
    await until('keys loaded', () => deepText(app.shadowRoot!).includes('first key'));
    // A URL trigger with every control showing (a background POST with a body), one field refused as typed.
    const trigger = await addRow(app, 'Add trigger', 'settings.urlTriggers');
    const target = await field<HTMLSelectElement>(app, `${trigger}.target`);
    target.value = 'background';
    target.dispatchEvent(new Event('change'));
    const kind = await field<HTMLSelectElement>(app, `${trigger}.bodyKind`);
    kind.value = 'json';
    kind.dispatchEvent(new Event('change'));
    await until('the body field', () => deepAll(app, 'textarea').length === 1);
    await fill(app, `${trigger}.event`, 'inbound.hangup');
    const url = await fill(app, `${trigger}.url`, 'javascript:alert(1)');
    await until('the URL refused as typed', () => url.getAttribute('aria-invalid') === 'true');
    expect(describedText(url)).to.include('(scheme_not_allowed)');

    const controls = deepAll(app, 'input, select, button, textarea, a[href]').filter((c) => !c.closest('dialog') && !(c as HTMLButtonElement).disabled);
    const reached = new Set<Element>();
    (document.activeElement as HTMLElement | null)?.blur();
    for (let i = 0; i < controls.length + 5; i++) {
      await sendKeys({ press: 'Tab' });
      const active = deepActive();
      if (active) reached.add(active);
    }

    expect(controls.filter((c) => !reached.has(c)).map((c) => c.getAttribute('name') ?? nameOf(c))).to.deep.equal([]);
    expect(controls.filter((c) => c instanceof HTMLTextAreaElement || c instanceof HTMLSelectElement).length).to.be.greaterThan(5);
    const unnamed = controls.filter((c) => (c instanceof HTMLButtonElement ? !nameOf(c) : !(c as HTMLInputElement).labels?.length));
    expect(unnamed.map((c) => c.outerHTML.slice(0, 80))).to.deep.equal([]);
    await expect(app).to.be.accessible();
  });

  it('deletes a tenant only after the admin confirms', async () => {
    const app = await mountAdmin();
    await logIn(app);
    const name = `Doomed ${unique()}`;
    const { tenantId } = await createTenantInPage(app, name, 'https://crm.example.com');

    (await button(app, `Delete tenant ${name}`)).click();
    const dialog = await until('the confirmation', () => deepAll<HTMLDialogElement>(app, 'dialog').find((d) => d.open));
    expect(nameOf(deepActive()!)).to.equal('Keep tenant');
    (await button(app, 'Keep tenant')).click();
    expect(dialog.open).to.equal(false);
    expect((await adminApi('GET', `/tenants/${tenantId}`)).status).to.equal(200);

    (await button(app, `Delete tenant ${name}`)).click();
    (await button(app, 'Delete tenant')).click();

    const list = deepAll(app, 'rs-admin-tenant-list')[0]!;
    await until('back at the list, without the tenant', () => deepText(app.shadowRoot!).includes('Choose a tenant') && !deepText(list.shadowRoot!).includes(name));
    expect(deepText(app.shadowRoot!)).to.include(`Tenant ${name} deleted.`);
    expect((await adminApi('GET', `/tenants/${tenantId}`)).status).to.equal(404);
    expect(nameOf(deepActive()!)).to.equal('Choose a tenant');
  });

  it('shows a tenant admin only their tenant, without New tenant', async () => {
    const app = await mountAdmin();
    await logIn(app);
    const { tenantId } = await createTenantInPage(app, `Scoped ${unique()}`, 'https://crm.example.com');
    const username = `ta-${unique()}`;
    expect((await adminApi('POST', '/admins', { username, password: 'tenant-admin-password', tenantId })).status).to.equal(201);
    (await button(app, 'Log out')).click();

    await logIn(app, { username, password: 'tenant-admin-password' });

    await until('their tenant', () => deepAll(app, '[data-tenant-id]')[0]?.textContent?.trim() === tenantId);
    const names = deepAll(app, 'button').map(nameOf);
    expect(names).not.to.include('New tenant');
    expect(names.filter((n) => n.startsWith('Delete tenant'))).to.deep.equal([]);
    expect(deepAll(app, 'rs-admin-tenant-list')).to.have.length(0);
  });
});
