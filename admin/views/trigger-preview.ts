import { html, nothing, type TemplateResult } from 'lit';
import { SAMPLE_VALUES } from '../../src/protocol/triggers/keys.js';
import { renderUrl } from '../../src/protocol/triggers/template.js';
import { checkTrigger, type TriggerMode } from '../../src/protocol/triggers/validate.js';
import type { Row } from '../components/rows/rows.js';

/**
 * The live preview of the tenant's URL triggers: each row checked by the element's own checker
 * (the one the server saves with) and, when it passes, its URL for a sample call; when it does
 * not, the refusal with its code. Nothing is sent anywhere.
 */
const MODES: Record<string, TriggerMode> = { new: 'window', reuse: 'reuse', background: 'background' };

export type TriggerPreview = { ok: true; url: string } | { ok: false; code: string; message: string } | null;

export function previewOf(row: Row): TriggerPreview {
  const event = row.event?.trim() ?? '';
  const url = row.url?.trim() ?? '';
  if (!event && !url) return null;
  const checked = checkTrigger({ event, url, mode: MODES[row.target ?? ''] ?? 'window' });
  if (!checked.ok) return { ok: false, code: checked.problem.code, message: checked.problem.message };
  const values = { keys: { ...SAMPLE_VALUES.keys, EVENT: event }, vars: SAMPLE_VALUES.vars };
  const rendered = renderUrl(checked.value.url, values, 'https://crm.example.com/');
  return rendered.ok ? { ok: true, url: rendered.value } : { ok: false, code: rendered.error.code, message: rendered.error.message };
}

export function triggerPreviews(rows: Row[]): TemplateResult | typeof nothing {
  const previews = rows.map(previewOf);
  if (!previews.some(Boolean)) return nothing;
  const { CALLERID, CALLERNAME, USEREXT, QUEUENAME } = SAMPLE_VALUES.keys;
  return html`<div class="trigger-previews" aria-live="polite">
    <p class="hint">Preview for a sample call from ${CALLERID} (${CALLERNAME}) in queue ${QUEUENAME} to extension ${USEREXT}:</p>
    <ol>
      ${previews.map(
        (preview, i) =>
          html`<li data-trigger-preview=${i}>${!preview ? '—' : preview.ok ? html`<code>${preview.url}</code>` : html`<span class="error">Refused (${preview.code}): ${preview.message}</span>`}</li>`,
      )}
    </ol>
  </div>`;
}
