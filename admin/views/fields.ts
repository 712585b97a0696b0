import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';

/**
 * Labelled form controls that show the API's message at the field: the message is linked by
 * aria-describedby and the control carries aria-invalid, so a screen reader reads the
 * message when focus lands there. Templates, not elements: a label and its control must
 * share one shadow root, and a form's Enter must reach its submit button.
 */

/** An id for a field name that is safe in an id-ref (`allowedOrigins[0]` → `f-allowedOrigins_0_`). */
export const idOf = (name: string): string => `f-${name.replace(/[^A-Za-z0-9_-]/g, '_')}`;

interface Common {
  /** The API's name for the field; also the control's `name`. */
  name: string;
  label: string;
  error?: string | undefined;
  hint?: string;
  /** Hide the label visually (rows of a list show column headings instead); it stays the accessible name. */
  quietLabel?: boolean;
  /** Added to the accessible name only (`trigger 2`), where the visible label is shared by several items. */
  context?: string;
  /** Invalid because of a message shown elsewhere (the whole list's), which `describedBy` names. */
  invalid?: boolean;
  describedBy?: string;
}

const invalid = (o: Common): 'true' | 'false' => (o.error || o.invalid ? 'true' : 'false');

function describedBy(o: Common): string | undefined {
  const ids = [o.describedBy ?? '', o.hint ? `${idOf(o.name)}-hint` : '', o.error ? `${idOf(o.name)}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function notes(name: string, hint: string | undefined, error: string | undefined): TemplateResult {
  return html`${hint ? html`<p class="hint" id="${idOf(name)}-hint">${hint}</p>` : nothing}${error
    ? html`<p class="error" id="${idOf(name)}-error">${error}</p>`
    : nothing}`;
}

const labelFor = (o: Common) =>
  html`<label for=${idOf(o.name)} class=${o.quietLabel ? 'visually-hidden' : ''}>${o.label}${o.context ? html`<span class="visually-hidden"> (${o.context})</span>` : nothing}</label>`;

export interface TextOptions extends Common {
  value: string;
  type?: 'text' | 'password' | 'number' | 'url';
  required?: boolean;
  autocomplete?: string;
  list?: string;
  placeholder?: string;
  onInput: (value: string) => void;
}

export function textField(o: TextOptions): TemplateResult {
  return html`<div class="field ${invalid(o) === 'true' ? 'invalid' : ''}">
    ${labelFor(o)}
    <input
      id=${idOf(o.name)}
      name=${o.name}
      type=${o.type ?? 'text'}
      .value=${live(o.value)}
      ?required=${o.required ?? false}
      autocomplete=${o.autocomplete ?? 'off'}
      list=${ifDefined(o.list)}
      placeholder=${ifDefined(o.placeholder)}
      aria-invalid=${invalid(o)}
      aria-describedby=${ifDefined(describedBy(o))}
      @input=${(e: Event) => o.onInput((e.target as HTMLInputElement).value)}
    />
    ${notes(o.name, o.hint, o.error)}
  </div>`;
}

export interface CheckOptions extends Common {
  checked: boolean;
  onChange: (checked: boolean) => void;
}

export function checkField(o: CheckOptions): TemplateResult {
  return html`<div class="field check ${invalid(o) === 'true' ? 'invalid' : ''}">
    <input
      id=${idOf(o.name)}
      name=${o.name}
      type="checkbox"
      .checked=${live(o.checked)}
      aria-invalid=${invalid(o)}
      aria-describedby=${ifDefined(describedBy(o))}
      @change=${(e: Event) => o.onChange((e.target as HTMLInputElement).checked)}
    />
    ${labelFor(o)} ${notes(o.name, o.hint, o.error)}
  </div>`;
}

export interface SelectOptions extends Common {
  value: string;
  options: readonly { value: string; label: string }[];
  onChange: (value: string) => void;
}

export function selectField(o: SelectOptions): TemplateResult {
  return html`<div class="field ${invalid(o) === 'true' ? 'invalid' : ''}">
    ${labelFor(o)}
    <select
      id=${idOf(o.name)}
      name=${o.name}
      aria-invalid=${invalid(o)}
      aria-describedby=${ifDefined(describedBy(o))}
      @change=${(e: Event) => o.onChange((e.target as HTMLSelectElement).value)}
    >
      ${o.options.map((option) => html`<option value=${option.value} ?selected=${option.value === o.value}>${option.label}</option>`)}
    </select>
    ${notes(o.name, o.hint, o.error)}
  </div>`;
}

export interface TextAreaOptions extends Common {
  value: string;
  rows?: number;
  placeholder?: string;
  onInput: (value: string) => void;
}

/** A multi-line text (a JSON body); Enter makes a new line, it does not submit. */
export function textAreaField(o: TextAreaOptions): TemplateResult {
  return html`<div class="field ${invalid(o) === 'true' ? 'invalid' : ''}">
    ${labelFor(o)}
    <textarea
      id=${idOf(o.name)}
      name=${o.name}
      rows=${o.rows ?? 4}
      .value=${live(o.value)}
      spellcheck="false"
      placeholder=${ifDefined(o.placeholder)}
      aria-invalid=${invalid(o)}
      aria-describedby=${ifDefined(describedBy(o))}
      @input=${(e: Event) => o.onInput((e.target as HTMLTextAreaElement).value)}
    ></textarea>
    ${notes(o.name, o.hint, o.error)}
  </div>`;
}

/** The form's own message (a refusal no field shows); announced when it appears. */
export const formProblem = (problem: string): TemplateResult | typeof nothing => (problem ? html`<p class="problem" role="alert">${problem}</p>` : nothing);
