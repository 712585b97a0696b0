import { LitElement, html, type PropertyValues, type TemplateResult } from 'lit';
import { AdminApiError } from '../../admin-client.js';
import type { FieldError, Tenant, UrlTrigger } from '../../admin-types.js';
import { consumeClient } from '../../context.js';
import { FormController } from '../../controllers/form-controller.js';
import { define } from '../../define.js';
import { AdminStatusEvent, AdminTenantChangedEvent, type AdminRowsChangedEvent, type AdminTriggersChangedEvent } from '../../events.js';
import { compact, under } from '../../field-errors.js';
import { TEXT_COLUMN } from '../../views/columns.js';
import { checkField, formProblem, textField } from '../../views/fields.js';
import { configOf, draftOf, isBlank, type TriggerDraft } from '../../views/trigger-draft.js';
import '../rows/rows.js';
import type { Row } from '../rows/rows.js';
import '../trigger-editor/trigger-editor.js';
import { shared } from '../shared.styles.js';

const S = 'settings';
const blank = (row: Row) => Object.values(row).every((value) => !value.trim());
const values = (rows: Row[]) => rows.map((row) => row.value?.trim() ?? '');
const PRESENCE_COLUMNS = [
  { key: 'id', label: 'softphoneId' },
  { key: 'state', label: 'Agent state', placeholder: 'not_ready:lunch' },
];

/**
 * The triggers to send. A body the page cannot turn into one (JSON that does not parse) is
 * refused here, at its field, as the server refuses what it checks: nothing is sent.
 */
function urlTriggers(drafts: TriggerDraft[]): UrlTrigger[] {
  const refused: FieldError[] = [];
  const list = drafts.flatMap((draft, i) => {
    const built = configOf(draft);
    if (built.ok) return [built.value];
    refused.push({ field: `${S}.urlTriggers[${i}].${built.problem.control}`, message: `${built.problem.message} (${built.problem.code})` });
    return [];
  });
  if (refused.length) throw new AdminApiError(422, 'validation_failed', 'Not sent: a field needs a change.', refused);
  return list;
}

/**
 * @summary How the tenant's phone meets the CRM and the network: URL triggers, default
 * language, just-in-time agents, TURN servers, trusted headers and the CCaaS wrapper library,
 * saved together.
 *
 * @fires rs-admin-tenant-changed - Saved; carries the tenant as the server now has it.
 */
export class RsAdminTenantIntegration extends LitElement {
  static override styles = shared;
  static override properties = { tenant: { attribute: false }, draft: { state: true } };
  declare tenant: Tenant | undefined;
  declare draft: { triggers: TriggerDraft[]; language: string; jit: boolean; turn: Row[]; headers: Row[]; wrapperUrl: string; presence: Row[] };
  readonly #client = consumeClient(this);
  readonly #form = new FormController(this, under(S));

  constructor() {
    super();
    this.tenant = undefined;
    this.draft = { triggers: [], language: '', jit: false, turn: [], headers: [], wrapperUrl: '', presence: [] };
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Another tenant replaces the draft; a save in another section (same tenant, new object) keeps what is typed here.
    if (!changed.has('tenant') || !this.tenant || changed.get('tenant')?.id === this.tenant.id) return;
    this.#reset(this.tenant);
  }

