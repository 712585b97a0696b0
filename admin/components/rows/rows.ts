import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { define } from '../../define.js';
import { AdminRowsChangedEvent } from '../../events.js';
import { FieldErrors } from '../../field-errors.js';
import { idOf, selectField, textField } from '../../views/fields.js';
import { shared } from '../shared.styles.js';
import { styles } from './rows.styles.js';

export interface RowColumn {
  /** The item's property (`code`); for a list of plain strings, any key with `scalar` set on the element. */
  key: string;
  label: string;
  options?: readonly { value: string; label: string }[];
  placeholder?: string;
}

export type Row = Record<string, string>;

/**
 * @summary A list editor: one row of fields per item, Add and Remove buttons, and the API's
 * messages at each row's fields (`allowedOrigins[2]`, `settings.urlTriggers[0].url`).
 *
 * The rows belong to the form around this element: typing fires `rs-admin-rows-changed`
 * with the new rows, and Enter in a field submits that form.
 *
 * @fires rs-admin-rows-changed - The rows changed.
 */
export class RsAdminRows extends LitElement {
  static override styles = [shared, styles];
  static override properties = {
    legend: {},
    field: {},
    item: {},
    hint: {},
    scalar: { type: Boolean },
    columns: { attribute: false },
    rows: { attribute: false },
    errors: { attribute: false },
  };
  /** The list's visible name ("Allowed origins"). */
  declare legend: string;
  /** The list's name in the API (`allowedOrigins`, `settings.notReadyReasons`). */
  declare field: string;
  /** One item, for button names ("origin" → "Add origin", "Remove origin 2"). */
  declare item: string;
  declare hint: string;
  /** Items are plain strings: errors are named `field[i]`, not `field[i].key`. */
  declare scalar: boolean;
  declare columns: RowColumn[];
  declare rows: Row[];
  declare errors: FieldErrors;
  /** Row whose first field takes focus after the next render (a row just added or removed). */
  #focusRow: number | null = null;

  constructor() {
    super();
    this.legend = '';
    this.field = '';
    this.item = 'item';
    this.hint = '';
    this.scalar = false;
    this.columns = [];
    this.rows = [];
    this.errors = FieldErrors.none;
  }

  override render(): TemplateResult {
    const listError = this.errors.at(this.field);
    const describedBy = [this.hint ? 'list-hint' : '', listError ? 'list-error' : ''].filter(Boolean).join(' ');
    return html`
      <fieldset aria-describedby=${describedBy || nothing}>
        <legend>${this.legend}</legend>
        ${this.hint ? html`<p class="hint" id="list-hint">${this.hint}</p>` : nothing}
        ${listError ? html`<p class="error" id="list-error">${listError}</p>` : nothing}
        ${this.rows.length && this.columns.length > 1
          ? html`<div class="row heading" aria-hidden="true">${this.columns.map((c) => html`<span>${c.label}</span>`)}<span></span></div>`
          : nothing}
        ${this.rows.map((row, i) => this.#row(row, i))}
        ${this.rows.length ? nothing : html`<p class="hint">None yet.</p>`}
        <div class="actions"><button type="button" @click=${this.#add}>Add ${this.item}</button></div>
      </fieldset>
    `;
  }

  #row(row: Row, i: number): TemplateResult {
    const at = `${this.field}[${i}]`;
    const rowError = this.scalar ? undefined : this.errors.at(at);
    return html`<div class="row" @keydown=${this.#enterSubmits}>
      ${this.columns.map((column, c) => {
        const name = this.scalar ? at : `${at}.${column.key}`;
        // A refusal of the whole list marks the first field, so focus has somewhere to go.
        const listRefused = i === 0 && c === 0 && this.errors.at(this.field) !== undefined;
        const common = {
          name,
          label: this.columns.length > 1 ? `${column.label} (${this.item} ${i + 1})` : `${column.label} ${i + 1}`,
          quietLabel: true,
          value: row[column.key] ?? '',
          error: [c === 0 ? rowError : undefined, this.errors.at(name)].filter(Boolean).join('; ') || undefined,
          ...(listRefused ? { invalid: true, describedBy: 'list-error' } : {}),
        };
        const set = (value: string) => this.#change(this.rows.map((r, j) => (j === i ? { ...r, [column.key]: value } : r)));
        return column.options
          ? selectField({ ...common, options: column.options, onChange: set })
          : textField({ ...common, onInput: set, ...(column.placeholder ? { placeholder: column.placeholder } : {}) });
      })}
      <button type="button" class="danger" aria-label="Remove ${this.item} ${i + 1}" @click=${() => this.#remove(i)}>Remove</button>
    </div>`;
  }

  #add(): void {
    const empty: Row = Object.fromEntries(this.columns.map((c) => [c.key, c.options?.[0]?.value ?? '']));
    this.#focusRow = this.rows.length;
    this.#change([...this.rows, empty]);
  }

  #remove(index: number): void {
    this.#focusRow = Math.min(index, this.rows.length - 2);
    this.#change(this.rows.filter((_, j) => j !== index));
  }

  #change(rows: Row[]): void {
    this.rows = rows;
    this.dispatchEvent(new AdminRowsChangedEvent(rows));
  }

  /** Enter in a row's field submits the form this list is part of (implicit submission stops at the shadow root). */
  #enterSubmits(event: KeyboardEvent): void {
    if (event.key !== 'Enter' || !(event.target instanceof HTMLInputElement)) return;
    event.preventDefault();
    this.closest('form')?.requestSubmit();
  }

  protected override updated(_changed: PropertyValues): void {
    if (this.#focusRow === null) return;
    const row = this.#focusRow;
    this.#focusRow = null;
    const first = this.columns[0];
    const target =
      row >= 0 && first
        ? this.renderRoot.querySelector<HTMLElement>(`#${idOf(this.scalar ? `${this.field}[${row}]` : `${this.field}[${row}].${first.key}`)}`)
        : this.renderRoot.querySelector<HTMLElement>('.actions button');
    target?.focus();
  }
}

define('rs-admin-rows', RsAdminRows);

declare global {
  interface HTMLElementTagNameMap {
    'rs-admin-rows': RsAdminRows;
  }
}
