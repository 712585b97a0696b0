import { LitElement, html, type PropertyValues, type TemplateResult } from 'lit';
import { dtmfModes, referPolicies, type CodeLabel, type DtmfMode, type ReferPolicy, type Tenant } from '../../admin-types.js';
import { consumeClient } from '../../context.js';
import { FormController } from '../../controllers/form-controller.js';
import { define } from '../../define.js';
import { AdminStatusEvent, AdminTenantChangedEvent, type AdminRowsChangedEvent } from '../../events.js';
import { compact, under, type FieldErrors } from '../../field-errors.js';
import { CODE_COLUMNS } from '../../views/columns.js';
import { checkField, formProblem, selectField, textField } from '../../views/fields.js';
import '../rows/rows.js';
import type { Row } from '../rows/rows.js';
import { shared } from '../shared.styles.js';

const S = 'settings';
const policyLabels: Record<(typeof referPolicies)[number], string> = {
  never: 'Never follow a transfer request from the far end',
  internal: 'Follow only to internal extensions',
  ask: 'Ask the agent each time',
};
const dtmfLabels: Record<DtmfMode, string> = {
  rfc4733: 'In the audio stream (RFC 4733 telephone events)',
  info: 'As SIP INFO messages',
};
/** A whole number as the API takes it; anything else goes as NaN (null in JSON), for the server to refuse at its field. */
const wholeOrNaN = (text: string) => (/^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN);
const blankCode = (row: Row) => !row.code?.trim() && !row.label?.trim();
const toCodes = (rows: Row[]): CodeLabel[] => rows.map((row) => ({ code: row.code?.trim() ?? '', label: row.label?.trim() ?? '' }));

/**
 * @summary How the tenant's agents work: REFER policy, internal extensions, not-ready reasons,
 * disposition codes, after-call work, and how the phone rings, sends keypad tones and may
 * answer by itself, and how long phones keep call history, saved together.
 *
 * @fires rs-admin-tenant-changed - Saved; carries the tenant as the server now has it.
 */
export class RsAdminTenantSettings extends LitElement {
  static override styles = shared;
  static override properties = { tenant: { attribute: false }, draft: { state: true } };
  declare tenant: Tenant | undefined;
  declare draft: {
    referPolicy: ReferPolicy;
    pattern: string;
    reasons: Row[];
    dispositions: Row[];
    acwEnabled: boolean;
    acwSeconds: string;
    acwRequire: boolean;
    dtmfMode: DtmfMode;
    ringSeconds: string;
    autoAnswer: boolean;
    rejectStatus: string;
    directCalls: boolean;
    historyDays: string;
  };
  readonly #client = consumeClient(this);
  readonly #form = new FormController(this, under(S));

  constructor() {
    super();
    this.tenant = undefined;
    this.draft = { referPolicy: 'never', pattern: '', reasons: [], dispositions: [], acwEnabled: false, acwSeconds: '0', acwRequire: false, dtmfMode: 'rfc4733', ringSeconds: '', autoAnswer: false, rejectStatus: '486', directCalls: true, historyDays: '30' };
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Another tenant replaces the draft; a save in another section (same tenant, new object) keeps what is typed here.
    if (!changed.has('tenant') || !this.tenant || changed.get('tenant')?.id === this.tenant.id) return;
    this.#reset(this.tenant);
  }

