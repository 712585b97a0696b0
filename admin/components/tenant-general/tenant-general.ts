import { LitElement, html, type PropertyValues, type TemplateResult } from 'lit';
import type { Tenant } from '../../admin-types.js';
import { consumeClient } from '../../context.js';
import { FormController } from '../../controllers/form-controller.js';
import { define } from '../../define.js';
import { AdminStatusEvent, AdminTenantChangedEvent, type AdminRowsChangedEvent } from '../../events.js';
import { compact, under } from '../../field-errors.js';
import { ORIGIN_COLUMNS, ORIGINS_HINT } from '../../views/columns.js';
import { formProblem, textField } from '../../views/fields.js';
import '../rows/rows.js';
import type { Row } from '../rows/rows.js';
import { shared } from '../shared.styles.js';

/**
 * @summary A tenant's name, allowed origins and SIP server, saved together.
 *
 * @fires rs-admin-tenant-changed - Saved; carries the tenant as the server now has it.
 */
export class RsAdminTenantGeneral extends LitElement {
  static override styles = shared;
  static override properties = { tenant: { attribute: false }, name: { state: true }, origins: { state: true }, sipDomain: { state: true }, sipWsUrl: { state: true } };
  declare tenant: Tenant | undefined;
  declare name: string;
  declare origins: Row[];
  declare sipDomain: string;
  declare sipWsUrl: string;
  readonly #client = consumeClient(this);
  readonly #form = new FormController(this, (f) => ['name', 'sipDomain', 'sipWsUrl'].includes(f) || under('allowedOrigins')(f));

  constructor() {
    super();
    this.tenant = undefined;
    this.name = '';
    this.origins = [];
    this.sipDomain = '';
    this.sipWsUrl = '';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Another tenant replaces the draft; a save in another section (same tenant, new object) keeps what is typed here.
    if (!changed.has('tenant') || !this.tenant || changed.get('tenant')?.id === this.tenant.id) return;
    this.#reset(this.tenant);
  }

  #reset(tenant: Tenant): void {
    this.name = tenant.name;
    this.origins = tenant.allowedOrigins.map((origin) => ({ origin }));
    this.sipDomain = tenant.sipDomain;
    this.sipWsUrl = tenant.sipWsUrl;
    this.#form.clear();
  }

  override render(): TemplateResult {
    const { errors, problem } = this.#form;
    return html`
      <form @submit=${this.#submit} novalidate aria-labelledby="general-heading">
        <h3 id="general-heading">Name, origins and SIP server</h3>
        ${textField({ name: 'name', label: 'Tenant name', value: this.name, error: errors.at('name'), required: true, onInput: (v) => (this.name = v) })}
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
        ${textField({ name: 'sipDomain', label: 'SIP domain', value: this.sipDomain, error: errors.at('sipDomain'), onInput: (v) => (this.sipDomain = v) })}
        ${textField({ name: 'sipWsUrl', label: 'SIP WebSocket URL', value: this.sipWsUrl, error: errors.at('sipWsUrl'), hint: 'Where the tenant’s phones register: wss://…', onInput: (v) => (this.sipWsUrl = v) })}
        ${formProblem(problem)}
        <div class="actions"><button class="primary" type="submit">Save name, origins and SIP server</button></div>
      </form>
    `;
  }

  async #submit(event: Event): Promise<void> {
    event.preventDefault();
    const tenant = this.tenant;
    if (!tenant) return;
    const origins = compact(this.origins, (row) => !row.origin?.trim());
    const saved = await this.#form.submit(
      () =>
        this.#client().updateTenant(tenant.id, {
          name: this.name.trim(),
          allowedOrigins: origins.values.map((row) => row.origin!.trim()),
          sipDomain: this.sipDomain.trim(),
          sipWsUrl: this.sipWsUrl.trim(),
        }),
      { remap: (errors) => errors.remap('allowedOrigins', origins.rowOf) },
    );
    if (!saved) return;
    this.#reset(saved);
    this.dispatchEvent(new AdminTenantChangedEvent(saved));
    this.dispatchEvent(new AdminStatusEvent('Name, origins and SIP server saved.'));
  }
}

define('rs-admin-tenant-general', RsAdminTenantGeneral);

declare global {
  interface HTMLElementTagNameMap {
    'rs-admin-tenant-general': RsAdminTenantGeneral;
  }
}
