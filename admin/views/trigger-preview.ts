import { html, nothing, type TemplateResult } from 'lit';
import { SAMPLE_VALUES, type KeyValues } from '../../src/protocol/triggers/keys.js';
import { renderText, renderUrl, type Template } from '../../src/protocol/triggers/template.js';
import { checkTrigger, type JsonTemplate, type Trigger } from '../../src/protocol/triggers/validate.js';
import { configOf, isBlank, MODE_OF_TARGET, type DraftProblem, type TriggerDraft } from './trigger-draft.js';

/**
 * The live preview of a tenant URL trigger: when the element's own checker (the one the server
 * saves with) passes it, the URL or route it would use for a sample call and, for a background
 * POST, the body it would send; when it does not, the refusal with its code. Nothing is sent.
 */

/** The CRM page a route is previewed against. */
const PAGE = 'https://crm.example.com/';

export type TriggerPreview =
  | { ok: true; url: string; method: 'GET' | 'POST'; body: { contentType: string; text: string } | null }
  | { ok: false; code: string; message: string }
  | null;

function renderJson(value: JsonTemplate, values: KeyValues): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => renderJson(item, values));
  if ('parts' in value && 'kind' in value) return renderText(value as Template, values);
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, renderJson(item, values)]));
}

function bodyOf(trigger: Trigger, values: KeyValues): { contentType: string; text: string } | null {
  if (!trigger.body) return null;
  if (trigger.body.type === 'json') return { contentType: 'application/json', text: JSON.stringify(renderJson(trigger.body.value, values), null, 2) };
  const form = new URLSearchParams(trigger.body.fields.map(([name, template]) => [name, renderText(template, values)]));
  return { contentType: 'application/x-www-form-urlencoded', text: form.toString() };
}

/** The preview of one draft whose check (`checkDrafts`) gave `problem`. */
export function previewOf(draft: TriggerDraft, problem: DraftProblem | null): TriggerPreview {
  if (isBlank(draft)) return null;
  if (problem) return { ok: false, code: problem.code, message: problem.message };
  const built = configOf(draft);
  if (!built.ok) return { ok: false, code: built.problem.code, message: built.problem.message };
  const { target, ...rest } = built.value;
  const checked = checkTrigger({ ...rest, mode: MODE_OF_TARGET[target] });
  if (!checked.ok) return { ok: false, code: checked.problem.code, message: checked.problem.message };
  const values: KeyValues = { keys: { ...SAMPLE_VALUES.keys, EVENT: checked.value.event }, vars: SAMPLE_VALUES.vars };
  const url = renderUrl(checked.value.url, values, PAGE);
  if (!url.ok) return { ok: false, code: url.error.code, message: url.error.message };
  return { ok: true, url: url.value, method: checked.value.method, body: checked.value.mode === 'background' ? bodyOf(checked.value, values) : null };
}

/** What the sample call is, said once above the list. */
export function sampleCall(): string {
  const { CALLERID, CALLERNAME, USEREXT, QUEUENAME } = SAMPLE_VALUES.keys;
  return `Preview for a sample call from ${CALLERID} (${CALLERNAME}) in queue ${QUEUENAME} to extension ${USEREXT}.`;
}

/** One trigger's preview: `data-trigger-preview` holds the URL or the refusal, `data-trigger-body-preview` the body. */
export function triggerPreview(preview: TriggerPreview, index: number): TemplateResult {
  return html`<div class="preview" aria-live="polite">
    <span class="hint">Sample call:</span>
    <span data-trigger-preview=${index}
      >${!preview ? '—' : preview.ok ? html`<code>${preview.url}</code>` : html`<span class="error">Refused (${preview.code}): ${preview.message}</span>`}</span
    >
    ${preview?.ok && preview.body
      ? html`<span class="hint">${preview.method} body (${preview.body.contentType}):</span>
          <pre data-trigger-body-preview=${index}>${preview.body.text}</pre>`
      : nothing}
  </div>`;
}
