import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { SAMPLE_VALUES } from '../../../src/protocol/triggers/keys.js';
import { renderUrl } from '../../../src/protocol/triggers/template.js';
import { checkTrigger, checkTriggers, TRIGGER_EVENTS, TRIGGER_MODES, type TriggerMode } from '../../../src/protocol/triggers/validate.js';
import { define } from '../../define.js';
import { localStorageOf, type DeskCore } from '../../services/desk-core.js';
import type { Desk } from '../../services/desk.js';
import { agentTriggersKey, readAgentTriggers, saveAgentTriggers } from '../../services/agent-triggers.js';
import { FollowController } from './follow-controller.js';
import { styles } from './settings.styles.js';

/**
 * The "URL triggers" part of the settings panel (README "URL triggers"): the tenant's triggers,
 * read-only, and the agent's own, which the agent adds, edits, removes, exports and imports as
 * JSON. Every trigger is checked as it is typed by the one checker the host runs them with
 * (src/protocol/triggers/validate.ts), and a refused one is never saved; each shows the URL it
 * would produce for a sample call. Saving keeps them per agent in localStorage and sends them to
 * the host (`OnAgentTriggersChanged`), which runs them in the CRM page.
 */

type Config = Record<string, unknown>;
/** A refusal as shown: the checker's code and words. */
type Problem = { code: string; message: string };
type Preview = { ok: true; url: string } | ({ ok: false } & Problem);

interface Draft {
  name: string;
  event: string;
  url: string;
  mode: TriggerMode;
  method: 'GET' | 'POST';
}

const EMPTY: Draft = { name: '', event: 'inbound.received', url: '', mode: 'window', method: 'GET' };
/** Route templates are resolved against the CRM page; the preview uses this one. */
const SAMPLE_PAGE = 'https://crm.example.com/';

/** The config a draft saves: an empty name left out, a method only for background triggers. */
function configOf(draft: Draft): Config {
  return {
    ...(draft.name.trim() ? { name: draft.name.trim() } : {}),
    event: draft.event.trim(),
    url: draft.url.trim(),
    mode: draft.mode,
    ...(draft.mode === 'background' ? { method: draft.method } : {}),
  };
}

/** The checker's verdict on one trigger among `others` (a duplicate name is refused too), and its URL for the sample call. */
export function previewTrigger(config: unknown, others: readonly Config[] = []): Preview {
  const checked = checkTrigger(config);
  if (!checked.ok) return { ok: false, code: checked.problem.code, message: checked.problem.message };
  const { name, event, url } = checked.value;
  if (name && others.some((other) => other.name === name)) return { ok: false, code: 'duplicate_name', message: `another trigger is named "${name}"` };
  const rendered = renderUrl(url, { keys: { ...SAMPLE_VALUES.keys, EVENT: event }, vars: SAMPLE_VALUES.vars }, SAMPLE_PAGE);
  return rendered.ok ? { ok: true, url: rendered.value } : { ok: false, code: rendered.error.code, message: rendered.error.message };
}

/** Imported JSON added to `current`: the triggers that pass are kept, each refused one is listed with its place (1-based) in the import. */
export function importTriggers(text: string, current: readonly Config[]): { kept: Config[]; refused: (Problem & { index: number })[] } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { kept: [...current], refused: [{ index: 0, code: 'not_json', message: 'the text is not JSON: paste an exported list, like [{"event": …, "url": …, "mode": …}]' }] };
  }
  const list = Array.isArray(parsed) ? parsed : [parsed];
  const { triggers, problems } = checkTriggers([...current, ...list]);
  const kept = triggers.map((trigger) => trigger.config as unknown as Config);
  return { kept, refused: problems.map(({ index, code, message }) => ({ index: index - current.length + 1, code, message })) };
}