  #reset(tenant: Tenant): void {
    const s = tenant.settings;
    this.draft = {
      triggers: s.urlTriggers.map(draftOf),
      language: s.defaultLanguage,
      jit: s.jitAgents,
      turn: s.turnServers.map((value) => ({ value })),
      headers: s.trustedHeaders.map((value) => ({ value })),
      wrapperUrl: s.wrapperUrl ?? '',
      presence: Object.entries(s.wrapperPresence ?? {}).map(([id, state]) => ({ id, state })),
    };
    this.#form.clear();
  }

  override render(): TemplateResult {
    const { errors, problem } = this.#form;
    const d = this.draft;
    const set = (patch: Partial<typeof d>) => (this.draft = { ...d, ...patch });
    return html`
      <form @submit=${this.#submit} novalidate aria-labelledby="integration-heading">
        <h3 id="integration-heading">CRM and network</h3>
        <rs-admin-trigger-editor
          field="${S}.urlTriggers"
          .drafts=${d.triggers}
          .errors=${errors}
          @rs-admin-triggers-changed=${(e: AdminTriggersChangedEvent) => set({ triggers: e.drafts })}
        ></rs-admin-trigger-editor>
        ${textField({ name: `${S}.defaultLanguage`, label: 'Default language', value: d.language, error: errors.at(`${S}.defaultLanguage`), hint: 'A language tag like en or pt-BR', onInput: (v) => set({ language: v }) })}
        ${checkField({ name: `${S}.jitAgents`, label: 'Create agents when the CRM first asks for their token', checked: d.jit, error: errors.at(`${S}.jitAgents`), onChange: (v) => set({ jit: v }) })}
        <rs-admin-rows
          legend="TURN and STUN servers"
          field="${S}.turnServers"
          item="server"
          scalar
          hint="turn:, turns:, stun: or stuns: URLs, at most 10."
          .columns=${TEXT_COLUMN('Server', 'turn:turn.example.com:3478?transport=udp')}
          .rows=${d.turn}
          .errors=${errors}
          @rs-admin-rows-changed=${(e: AdminRowsChangedEvent) => set({ turn: e.rows })}
        ></rs-admin-rows>
        <rs-admin-rows
          legend="Trusted headers"
          field="${S}.trustedHeaders"
          item="header"
          scalar
          hint="SIP header names, besides the built-in ones, that only the network may set."
          .columns=${TEXT_COLUMN('Header')}
          .rows=${d.headers}
          .errors=${errors}
          @rs-admin-rows-changed=${(e: AdminRowsChangedEvent) => set({ headers: e.rows })}
        ></rs-admin-rows>
        ${textField({ name: `${S}.wrapperUrl`, label: 'CCaaS wrapper library', value: d.wrapperUrl, error: errors.at(`${S}.wrapperUrl`), hint: 'An https:// script the phone loads into the CRM page at login (it runs with the page’s rights); empty for none.', onInput: (v) => set({ wrapperUrl: v }) })}
        <rs-admin-rows
          legend="Wrapper presence ids"
          field="${S}.wrapperPresence"
          item="presence id"
          hint="The wrapper’s softphoneId for each agent state: ready, dnd, after_call_work, not_ready or not_ready:<reason code>."
          .columns=${PRESENCE_COLUMNS}
          .rows=${d.presence}
          .errors=${errors}
          @rs-admin-rows-changed=${(e: AdminRowsChangedEvent) => set({ presence: e.rows })}
        ></rs-admin-rows>
        ${formProblem(problem)}
        <div class="actions"><button class="primary" type="submit">Save CRM and network</button></div>
      </form>
    `;
  }

  async #submit(event: Event): Promise<void> {
    event.preventDefault();
    const tenant = this.tenant;
    if (!tenant) return;
    const d = this.draft;
    const triggers = compact(d.triggers, isBlank);
    const turn = compact(d.turn, blank);
    const headers = compact(d.headers, blank);
    const presence = compact(d.presence, blank);
    const saved = await this.#form.submit(
      () =>
        this.#client().updateTenant(tenant.id, {
          settings: {
            urlTriggers: urlTriggers(triggers.values),
            defaultLanguage: d.language.trim(),
            jitAgents: d.jit,
            turnServers: values(turn.values),
            trustedHeaders: values(headers.values),
            wrapperUrl: d.wrapperUrl.trim(),
            wrapperPresence: Object.fromEntries(presence.values.map((row) => [row.id?.trim() ?? '', row.state?.trim() ?? ''])),
          },
        }),
      { remap: (errors) => errors.remap(`${S}.urlTriggers`, triggers.rowOf) },
    );
    if (!saved) return;
    this.#reset(saved);
    this.dispatchEvent(new AdminTenantChangedEvent(saved));
    this.dispatchEvent(new AdminStatusEvent('CRM and network settings saved.'));
  }
}

define('rs-admin-tenant-integration', RsAdminTenantIntegration);

declare global {
  interface HTMLElementTagNameMap {
    'rs-admin-tenant-integration': RsAdminTenantIntegration;
  }
}