  #reset(tenant: Tenant): void {
    const s = tenant.settings;
    this.draft = {
      referPolicy: s.referPolicy,
      pattern: s.internalExtensionPattern,
      reasons: s.notReadyReasons.map((r) => ({ ...r })),
      dispositions: s.dispositionCodes.map((d) => ({ ...d })),
      acwEnabled: s.afterCallWork.enabled,
      acwSeconds: String(s.afterCallWork.maxSeconds),
      acwRequire: s.afterCallWork.requireDisposition,
      dtmfMode: s.dtmfMode,
      ringSeconds: String(s.ringTimeoutSeconds),
      autoAnswer: s.allowAutoAnswer,
      rejectStatus: String(s.notReadyRejectStatus),
      directCalls: s.notReadyDirectCalls,
      historyDays: String(s.historyDays),
    };
    this.#form.clear();
  }

  override render(): TemplateResult {
    const { errors, problem } = this.#form;
    const d = this.draft;
    // From the current draft, not this render's `d`: two edits before the next render must both be kept.
    const set = (patch: Partial<typeof d>) => (this.draft = { ...this.draft, ...patch });
    const acw = `${S}.afterCallWork`;
    return html`
      <form @submit=${this.#submit} novalidate aria-labelledby="settings-heading">
        <h3 id="settings-heading">Agent work</h3>
        ${selectField({
          name: `${S}.referPolicy`,
          label: 'Transfers requested by the far end (REFER)',
          value: d.referPolicy,
          options: referPolicies.map((value) => ({ value, label: policyLabels[value] })),
          error: errors.at(`${S}.referPolicy`),
          onChange: (v) => set({ referPolicy: referPolicies.find((p) => p === v) ?? d.referPolicy }),
        })}
        ${textField({ name: `${S}.internalExtensionPattern`, label: 'Internal extensions (regular expression)', value: d.pattern, error: errors.at(`${S}.internalExtensionPattern`), hint: 'For example ^[0-9]{2,5}$', onInput: (v) => set({ pattern: v }) })}
        ${this.#codes('Not-ready reasons', `${S}.notReadyReasons`, 'reason', d.reasons, errors, (rows) => set({ reasons: rows }))}
        ${this.#codes('Disposition codes', `${S}.dispositionCodes`, 'disposition', d.dispositions, errors, (rows) => set({ dispositions: rows }))}
        <fieldset>
          <legend>After-call work</legend>
          ${errors.at(acw) ? html`<p class="error">${errors.at(acw)}</p>` : null}
          ${checkField({ name: `${acw}.enabled`, label: 'Agents get after-call work time', checked: d.acwEnabled, error: errors.at(`${acw}.enabled`), onChange: (v) => set({ acwEnabled: v }) })}
          ${textField({ name: `${acw}.maxSeconds`, label: 'Longest after-call work (seconds)', type: 'number', value: d.acwSeconds, error: errors.at(`${acw}.maxSeconds`), hint: '0 to 3600', onInput: (v) => set({ acwSeconds: v }) })}
          ${checkField({ name: `${acw}.requireDisposition`, label: 'A disposition is required to finish', checked: d.acwRequire, error: errors.at(`${acw}.requireDisposition`), onChange: (v) => set({ acwRequire: v }) })}
        </fieldset>
        <fieldset>
          <legend>Calls</legend>
          ${textField({ name: `${S}.ringTimeoutSeconds`, label: 'Ring an unanswered call for (seconds)', type: 'number', value: d.ringSeconds, error: errors.at(`${S}.ringTimeoutSeconds`), hint: '5 to 300; then the call is missed', onInput: (v) => set({ ringSeconds: v }) })}
          ${checkField({ name: `${S}.allowAutoAnswer`, label: 'Agents may turn on auto-answer', checked: d.autoAnswer, error: errors.at(`${S}.allowAutoAnswer`), onChange: (v) => set({ autoAnswer: v }) })}
          ${selectField({
            name: `${S}.dtmfMode`,
            label: 'Send keypad tones',
            value: d.dtmfMode,
            options: dtmfModes.map((value) => ({ value, label: dtmfLabels[value] })),
            error: errors.at(`${S}.dtmfMode`),
            onChange: (v) => set({ dtmfMode: dtmfModes.find((m) => m === v) ?? d.dtmfMode }),
          })}
          ${selectField({
            name: `${S}.notReadyRejectStatus`,
            label: 'While an agent is not ready, refuse queue calls with',
            value: d.rejectStatus,
            options: [
              { value: '486', label: '486 Busy Here' },
              { value: '480', label: '480 Temporarily Unavailable' },
            ],
            error: errors.at(`${S}.notReadyRejectStatus`),
            onChange: (v) => set({ rejectStatus: v === '480' ? '480' : '486' }),
          })}
          ${checkField({ name: `${S}.notReadyDirectCalls`, label: 'Direct calls (not from a queue) still ring while not ready', checked: d.directCalls, error: errors.at(`${S}.notReadyDirectCalls`), onChange: (v) => set({ directCalls: v }) })}
          ${textField({ name: `${S}.historyDays`, label: "Keep each agent's call history for (days)", type: 'number', value: d.historyDays, error: errors.at(`${S}.historyDays`), hint: "1 to 365; in the agent's browser, at most 500 calls", onInput: (v) => set({ historyDays: v }) })}
        </fieldset>
        ${formProblem(problem)}
        <div class="actions"><button class="primary" type="submit">Save agent work</button></div>
      </form>
    `;
  }

  #codes(legend: string, field: string, item: string, rows: Row[], errors: FieldErrors, onRows: (rows: Row[]) => void): TemplateResult {
    return html`<rs-admin-rows
      legend=${legend}
      field=${field}
      item=${item}
      .columns=${CODE_COLUMNS}
      .rows=${rows}
      .errors=${errors}
      @rs-admin-rows-changed=${(e: AdminRowsChangedEvent) => onRows(e.rows)}
    ></rs-admin-rows>`;
  }

  async #submit(event: Event): Promise<void> {
    event.preventDefault();
    const tenant = this.tenant;
    if (!tenant) return;
    const d = this.draft;
    const reasons = compact(d.reasons, blankCode);
    const dispositions = compact(d.dispositions, blankCode);
    const saved = await this.#form.submit(
      () =>
        this.#client().updateTenant(tenant.id, {
          settings: {
            referPolicy: d.referPolicy,
            internalExtensionPattern: d.pattern,
            notReadyReasons: toCodes(reasons.values),
            dispositionCodes: toCodes(dispositions.values),
            afterCallWork: { enabled: d.acwEnabled, maxSeconds: wholeOrNaN(d.acwSeconds), requireDisposition: d.acwRequire },
            dtmfMode: d.dtmfMode,
            ringTimeoutSeconds: wholeOrNaN(d.ringSeconds),
            allowAutoAnswer: d.autoAnswer,
            notReadyRejectStatus: d.rejectStatus === '480' ? 480 : 486,
            notReadyDirectCalls: d.directCalls,
            historyDays: wholeOrNaN(d.historyDays),
          },
        }),
      { remap: (errors) => errors.remap(`${S}.notReadyReasons`, reasons.rowOf).remap(`${S}.dispositionCodes`, dispositions.rowOf) },
    );
    if (!saved) return;
    this.#reset(saved);
    this.dispatchEvent(new AdminTenantChangedEvent(saved));
    this.dispatchEvent(new AdminStatusEvent('Agent work settings saved.'));
  }
}

define('rs-admin-tenant-settings', RsAdminTenantSettings);

declare global {
  interface HTMLElementTagNameMap {
    'rs-admin-tenant-settings': RsAdminTenantSettings;
  }
}
