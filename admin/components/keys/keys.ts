import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { ApiKeyInfo } from '../../admin-types.js';
import { consumeClient } from '../../context.js';
import { FormController } from '../../controllers/form-controller.js';
import { LoadController } from '../../controllers/load-controller.js';
import { define } from '../../define.js';
import { AdminStatusEvent } from '../../events.js';
import { explain } from '../../explain.js';
import { formProblem, textField } from '../../views/fields.js';
import '../key-reveal/key-reveal.js';
import { shared } from '../shared.styles.js';

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : 'Never');

/**
 * @summary A tenant's API keys: create one with a label (shown once), list them by label and
 * prefix, and revoke one after a confirmation dialog.
 */
export class RsAdminKeys extends LitElement {
  static override styles = [shared, css`dialog { border: 1px solid var(--_border); border-radius: var(--_radius); max-width: 32rem; } dialog::backdrop { background: rgb(0 0 0 / 0.4); }`];
  static override properties = { tenantId: {}, label: { state: true }, newKey: { state: true }, revoking: { state: true }, revokeProblem: { state: true } };
  declare tenantId: string;
  declare label: string;
  /** A key just created, until the admin has seen it. */
  declare newKey: string;
  /** The key the confirmation dialog is about. */
  declare revoking: ApiKeyInfo | null;
  declare revokeProblem: string;
  readonly #client = consumeClient(this);
  readonly #keys = new LoadController(this, () => this.#client().keys(this.tenantId));
  readonly #form = new FormController(this, (field) => field === 'label');

  constructor() {
    super();
    this.tenantId = '';
    this.label = '';
    this.newKey = '';
    this.revoking = null;
    this.revokeProblem = '';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('tenantId') || !this.tenantId) return;
    this.newKey = '';
    void this.#keys.reload();
  }

  override render(): TemplateResult {
    const keys = this.#keys.value ?? [];
    return html`
      <section aria-labelledby="keys-heading">
        <h3 id="keys-heading" tabindex="-1">API keys</h3>
        <p class="hint">The CRM’s server sends a key to get login tokens for its agents.</p>
        ${this.#keys.error ? html`<p class="problem" role="alert">${this.#keys.error}</p>` : nothing}
        ${keys.length
          ? html`<table>
              <caption class="visually-hidden">API keys of this tenant</caption>
              <thead><tr><th scope="col">Label</th><th scope="col">Starts with</th><th scope="col">Created</th><th scope="col">Last used</th><th scope="col">Status</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
              <tbody>
                ${keys.map(
                  (key) => html`<tr>
                    <th scope="row">${key.label}</th>
                    <td><code>${key.prefix}…</code></td>
                    <td>${when(key.createdAt)}</td>
                    <td>${when(key.lastUsedAt)}</td>
                    <td>${key.revokedAt ? `Revoked ${when(key.revokedAt)}` : 'Active'}</td>
                    <td>${key.revokedAt ? nothing : html`<button type="button" class="danger" aria-label="Revoke key ${key.label} (${key.prefix}…)" @click=${() => this.#confirm(key)}>Revoke</button>`}</td>
                  </tr>`,
                )}
              </tbody>
            </table>`
          : html`<p class="hint">${this.#keys.loading ? 'Loading keys…' : 'No keys yet.'}</p>`}
        ${this.newKey
          ? html`<rs-admin-key-reveal .apiKey=${this.newKey} @rs-admin-key-dismissed=${this.#dismissed}></rs-admin-key-reveal>`
          : html`<form @submit=${this.#create} novalidate aria-label="New API key">
              ${textField({ name: 'label', label: 'Label for a new key', value: this.label, error: this.#form.errors.at('label'), hint: 'Who uses it, like “CRM production”.', onInput: (v) => (this.label = v) })}
              ${formProblem(this.#form.problem)}
              <div class="actions"><button type="submit">Create key</button></div>
            </form>`}
        <dialog aria-labelledby="revoke-heading" @close=${() => (this.revoking = null)}>
          <h4 id="revoke-heading">Revoke key ${this.revoking?.label}?</h4>
          <p>Servers that use the key starting <code>${this.revoking?.prefix}…</code> can no longer get tokens. This cannot be undone.</p>
          ${formProblem(this.revokeProblem)}
          <div class="actions">
            <button type="button" class="danger" @click=${this.#revoke}>Revoke key</button>
            <button type="button" class="keep" @click=${() => this.#dialog()?.close()}>Keep key</button>
          </div>
        </dialog>
      </section>
    `;
  }

  #dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog');
  }

  async #confirm(key: ApiKeyInfo): Promise<void> {
    this.revoking = key;
    this.revokeProblem = '';
    await this.updateComplete;
    this.#dialog()?.showModal();
    // Keeping the key is the default: focus starts on it, not on the first (destructive) button.
    this.renderRoot.querySelector<HTMLElement>('dialog .keep')?.focus();
  }

  async #revoke(): Promise<void> {
    const key = this.revoking;
    if (!key) return;
    try {
      await this.#client().revokeKey(this.tenantId, key.id);
    } catch (error) {
      this.revokeProblem = explain(error);
      return;
    }
    this.#dialog()?.close();
    this.dispatchEvent(new AdminStatusEvent(`Key ${key.label} revoked.`));
    await this.#keys.reload();
    this.renderRoot.querySelector<HTMLElement>('#keys-heading')?.focus();
  }

  async #create(event: Event): Promise<void> {
    event.preventDefault();
    const created = await this.#form.submit(() => this.#client().createKey(this.tenantId, this.label.trim() || undefined));
    if (!created) return;
    this.label = '';
    this.newKey = created.apiKey;
    this.dispatchEvent(new AdminStatusEvent(`Key ${created.key.label} created. Copy it now: it is shown only once.`));
    await this.#keys.reload();
  }

  async #dismissed(event: Event): Promise<void> {
    event.stopPropagation();
    this.newKey = '';
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>('input[name="label"]')?.focus();
  }
}

define('rs-admin-keys', RsAdminKeys);

declare global {
  interface HTMLElementTagNameMap {
    'rs-admin-keys': RsAdminKeys;
  }
}
