import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { eventNames } from '../../../src/protocol/events.js';
import { TRIGGER_EVENTS } from '../../../src/protocol/triggers/validate.js';
import { define } from '../../define.js';
import { AdminTriggersChangedEvent } from '../../events.js';
import { FieldErrors } from '../../field-errors.js';
import { idOf } from '../../views/fields.js';
import { checkDrafts, controlOf, emptyDraft, type DraftField, type DraftProblem, type TriggerDraft } from '../../views/trigger-draft.js';
import { previewOf, sampleCall, triggerPreview } from '../../views/trigger-preview.js';
import { shared } from '../shared.styles.js';
import { styles } from './trigger-editor.styles.js';
import { EVENTS_LIST_ID, triggerFields } from './trigger-fields.js';

/** The event names offered: the fifteen stable ones, then the protocol's (any other text is the checker's to judge). */
const EVENT_SUGGESTIONS = [...TRIGGER_EVENTS, ...eventNames.filter((name) => name.startsWith('On'))];

/**
 * @summary The tenant's URL triggers, every field of each: name, event, where it opens (a
 * window, a reused window, a background request, the CRM page's route), method and body of a
 * background request, and conditions. Each trigger is checked as it is typed by the element's
 * own checker, the refusal shown at its field with its code, and previewed for a sample call.
 *
 * The drafts belong to the form around this element: a change fires
 * `rs-admin-triggers-changed` with the new drafts, and Enter in a one-line field submits it.
 *
 * @fires rs-admin-triggers-changed - The drafts changed.
 */
export class RsAdminTriggerEditor extends LitElement {
  static override styles = [shared, styles];
  static override properties = { field: {}, drafts: { attribute: false }, errors: { attribute: false } };
  /** The list's name in the API (`settings.urlTriggers`). */
  declare field: string;
  declare drafts: TriggerDraft[];
  /** The server's refusals of the last save, by API field name, already mapped to the drafts' places. */
  declare errors: FieldErrors;
  /** Trigger whose first field takes focus after the next render (one just added or removed); -1: the Add button. */
  #focusTrigger: number | null = null;
  /**
   * The drafts as they were when `errors` came: the last save's messages about a trigger show
   * while it is that same draft (untouched, wherever it moved); once edited, the live check speaks.
   */
  #refusedDrafts: readonly TriggerDraft[] = [];

  constructor() {
    super();
    this.field = 'settings.urlTriggers';
    this.drafts = [];
    this.errors = FieldErrors.none;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('errors')) this.#refusedDrafts = this.drafts;
  }

  override render(): TemplateResult {
    const listError = this.errors.at(this.field);
    const problems = checkDrafts(this.drafts);
    return html`
      <fieldset aria-describedby=${['triggers-hint', listError ? 'triggers-error' : ''].filter(Boolean).join(' ')}>
        <legend>URL triggers</legend>
        <p class="hint" id="triggers-hint">
          Pages the phone opens, requests it sends or routes it changes in the CRM page on an event. Keys like &lt;%CALLERID%&gt; are filled in. ${sampleCall()}
        </p>
        ${listError ? html`<p class="error" id="triggers-error">${listError}</p>` : nothing}
        ${this.drafts.map((draft, i) => this.#trigger(draft, i, problems[i] ?? null))}
        ${this.drafts.length ? nothing : html`<p class="hint">None yet.</p>`}
        <div class="actions"><button type="button" id="add-trigger" @click=${this.#add}>Add trigger</button></div>
        <datalist id=${EVENTS_LIST_ID}>${EVENT_SUGGESTIONS.map((name) => html`<option value=${name}></option>`)}</datalist>
      </fieldset>
    `;
  }

  #trigger(draft: TriggerDraft, i: number, problem: DraftProblem | null): TemplateResult {
    const at = `${this.field}[${i}]`;
    const name = draft.name.trim();
    return html`<fieldset class="trigger" data-trigger=${i} @keydown=${this.#enterSubmits}>
      <legend>Trigger ${i + 1}${name ? `: ${name}` : ''}</legend>
      ${triggerFields({
        draft,
        at,
        context: `trigger ${i + 1}`,
        errorAt: (control) => this.#errorAt(draft, control, problem),
        set: (patch) => this.#change(this.drafts.map((d, j) => (j === i ? { ...d, ...patch } : d))),
      })}
      ${triggerPreview(previewOf(draft, problem), i)}
      <div class="actions"><button type="button" class="danger" aria-label="Remove trigger ${i + 1}" @click=${() => this.#remove(i)}>Remove</button></div>
    </fieldset>`;
  }

  /** The messages for one control: the live check's, then the last save's (the same words once). */
  #errorAt(draft: TriggerDraft, control: DraftField, problem: DraftProblem | null): string | undefined {
    const messages = problem?.control === control ? [`${problem.message} (${problem.code})`] : [];
    const refused = this.#refusedDrafts.indexOf(draft);
    const at = `${this.field}[${refused}]`;
    for (const error of refused === -1 ? [] : this.errors.list) {
      const inside = error.field === at || error.field.startsWith(`${at}.`);
      if (inside && controlOf(error.field.slice(at.length + 1)) === control && !messages.includes(error.message)) messages.push(error.message);
    }
    return messages.length ? messages.join('; ') : undefined;
  }

  #add(): void {
    this.#focusTrigger = this.drafts.length;
    this.#change([...this.drafts, emptyDraft()]);
  }

  #remove(index: number): void {
    this.#focusTrigger = Math.min(index, this.drafts.length - 2);
    this.#change(this.drafts.filter((_, j) => j !== index));
  }

  #change(drafts: TriggerDraft[]): void {
    this.drafts = drafts;
    this.dispatchEvent(new AdminTriggersChangedEvent(drafts));
  }

  /** Enter in a one-line field submits the form this list is part of (implicit submission stops at the shadow root). */
  #enterSubmits(event: KeyboardEvent): void {
    if (event.key !== 'Enter' || !(event.target instanceof HTMLInputElement)) return;
    event.preventDefault();
    this.closest('form')?.requestSubmit();
  }

  protected override updated(_changed: PropertyValues): void {
    if (this.#focusTrigger === null) return;
    const index = this.#focusTrigger;
    this.#focusTrigger = null;
    const target = index >= 0 ? this.renderRoot.querySelector<HTMLElement>(`#${idOf(`${this.field}[${index}].name`)}`) : this.renderRoot.querySelector<HTMLElement>('#add-trigger');
    target?.focus();
  }
}

define('rs-admin-trigger-editor', RsAdminTriggerEditor);

declare global {
  interface HTMLElementTagNameMap {
    'rs-admin-trigger-editor': RsAdminTriggerEditor;
  }
}
