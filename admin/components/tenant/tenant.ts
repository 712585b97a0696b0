import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { Tenant } from '../../admin-types.js';
import { consumeClient } from '../../context.js';
import { LoadController } from '../../controllers/load-controller.js';
import { define } from '../../define.js';
import type { AdminTenantChangedEvent } from '../../events.js';
import '../agents/agents.js';
import '../keys/keys.js';
import '../tenant-general/tenant-general.js';
import '../tenant-integration/tenant-integration.js';
import '../tenant-delete/tenant-delete.js';
import '../tenant-settings/tenant-settings.js';
import { shared } from '../shared.styles.js';

/**
 * @summary One tenant: its id and phone page address, then its settings, agents and API keys,
 * each in a section of its own with its own Save.
 */
export class RsAdminTenant extends LitElement {
  static override styles = [shared, css`dl { display: grid; grid-template-columns: auto 1fr; gap: 0.25rem 1rem; margin: 0; } dt { font-weight: 600; } dd { margin: 0; }`];
  static override properties = { tenantId: {}, canDelete: { type: Boolean } };
  declare tenantId: string;
  /** Offer Delete (an admin of all tenants). */
  declare canDelete: boolean;
  readonly #client = consumeClient(this);
  readonly #tenant = new LoadController<Tenant>(this, () => this.#client().tenant(this.tenantId));
  #focused = '';

  constructor() {
    super();
    this.tenantId = '';
    this.canDelete = false;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('tenantId') && this.tenantId) void this.#tenant.reload();
  }

  override render(): TemplateResult {
    const tenant = this.#tenant.value?.id === this.tenantId ? this.#tenant.value : undefined;
    if (!tenant) {
      return this.#tenant.error ? html`<p class="problem" role="alert">${this.#tenant.error}</p>` : html`<p class="hint">Loading tenant…</p>`;
    }
    const phonePage = new URL(`/t/${encodeURIComponent(tenant.id)}/widget/`, location.href).href;
    return html`
      <article aria-labelledby="tenant-heading" @rs-admin-tenant-changed=${this.#changed}>
        <h2 id="tenant-heading" tabindex="-1">${tenant.name}</h2>
        <dl>
          <dt>Tenant ID</dt>
          <dd><code data-tenant-id>${tenant.id}</code></dd>
          <dt>Phone page</dt>
          <dd><code>${phonePage}</code></dd>
          <dt>Created</dt>
          <dd>${new Date(tenant.createdAt).toLocaleString()}</dd>
        </dl>
        ${this.#tenant.error ? html`<p class="problem" role="alert">${this.#tenant.error}</p>` : nothing}
        <section><rs-admin-tenant-general .tenant=${tenant}></rs-admin-tenant-general></section>
        <section><rs-admin-tenant-settings .tenant=${tenant}></rs-admin-tenant-settings></section>
        <section><rs-admin-tenant-integration .tenant=${tenant}></rs-admin-tenant-integration></section>
        <rs-admin-agents tenantId=${tenant.id}></rs-admin-agents>
        <rs-admin-keys tenantId=${tenant.id}></rs-admin-keys>
        ${this.canDelete ? html`<section><rs-admin-tenant-delete .tenant=${tenant}></rs-admin-tenant-delete></section>` : nothing}
      </article>
    `;
  }

  /** Moves focus to the heading when another tenant is shown, as a page change would. */
  protected override updated(): void {
    const shown = this.#tenant.value?.id === this.tenantId ? this.tenantId : '';
    if (!shown || shown === this.#focused) return;
    this.#focused = shown;
    this.renderRoot.querySelector<HTMLElement>('#tenant-heading')?.focus();
  }

  /** A section saved: every section shows the tenant as the server now has it. */
  #changed(event: AdminTenantChangedEvent): void {
    this.#tenant.value = event.tenant;
    this.requestUpdate();
  }
}

define('rs-admin-tenant', RsAdminTenant);

declare global {
  interface HTMLElementTagNameMap {
    'rs-admin-tenant': RsAdminTenant;
  }
}