export class RsTriggersSettings extends LitElement {
  static override styles = [
    styles,
    css`
      ul, ol { margin: 0; padding-left: 1.1rem; display: grid; gap: 0.35rem; font-size: 0.85rem; }
      input[type='text'], input[type='url'], textarea { font: inherit; padding: 0.25rem 0.4rem; border: 1px solid var(--rs-border); border-radius: var(--rs-radius); background: var(--rs-surface); color: inherit; }
      textarea { min-height: 4rem; font: 0.8rem ui-monospace, monospace; }
      code, output { overflow-wrap: anywhere; font: 0.8rem ui-monospace, monospace; }
      .error { margin: 0; color: var(--rs-danger); font-size: 0.8rem; }
      .row { display: flex; flex-wrap: wrap; gap: 0.4rem; }
      h3 { margin: 0.2rem 0 0; font-size: 0.85rem; }
    `,
  ];
  static override properties = { desk: { attribute: false }, draft: { state: true }, editing: { state: true }, notice: { state: true } };
  declare desk: Desk | undefined;
  /** The trigger being added or edited. */
  declare draft: Draft;
  /** null: no form open; -1: adding; otherwise the place of the trigger being edited. */
  declare editing: number | null;
  /** The last import's or save's outcome. */
  declare notice: { refused: (Problem & { index: number })[]; kept: number; unsaved?: boolean } | null;
  #key: string | null = null;
  #own: Config[] = [];
  /** The fields the form does not edit (`body`, `when` of an imported trigger), kept through an edit. */
  #extras: Config = {};
  #exported = '';

  constructor() {
    super();
    this.draft = { ...EMPTY };
    this.editing = null;
    this.notice = null;
    new FollowController(this, () => this.desk);
    updateWhenLocaleChanges(this);
  }

