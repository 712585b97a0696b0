import { LitElement, html, type TemplateResult } from 'lit';
import type { Tenant } from '../../admin-types.js';
import { consumeClient } from '../../context.js';
import { FormController } from '../../controllers/form-controller.js';
import { define } from '../../define.js';
import { AdminNavigateEvent, AdminStatusEvent, AdminTenantChangedEvent, type AdminRowsChangedEvent } from '../../events.js';
import { compact, under } from '../../field-errors.js';
import { ORIGIN_COLUMNS, ORIGINS_HINT } from '../../views/columns.js';
import { formProblem, textField } from '../../views/fields.js';
import '../key-reveal/key-reveal.js';
import '../rows/rows.js';
import type { Row } from '../rows/rows.js';
import { shared } from '../shared.styles.js';

/**
 * @summary The new-tenant form (name, allowed origins, optional SIP server). On success it
 * shows the tenant's first API key once, then opens the tenant.
 *
 * @fires rs-admin-tenant-changed - The tenant was created.
 * @fires rs-admin-navigate - Open the new tenant (after the key was shown), or go back.
 */
export class RsAdminTenantCreate extends LitElement {
  static override styles = shared;
  static override properties = { name: { state: true }, origins: { state: true }, sipDomain: { state: true }, sipWsUrl: { state: true }, created: { state: true } };
  declare name: string;
  declare origins: Row[];
  declare sipDomain: string;
  declare sipWsUrl: string;
  /** The tenant just created and its first key, until the admin has seen the key. */
  declare created: { tenant: Tenant; apiKey: string } | null;
  readonly #client = consumeClient(this);
  readonly #form = new FormController(this, (f) => ['name', 'sipDomain', 'sipWsUrl'].includes(f) || under('allowedOrigins')(f));

  constructor() {
    super();
    this.name = '';
    this.origins = [{ origin: '' }];
    this.sipDomain = '';
    this.sipWsUrl = '';
    this.created = null;
  }

  override render(): TemplateResult {
    if (this.created) {
      const { tenant, apiKey } = this.created;
      return html`<rs-admin-key-reveal
        heading="Tenant ${tenant.name} created: its first API key"
        .apiKey=${apiKey}
        @rs-admin-key-dismissed=${() => this.dispatchEvent(new AdminNavigateEvent({ page: 'tenant', tenantId: tenant.id }))}
      ></rs-admin-key-reveal>`;
    }
    const { errors, problem } = this.#form;
    return html`
      <form @submit=${this.#submit} novalidate aria-labelledby="create-heading">
        <h2 id="create-heading">New tenant</h2>
        ${textField({ name: 'name', label: 'Name', value: this.name, error: errors.at('name'), required: true, onInput: (v) => (this.name = v) })}
        <rs-admin-rows
          legend="Allowed origins"
          field="allowedOrigins"
          item="origin"
          scalar
          hint=${ORIGINS_HINT}
          .columns=${ORIGIN_COLUMNS}
          .rows=${this.origins}
          .errors=${errors}
          @rs-admin-rows-changed=${(e: AdminRowsChangedEvent) => (this.origins = e.rows)}
        ></rs-admin-rows>
        ${textField({ name: 'sipDomain', label: 'SIP domain', value: this.sipDomain, error: errors.at('sipDomain'), hint: 'Leave blank for the server’s default.', onInput: (v) => (this.sipDomain = v) })}
        ${textField({ name: 'sipWsUrl', label: 'SIP WebSocket URL', value: this.sipWsUrl, error: errors.at('sipWsUrl'), hint: 'wss://…; leave blank for the server’s default.', onInput: (v) => (this.sipWsUrl = v) })}
        ${formProblem(problem)}
        <div class="actions">
          <button class="primary" type="submit">Create tenant</button>
          <button type="button" @click=${() => this.dispatchEvent(new AdminNavigateEvent({ page: 'tenants' }))}>Cancel</button>
        </div>
      </form>
    `;
  }

  override firstUpdated(): void {
    this.renderRoot.querySelector<HTMLInputElement>('input[name="name"]')?.focus();
  }

  async #submit(event: Event): Promise<void> {
    event.preventDefault();
    const origins = compact(this.origins, (row) => !row.origin?.trim());
    const created = await this.#form.submit(
      () =>
        this.#client().createTenant({
          name: this.name.trim(),
          allowedOrigins: origins.values.map((row) => row.origin!.trim()),
          ...(this.sipDomain.trim() ? { sipDomain: this.sipDomain.trim() } : {}),
          ...(this.sipWsUrl.trim() ? { sipWsUrl: this.sipWsUrl.trim() } : {}),
        }),
      { remap: (errors) => errors.remap('allowedOrigins', origins.rowOf) },
    );
    if (!created) return;
    this.created = { tenant: created.tenant, apiKey: created.apiKey };
    this.dispatchEvent(new AdminTenantChangedEvent(created.tenant));
    this.dispatchEvent(new AdminStatusEvent(`Tenant ${created.tenant.name} created.`));
  }
}

define('rs-admin-tenant-create', RsAdminTenantCreate);

declare global {
  interface HTMLElementTagNameMap {
    'rs-admin-tenant-create': RsAdminTenantCreate;
  }
}
