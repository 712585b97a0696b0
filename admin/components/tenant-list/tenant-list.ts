import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import type { Tenant } from '../../admin-types.js';
import { define } from '../../define.js';
import { AdminNavigateEvent } from '../../events.js';
import { shared } from '../shared.styles.js';

/**
 * @summary The tenants an admin of all tenants can open, and New tenant. The tenant shown is
 * marked with aria-current.
 *
 * @fires rs-admin-navigate - Open a tenant, or the new-tenant form.
 */
export class RsAdminTenantList extends LitElement {
  static override styles = [
    shared,
    css`
      ul { list-style: none; margin: 0 0 0.75rem; padding: 0; display: grid; gap: 0.25rem; }
      li button { width: 100%; text-align: left; border-color: transparent; }
      li button[aria-current='page'] { border-color: var(--_accent); font-weight: 600; }
      .id { display: block; font-size: 0.8rem; color: var(--_muted); }
    `,
  ];
  static override properties = { tenants: { attribute: false }, current: {}, loading: { type: Boolean }, error: {} };
  declare tenants: Tenant[];
  /** The id of the tenant shown, or '' (none, or the new-tenant form). */
  declare current: string;
  declare loading: boolean;
  declare error: string;

  constructor() {
    super();
    this.tenants = [];
    this.current = '';
    this.loading = false;
    this.error = '';
  }

  override render(): TemplateResult {
    const go = (event: AdminNavigateEvent) => this.dispatchEvent(event);
    return html`
      <h2 id="tenants-heading">Tenants</h2>
      ${this.error ? html`<p class="problem" role="alert">${this.error}</p>` : nothing}
      ${this.tenants.length
        ? html`<ul aria-labelledby="tenants-heading">
            ${this.tenants.map(
              (tenant) => html`<li>
                <button type="button" aria-current=${this.current === tenant.id ? 'page' : 'false'} @click=${() => go(new AdminNavigateEvent({ page: 'tenant', tenantId: tenant.id }))}>
                  ${tenant.name} <span class="id">${tenant.id}</span>
                </button>
              </li>`,
            )}
          </ul>`
        : html`<p class="hint">${this.loading ? 'Loading tenants…' : 'No tenants yet.'}</p>`}
      <button type="button" class="primary" @click=${() => go(new AdminNavigateEvent({ page: 'new-tenant' }))}>New tenant</button>
    `;
  }
}

define('rs-admin-tenant-list', RsAdminTenantList);

declare global {
  interface HTMLElementTagNameMap {
    'rs-admin-tenant-list': RsAdminTenantList;
  }
}