  get #core(): (DeskCore & { tenantTriggers?: unknown[] }) | undefined {
    return this.desk?.core;
  }

  /** The agent's own triggers, read again when the agent changes. */
  get own(): readonly Config[] {
    const core = this.#core;
    const userId = core?.snapshot().agent?.userId;
    const key = userId ? agentTriggersKey(userId, core?.tenantId) : null;
    if (key !== this.#key) {
      this.#key = key;
      this.#own = key ? readAgentTriggers(localStorageOf(window), key) : [];
    }
    return this.#own;
  }

  override render(): TemplateResult | typeof nothing {
    const core = this.#core;
    if (!core) return nothing;
    const own = this.own;
    const tenant = core.tenantTriggers ?? [];
    const { CALLERID, QUEUENAME } = SAMPLE_VALUES.keys;
    return html`
      <fieldset class="triggers">
        <legend>${msg('URL triggers', { id: 'triggers.title' })}</legend>
        <p class="note">${msg(str`Each URL is shown for a sample call from ${CALLERID} in queue ${QUEUENAME}. They run in the CRM page; where it embeds the phone without its element, the phone runs them and offers windows as Open buttons.`, { id: 'triggers.sample' })}</p>
        <h3>${msg('Your organisation’s', { id: 'triggers.tenant' })}</h3>
        ${tenant.length === 0 ? html`<p class="note">${msg('None.', { id: 'triggers.none' })}</p>` : html`<ul class="tenant-triggers">${tenant.map((t, i) => this.#item(t, i, 'tenant'))}</ul>`}
        <h3>${msg('Yours', { id: 'triggers.own' })}</h3>
        ${own.length === 0 ? html`<p class="note">${msg('None.', { id: 'triggers.none' })}</p>` : html`<ul class="own-triggers">${own.map((t, i) => this.#item(t, i, 'agent'))}</ul>`}
        ${this.editing === null ? html`<button class="add" @click=${() => this.#edit(-1)}>${msg('Add a trigger', { id: 'triggers.add' })}</button>` : this.#form(own)}
        ${this.#noticeView()} ${this.#transfer(own)}
      </fieldset>
    `;
  }

  #item(config: unknown, index: number, source: 'tenant' | 'agent'): TemplateResult {
    const c = (config && typeof config === 'object' ? config : {}) as Config;
    // A tenant trigger names its mode `target` (`new` is a window), as the admin page saves it.
    const shown: Config = source === 'tenant' && 'target' in c ? (({ target, ...rest }) => ({ ...rest, mode: target === 'new' ? 'window' : target }))(c) : c;
    const preview = previewTrigger(shown);
    const name = typeof c.name === 'string' && c.name ? c.name : `${source}-${index + 1}`;
    return html`<li data-trigger=${name}>
      <strong>${name}</strong> · ${String(shown.event)} · ${String(shown.mode)}<br />
      ${this.#previewView(preview)}
      ${source === 'agent' && this.editing === null
        ? html`<div class="row">
            <button class="edit" aria-label=${msg(str`Edit ${name}`, { id: 'triggers.edit-named' })} @click=${() => this.#edit(index)}>${msg('Edit', { id: 'triggers.edit' })}</button>
            <button class="remove" aria-label=${msg(str`Remove ${name}`, { id: 'triggers.remove-named' })} @click=${() => this.#remove(index)}>${msg('Remove', { id: 'triggers.remove' })}</button>
          </div>`
        : nothing}
    </li>`;
  }

  #previewView(preview: Preview, id?: string): TemplateResult {
    return preview.ok
      ? html`<output id=${id ?? nothing} class="preview">${preview.url}</output>`
      : html`<p id=${id ?? nothing} class="error problem" data-code=${preview.code}>${msg(str`Refused (${preview.code}): ${preview.message}`, { id: 'triggers.refused' })}</p>`;
  }

  #form(own: readonly Config[]): TemplateResult {
    const draft = this.draft;
    const others = own.filter((_, i) => i !== this.editing);
    const preview = previewTrigger(this.#configOf(draft), others);
    const set = (patch: Partial<Draft>) => (this.draft = { ...this.draft, ...patch });
    const value = (event: Event) => (event.target as HTMLInputElement).value;
    const invalid = (field: string) => (!preview.ok && this.#fieldOf(preview.code) === field ? 'true' : 'false');
    return html`
      <div class="trigger-form" role="group" aria-label=${this.editing === -1 ? msg('New trigger', { id: 'triggers.new' }) : msg('Edit trigger', { id: 'triggers.editing' })}>
        <div class="field">
          <label for="trigger-name">${msg('Name (optional)', { id: 'triggers.name' })}</label>
          <input id="trigger-name" type="text" maxlength="64" .value=${live(draft.name)} aria-invalid=${invalid('name')} aria-describedby="trigger-check" @input=${(e: Event) => set({ name: value(e) })} />
        </div>
        <div class="field">
          <label for="trigger-event">${msg('Event', { id: 'triggers.event' })}</label>
          <input id="trigger-event" type="text" list="trigger-events" .value=${live(draft.event)} aria-invalid=${invalid('event')} aria-describedby="trigger-check" @input=${(e: Event) => set({ event: value(e) })} />
          <datalist id="trigger-events">${TRIGGER_EVENTS.map((name) => html`<option value=${name}></option>`)}</datalist>
        </div>
        <div class="field">
          <label for="trigger-url">${msg('URL template', { id: 'triggers.url' })}</label>
          <input id="trigger-url" type="text" inputmode="url" spellcheck="false" .value=${live(draft.url)} aria-invalid=${invalid('url')} aria-describedby="trigger-check" placeholder="https://crm.example.com/search?phone=<%CALLERID%>" @input=${(e: Event) => set({ url: value(e) })} />
        </div>
        <div class="field">
          <label for="trigger-mode">${msg('Opens', { id: 'triggers.mode' })}</label>
          <select id="trigger-mode" @change=${(e: Event) => set({ mode: value(e) as TriggerMode })}>
            ${TRIGGER_MODES.map((mode) => html`<option value=${mode} ?selected=${mode === draft.mode}>${this.#modeLabel(mode)}</option>`)}
          </select>
        </div>
        ${draft.mode === 'background'
          ? html`<div class="field">
              <label for="trigger-method">${msg('Request method', { id: 'triggers.method' })}</label>
              <select id="trigger-method" @change=${(e: Event) => set({ method: value(e) as 'GET' | 'POST' })}>
                <option value="GET" ?selected=${draft.method === 'GET'}>GET</option>
                <option value="POST" ?selected=${draft.method === 'POST'}>POST</option>
              </select>
            </div>`
          : nothing}
        <div aria-live="polite">${this.#previewView(preview, 'trigger-check')}</div>
        <div class="row">
          <button class="save" ?disabled=${!preview.ok} @click=${() => this.#save()}>${msg('Save trigger', { id: 'triggers.save' })}</button>
          <button class="cancel" @click=${() => (this.editing = null)}>${msg('Cancel', { id: 'triggers.cancel' })}</button>
        </div>
      </div>
    `;
  }

  /** Which input a refusal is about, to mark it invalid. */
  #fieldOf(code: string): string {
    if (code === 'bad_name' || code === 'duplicate_name') return 'name';
    return code === 'unknown_event' ? 'event' : 'url';
  }

  #modeLabel(mode: TriggerMode): string {
    switch (mode) {
      case 'window':
        return msg('A new window each time', { id: 'triggers.mode-window' });
      case 'reuse':
        return msg('The same window, reused', { id: 'triggers.mode-reuse' });
      case 'background':
        return msg('A request in the background', { id: 'triggers.mode-background' });
      case 'route':
        return msg('The page’s own route', { id: 'triggers.mode-route' });
    }
  }

  #noticeView(): TemplateResult | typeof nothing {
    const notice = this.notice;
    if (!notice) return nothing;
    return html`<div class="import-result" role="status">
      ${notice.unsaved ? html`<p class="error">${msg('This browser did not keep your triggers: they last until you log out.', { id: 'triggers.unsaved' })}</p>` : nothing}
      ${notice.refused.length > 0
        ? html`<p>${msg(str`${notice.kept} kept; refused:`, { id: 'triggers.import-refused' })}</p>
            <ul class="refused">${notice.refused.map((p) => html`<li data-code=${p.code}>${msg(str`Trigger ${p.index}: refused (${p.code}): ${p.message}`, { id: 'triggers.import-problem' })}</li>`)}</ul>`
        : html`<p>${msg(str`${notice.kept} triggers, all checked.`, { id: 'triggers.checked' })}</p>`}
    </div>`;
  }

  #transfer(own: readonly Config[]): TemplateResult {
    return html`
      <div class="row">
        <button class="export" ?disabled=${own.length === 0} @click=${() => this.#export(own)}>${msg('Export as JSON', { id: 'triggers.export' })}</button>
      </div>
      ${this.#exported ? html`<label for="trigger-export">${msg('Your triggers as JSON (copy this)', { id: 'triggers.exported' })}</label><textarea id="trigger-export" readonly .value=${this.#exported}></textarea>` : nothing}
      <label for="trigger-import">${msg('Import JSON', { id: 'triggers.import-label' })}</label>
      <textarea id="trigger-import" spellcheck="false"></textarea>
      <button class="import" @click=${() => this.#import()}>${msg('Import', { id: 'triggers.import' })}</button>
    `;
  }

  #export(own: readonly Config[]): void {
    this.#exported = JSON.stringify(own, null, 2);
    this.requestUpdate();
  }

  #import(): void {
    const area = this.renderRoot.querySelector<HTMLTextAreaElement>('#trigger-import');
    if (!area || !area.value.trim()) return;
    const { kept, refused } = importTriggers(area.value, this.#own);
    const added = kept.length - this.#own.length;
    const saved = added > 0 ? this.#store(kept) : true;
    this.notice = { kept: added, refused, ...(saved ? {} : { unsaved: true }) };
    if (refused.length === 0) area.value = '';
  }

  #remove(index: number): void {
    const next = this.#own.filter((_, i) => i !== index);
    const saved = this.#store(next);
    this.notice = { kept: next.length, refused: [], ...(saved ? {} : { unsaved: true }) };
  }

  #configOf(draft: Draft): Config {
    return { ...this.#extras, ...configOf(draft) };
  }

  #edit(index: number): void {
    const c = index >= 0 ? this.#own[index] : null;
    this.#extras = c ? (({ name, event, url, mode, method, ...rest }) => rest)(c) : {};
    this.draft = c
      ? { name: String(c.name ?? ''), event: String(c.event ?? ''), url: String(c.url ?? ''), mode: c.mode as TriggerMode, method: c.method === 'POST' || (c.body && c.method === undefined) ? 'POST' : 'GET' }
      : { ...EMPTY };
    this.editing = index;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#trigger-name')?.focus());
  }

  #save(): void {
    const index = this.editing;
    if (index === null) return;
    const config = this.#configOf(this.draft);
    const others = this.#own.filter((_, i) => i !== index);
    // Never saved invalid, whatever the button's state.
    if (!previewTrigger(config, others).ok) return;
    const next = index === -1 ? [...this.#own, config] : this.#own.map((c, i) => (i === index ? config : c));
    this.editing = null;
    const saved = this.#store(next);
    this.notice = { kept: next.length, refused: [], ...(saved ? {} : { unsaved: true }) };
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('button.add')?.focus());
  }

  /** Keeps the list (checked by the caller), and hands it to the host, which runs the agent's triggers. */
  #store(list: Config[]): boolean {
    const core = this.#core;
    if (!core || !this.#key) return false;
    this.#own = list;
    const saved = saveAgentTriggers(localStorageOf(window), this.#key, list);
    if (this.#exported) this.#exported = JSON.stringify(list, null, 2);
    core.emit('OnAgentTriggersChanged', { triggers: list });
    this.requestUpdate();
    return saved;
  }
}

define('rs-triggers-settings', RsTriggersSettings);

declare global {
  interface HTMLElementTagNameMap {
    'rs-triggers-settings': RsTriggersSettings;
  }
}
