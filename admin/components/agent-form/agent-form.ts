import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { Agent } from '../../admin-types.js';
import { consumeClient } from '../../context.js';
import { FormController } from '../../controllers/form-controller.js';
import { define } from '../../define.js';
import { AdminAgentSavedEvent, AdminFormCancelledEvent, AdminStatusEvent } from '../../events.js';
import { checkField, formProblem, textField } from '../../views/fields.js';
import { shared } from '../shared.styles.js';

const FIELDS = ['userId', 'extension', 'displayName', 'password', 'enabled', 'permissions'];

/**
 * @summary Creates an agent (no `agent` set) or edits one: user id, extension, display name,
 * password, enabled, trunk calls. Escape or Cancel leaves without saving.
 *
 * @fires rs-admin-agent-saved - Saved; carries the agent.
 * @fires rs-admin-form-cancelled - Left without saving.
 */
export class RsAdminAgentForm extends LitElement {
  static override styles = shared;
  static override properties = { tenantId: {}, agent: { attribute: false }, draft: { state: true } };
  declare tenantId: string;
  /** The agent to edit; undefined to create one. */
  declare agent: Agent | undefined;
  declare draft: { userId: string; extension: string; displayName: string; password: string; removePassword: boolean; enabled: boolean; trunkCalls: boolean };
  readonly #client = consumeClient(this);
  readonly #form = new FormController(this, (field) => FIELDS.includes(field));

  constructor() {
    super();
    this.tenantId = '';
    this.agent = undefined;
    this.draft = { userId: '', extension: '', displayName: '', password: '', removePassword: false, enabled: true, trunkCalls: false };
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('agent') || !this.agent) return;
    const a = this.agent;
    this.draft = { userId: a.userId, extension: a.extension, displayName: a.displayName, password: '', removePassword: false, enabled: a.enabled, trunkCalls: a.permissions.trunkCalls === true };
  }

  override render(): TemplateResult {
    const { errors, problem } = this.#form;
    const d = this.draft;
    const set = (patch: Partial<typeof d>) => (this.draft = { ...d, ...patch });
    const editing = this.agent;
    return html`
      <form @submit=${this.#submit} @keydown=${this.#escape} novalidate aria-labelledby="agent-heading">
        <h4 id="agent-heading">${editing ? `Edit agent ${editing.userId}` : 'New agent'}</h4>
        ${editing
          ? nothing
          : textField({ name: 'userId', label: 'User ID', value: d.userId, error: errors.at('userId'), required: true, hint: 'The CRM’s id for this user; it cannot change later.', onInput: (v) => set({ userId: v }) })}
        ${textField({ name: 'extension', label: 'Extension', value: d.extension, error: errors.at('extension'), required: true, onInput: (v) => set({ extension: v }) })}
        ${textField({ name: 'displayName', label: 'Display name', value: d.displayName, error: errors.at('displayName'), required: true, onInput: (v) => set({ displayName: v }) })}
        ${textField({
          name: 'password',
          label: editing ? 'New password' : 'Password',
          type: 'password',
          value: d.password,
          error: errors.at('password'),
          autocomplete: 'new-password',
          hint: editing ? 'Leave blank to keep the current one.' : 'Optional: at least 10 characters, for logging in without the CRM.',
          onInput: (v) => set({ password: v }),
        })}
        ${editing?.hasPassword ? checkField({ name: 'removePassword', label: 'Remove the password (token login only)', checked: d.removePassword, onChange: (v) => set({ removePassword: v }) }) : nothing}
        ${checkField({ name: 'enabled', label: 'Enabled (may log in)', checked: d.enabled, error: errors.at('enabled'), onChange: (v) => set({ enabled: v }) })}
        ${checkField({ name: 'trunkCalls', label: 'May call outside numbers (trunk calls)', checked: d.trunkCalls, error: errors.at('permissions'), onChange: (v) => set({ trunkCalls: v }) })}
        ${formProblem(problem)}
        <div class="actions">
          <button class="primary" type="submit">${editing ? 'Save agent' : 'Create agent'}</button>
          <button type="button" @click=${this.#cancel}>Cancel</button>
        </div>
      </form>
    `;
  }

  override firstUpdated(): void {
    this.renderRoot.querySelector<HTMLInputElement>('input')?.focus();
  }

  #escape(event: KeyboardEvent): void {
    if (event.key === 'Escape') this.#cancel();
  }

  #cancel(): void {
    this.dispatchEvent(new AdminFormCancelledEvent());
  }

  async #submit(event: Event): Promise<void> {
    event.preventDefault();
    const d = this.draft;
    const editing = this.agent;
    const common = { extension: d.extension.trim(), displayName: d.displayName.trim(), enabled: d.enabled, permissions: { trunkCalls: d.trunkCalls } };
    // Editing: blank keeps the password, "remove" sends null. Creating: blank means none.
    const password = editing && d.removePassword ? null : d.password || undefined;
    const agent = await this.#form.submit(
      () =>
        editing
          ? this.#client().updateAgent(this.tenantId, editing.userId, { ...common, ...(password !== undefined ? { password } : {}) })
          : this.#client().createAgent(this.tenantId, { ...common, userId: d.userId.trim(), ...(password ? { password } : {}) }),
      // A 409 names what is taken: the extension, or (creating) the user id.
      { fieldOf: (error) => (error.code !== 'conflict' ? undefined : error.message.startsWith('extension') || editing ? 'extension' : 'userId') },
    );
    if (!agent) return;
    this.dispatchEvent(new AdminAgentSavedEvent(agent));
    this.dispatchEvent(new AdminStatusEvent(`Agent ${agent.userId} ${editing ? 'saved' : 'created'}.`));
  }
}

define('rs-admin-agent-form', RsAdminAgentForm);

declare global {
  interface HTMLElementTagNameMap {
    'rs-admin-agent-form': RsAdminAgentForm;
  }
}
