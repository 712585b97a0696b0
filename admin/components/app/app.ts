import { ContextProvider } from '@lit/context';
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { AdminClient, AdminSignedOutEvent } from '../../admin-client.js';
import type { Admin, Tenant } from '../../admin-types.js';
import { adminClientContext } from '../../context.js';
import { LoadController } from '../../controllers/load-controller.js';
import { define } from '../../define.js';
import { AdminNavigateEvent, AdminSignedInEvent, AdminStatusEvent, AdminTenantChangedEvent, AdminTenantDeletedEvent, type AdminView } from '../../events.js';
import { explain } from '../../explain.js';
import '../login/login.js';
import '../tenant/tenant.js';
import '../tenant-create/tenant-create.js';
import '../tenant-list/tenant-list.js';
import { styles } from './app.styles.js';

/**
 * @summary The admin page: login, then tenants (an admin of all tenants) or the admin's own
 * tenant. Provides the admin API client to every view, owns which view is shown, and keeps
 * one live region where views announce what they did.
 */
export class RsAdminApp extends LitElement {
  static override styles = styles;
  static override properties = { admin: { state: true }, view: { state: true }, status: { state: true } };
  /** Undefined while the page asks whether a session exists; null when logged out. */
  declare admin: Admin | null | undefined;
  declare view: AdminView;
  declare status: string;
  readonly client = new AdminClient();
  readonly #tenants = new LoadController<Tenant[]>(this, () => this.client.tenants());

  constructor() {
    super();
    this.admin = undefined;
    this.view = { page: 'tenants' };
    this.status = '';
    new ContextProvider(this, { context: adminClientContext, initialValue: this.client });
    this.client.addEventListener(AdminSignedOutEvent.eventName, () => this.#signedOut('Your session has ended. Log in again.'));
    this.addEventListener(AdminSignedInEvent.eventName, (e) => this.#signedIn(e.admin));
    this.addEventListener(AdminNavigateEvent.eventName, (e) => this.#navigate(e.view));
    this.addEventListener(AdminTenantChangedEvent.eventName, () => void this.#tenants.reload());
    this.addEventListener(AdminTenantDeletedEvent.eventName, () => void this.#deleted());
    this.addEventListener(AdminStatusEvent.eventName, (e) => void this.#announce(e.message));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.admin !== undefined) return;
    this.client.me().then(
      (admin) => (admin ? this.#signedIn(admin) : (this.admin = null)),
      (error: unknown) => {
        this.admin = null;
        void this.#announce(explain(error));
      },
    );
  }

  override render(): TemplateResult {
    const admin = this.admin;
    return html`
      <header>
        <h1>Ringside admin</h1>
        ${admin
          ? html`<p class="who">Logged in as <strong>${admin.username}</strong>${admin.tenantId ? html` (tenant <code>${admin.tenantId}</code>)` : ' (all tenants)'}</p>
              <button type="button" @click=${this.#logout}>Log out</button>`
          : nothing}
      </header>
      <div class="layout">
        ${admin && admin.tenantId === null
          ? html`<nav aria-label="Tenants">
              <rs-admin-tenant-list
                .tenants=${this.#tenants.value ?? []}
                current=${this.view.page === 'tenant' ? this.view.tenantId : ''}
                ?loading=${this.#tenants.loading}
                error=${this.#tenants.error}
              ></rs-admin-tenant-list>
            </nav>`
          : nothing}
        <main>${this.#main(admin)}</main>
      </div>
      <p class="status" role="status">${this.status}</p>
    `;
  }

  #main(admin: Admin | null | undefined): TemplateResult {
    if (admin === undefined) return html`<p>Loading…</p>`;
    if (admin === null) return html`<rs-admin-login></rs-admin-login>`;
    switch (this.view.page) {
      case 'tenant':
        return html`<rs-admin-tenant tenantId=${this.view.tenantId} ?canDelete=${admin.tenantId === null}></rs-admin-tenant>`;
      case 'new-tenant':
        return html`<rs-admin-tenant-create></rs-admin-tenant-create>`;
      case 'tenants':
        return html`<h2 tabindex="-1">Choose a tenant</h2>
          <p>Open a tenant from the list, or create one with New tenant.</p>`;
    }
  }

  #signedIn(admin: Admin): void {
    this.admin = admin;
    this.view = admin.tenantId ? { page: 'tenant', tenantId: admin.tenantId } : { page: 'tenants' };
    if (admin.tenantId === null) void this.#tenants.reload();
  }

  #signedOut(message: string): void {
    this.admin = null;
    this.#tenants.value = undefined;
    void this.#announce(message);
  }

  #navigate(view: AdminView): void {
    // A tenant admin has one tenant; nothing else to go to.
    if (this.admin?.tenantId) return;
    this.view = view;
  }

  /** Back to the list, with focus on its heading (the control that had it is gone). */
  async #deleted(): Promise<void> {
    this.view = { page: 'tenants' };
    void this.#tenants.reload();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('main h2')?.focus();
  }

  async #logout(): Promise<void> {
    try {
      await this.client.logout();
      this.#signedOut('Logged out.');
    } catch (error) {
      void this.#announce(explain(error));
    }
  }

  /** Clears the region first, so the same message twice is announced twice. */
  async #announce(message: string): Promise<void> {
    this.status = '';
    await this.updateComplete;
    this.status = message;
  }
}

define('rs-admin-app', RsAdminApp);

declare global {
  interface HTMLElementTagNameMap {
    'rs-admin-app': RsAdminApp;
  }
}
