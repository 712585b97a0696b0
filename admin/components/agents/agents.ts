import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { Agent } from '../../admin-types.js';
import { consumeClient } from '../../context.js';
import { LoadController } from '../../controllers/load-controller.js';
import { define } from '../../define.js';
import '../agent-form/agent-form.js';
import { shared } from '../shared.styles.js';

const yesNo = (value: boolean | undefined) => (value ? 'Yes' : 'No');

/**
 * @summary A tenant's agents: a table, Add agent, and Edit per agent (one form open at a
 * time). Focus returns to the button that opened the form when it closes.
 */
export class RsAdminAgents extends LitElement {
  static override styles = shared;
  static override properties = { tenantId: {}, editing: { state: true } };
  declare tenantId: string;
  /** The open form: a new agent, an agent to edit, or none. */
  declare editing: Agent | 'new' | null;
  readonly #client = consumeClient(this);
  readonly #agents = new LoadController(this, () => this.#client().agents(this.tenantId));
  /** The button to focus when the form closes. */
  #opener = '';

  constructor() {
    super();
    this.tenantId = '';
    this.editing = null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('tenantId') || !this.tenantId) return;
    this.editing = null;
    void this.#agents.reload();
  }

  override render(): TemplateResult {
    const agents = this.#agents.value ?? [];
    return html`
      <section aria-labelledby="agents-heading">
        <h3 id="agents-heading">Agents</h3>
        ${this.#agents.error ? html`<p class="problem" role="alert">${this.#agents.error}</p>` : nothing}
        ${agents.length
          ? html`<table>
              <caption class="visually-hidden">Agents of this tenant</caption>
              <thead><tr><th scope="col">User ID</th><th scope="col">Extension</th><th scope="col">Name</th><th scope="col">Enabled</th><th scope="col">Password</th><th scope="col">Trunk calls</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
              <tbody>
                ${agents.map(
                  (agent) => html`<tr>
                    <th scope="row">${agent.userId}</th>
                    <td>${agent.extension}</td>
                    <td>${agent.displayName}</td>
                    <td>${yesNo(agent.enabled)}</td>
                    <td>${agent.hasPassword ? 'Set' : 'None'}</td>
                    <td>${yesNo(agent.permissions.trunkCalls)}</td>
                    <td><button type="button" id="edit-${agent.userId}" aria-label="Edit agent ${agent.userId}" @click=${() => this.#open(agent, `edit-${agent.userId}`)}>Edit</button></td>
                  </tr>`,
                )}
              </tbody>
            </table>`
          : this.#agents.loading
            ? html`<p class="hint">Loading agents…</p>`
            : html`<p class="hint">No agents yet.</p>`}
        ${this.editing
          ? html`<rs-admin-agent-form
              tenantId=${this.tenantId}
              .agent=${this.editing === 'new' ? undefined : this.editing}
              @rs-admin-agent-saved=${this.#closed}
              @rs-admin-form-cancelled=${this.#closed}
            ></rs-admin-agent-form>`
          : html`<div class="actions"><button type="button" id="add-agent" @click=${() => this.#open('new', 'add-agent')}>Add agent</button></div>`}
      </section>
    `;
  }

  #open(what: Agent | 'new', opener: string): void {
    this.#opener = opener;
    this.editing = what;
  }

  async #closed(event: Event): Promise<void> {
    event.stopPropagation();
    const saved = event.type === 'rs-admin-agent-saved';
    this.editing = null;
    if (saved) await this.#agents.reload();
    await this.updateComplete;
    const opener = this.renderRoot.querySelector<HTMLElement>(`[id="${CSS.escape(this.#opener)}"]`) ?? this.renderRoot.querySelector<HTMLElement>('#add-agent');
    opener?.focus();
  }
}

define('rs-admin-agents', RsAdminAgents);

declare global {
  interface HTMLElementTagNameMap {
    'rs-admin-agents': RsAdminAgents;
  }
}
