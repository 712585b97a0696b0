import { LitElement, css, html, type TemplateResult } from 'lit';
import type { Tenant } from '../../admin-types.js';
import { consumeClient } from '../../context.js';
import { define } from '../../define.js';
import { AdminStatusEvent, AdminTenantDeletedEvent } from '../../events.js';
import { explain } from '../../explain.js';
import { formProblem } from '../../views/fields.js';
import { shared } from '../shared.styles.js';

/**
 * @summary Deletes a tenant after a confirmation dialog (focus starts on Keep). For
 * admins of all tenants; the tenant's agents, keys and admins go with it.
 *
 * @fires rs-admin-tenant-deleted - The tenant is gone.
 */
export class RsAdminTenantDelete extends LitElement {
  static override styles = [shared, css`dialog { border: 1px solid var(--_border); border-radius: var(--_radius); max-width: 32rem; } dialog::backdrop { background: rgb(0 0 0 / 0.4); }`];
  static override properties = { tenant: { attribute: false }, problem: { state: true } };
  declare tenant: Tenant | undefined;
  declare problem: string;
  readonly #client = consumeClient(this);

  constructor() {
    super();
    this.tenant = undefined;
    this.problem = '';
  }

  override render(): TemplateResult {
    const name = this.tenant?.name ?? '';
    return html`
      <h3>Delete</h3>
      <div class="actions"><button type="button" class="danger" @click=${this.#confirm}>Delete tenant ${name}</button></div>
      <dialog aria-labelledby="delete-heading">
        <h4 id="delete-heading">Delete tenant ${name}?</h4>
        <p>Its agents, API keys, admins and settings are removed, and its phones can no longer log in. This cannot be undone.</p>
        ${formProblem(this.problem)}
        <div class="actions">
          <button type="button" class="danger" @click=${this.#delete}>Delete tenant</button>
          <button type="button" class="keep" @click=${() => this.#dialog()?.close()}>Keep tenant</button>
        </div>
      </dialog>
    `;
  }

  #dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog');
  }

  #confirm(): void {
    this.problem = '';
    this.#dialog()?.showModal();
    // Keeping the tenant is the default: focus starts on it, not on the first (destructive) button.
    this.renderRoot.querySelector<HTMLElement>('dialog .keep')?.focus();
  }

  async #delete(): Promise<void> {
    const tenant = this.tenant;
    if (!tenant) return;
    try {
      await this.#client().deleteTenant(tenant.id);
    } catch (error) {
      this.problem = explain(error);
      return;
    }
    this.#dialog()?.close();
    this.dispatchEvent(new AdminTenantDeletedEvent(tenant.id));
    this.dispatchEvent(new AdminStatusEvent(`Tenant ${tenant.name} deleted.`));
  }
}

define('rs-admin-tenant-delete', RsAdminTenantDelete);

declare global {
  interface HTMLElementTagNameMap {
    'rs-admin-tenant-delete': RsAdminTenantDelete;
  }
}
