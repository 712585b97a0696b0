import { html, nothing, type TemplateResult } from 'lit';
import type { TriggerTarget } from '../../admin-types.js';
import { selectField, textAreaField, textField } from '../../views/fields.js';
import type { DraftField, TriggerDraft } from '../../views/trigger-draft.js';

/**
 * The controls of one tenant URL trigger, as a template for `<rs-admin-trigger-editor>`: each
 * control is named by its API field (`settings.urlTriggers[0].when.queue`) so the server's
 * refusals land on it, and shows the message `errorAt` gives it.
 */

export const EVENTS_LIST_ID = 'trigger-events';

const targets: readonly { value: TriggerTarget; label: string }[] = [
  { value: 'new', label: 'New window' },
  { value: 'reuse', label: 'Reused window' },
  { value: 'background', label: 'Background request' },
  { value: 'route', label: 'CRM page route' },
];
const methods = [
  { value: '', label: 'Default (POST if a body)' },
  { value: 'GET', label: 'GET' },
  { value: 'POST', label: 'POST' },
] as const;
const bodyKinds = [
  { value: '', label: 'No body' },
  { value: 'json', label: 'JSON' },
  { value: 'form', label: 'Form fields' },
] as const;
const directions = [
  { value: '', label: 'Any' },
  { value: 'inbound', label: 'Inbound' },
  { value: 'outbound', label: 'Outbound' },
] as const;
const acds = [
  { value: '', label: 'Any' },
  { value: 'yes', label: 'Queue calls only' },
  { value: 'no', label: 'Direct calls only' },
] as const;

export interface TriggerFieldsOptions {
  draft: TriggerDraft;
  /** The API's name of this trigger (`settings.urlTriggers[2]`). */
  at: string;
  /** `trigger 3`, added to every control's accessible name. */
  context: string;
  errorAt: (control: DraftField) => string | undefined;
  set: (patch: Partial<TriggerDraft>) => void;
}

/**
 * Method and body: for background requests; also shown while either is set on another kind of
 * trigger, so nothing saved is hidden and a refusal (POST on a window) can be seen and fixed.
 */
const showsRequest = (d: TriggerDraft) => d.target === 'background' || d.method !== '' || d.bodyKind !== '';

export function triggerFields(o: TriggerFieldsOptions): TemplateResult {
  const { draft: d, at, context, errorAt, set } = o;
  const common = (control: DraftField, name: string, label: string) => ({ name: `${at}.${name}`, label, context, error: errorAt(control) });
  const route = d.target === 'route';
  return html`
    <div class="trigger-row">
      ${textField({ ...common('name', 'name', 'Name'), value: d.name, placeholder: 'Optional', onInput: (v) => set({ name: v }) })}
      ${textField({ ...common('event', 'event', 'Event'), value: d.event, list: EVENTS_LIST_ID, placeholder: 'inbound.received', onInput: (v) => set({ event: v }) })}
      ${selectField({ ...common('target', 'target', 'Open in'), value: d.target, options: targets, onChange: (v) => set({ target: v as TriggerTarget }) })}
    </div>
    ${textField({
      ...common('url', 'url', route ? 'Route' : 'URL'),
      value: d.url,
      placeholder: route ? '#/power?phoneNumber=^<%CALLERID%>' : 'https://crm.example.com/search?phone=<%CALLERID%>',
      hint: route ? 'A #… hash route or a /… path of the CRM page.' : 'An http:// or https:// URL; keys like <%CALLERID%> go in its path, query or fragment.',
      onInput: (v) => set({ url: v }),
    })}
    ${showsRequest(d)
      ? html`<div class="trigger-row">
            ${selectField({ ...common('method', 'method', 'Method'), value: d.method, options: methods, onChange: (v) => set({ method: v as TriggerDraft['method'] }) })}
            ${selectField({ ...common('bodyKind', 'bodyKind', 'Body'), value: d.bodyKind, options: bodyKinds, onChange: (v) => set({ bodyKind: v as TriggerDraft['bodyKind'] }) })}
          </div>
          ${d.bodyKind
            ? textAreaField({
                ...common('body', 'body', d.bodyKind === 'json' ? 'JSON body' : 'Form fields'),
                value: d.body,
                rows: 5,
                placeholder: d.bodyKind === 'json' ? '{"caller": "<%CALLERID%>", "id": "<%EVENTID%>"}' : 'phone=<%CALLERID%>\nid=<%EVENTID%>',
                hint: d.bodyKind === 'json' ? 'Any JSON; each string in it is a template.' : 'One field a line: name=template.',
                onInput: (v) => set({ body: v }),
              })
            : nothing}`
      : nothing}
    <fieldset class="conditions">
      <legend>Conditions <span class="visually-hidden">(${context})</span></legend>
      <p class="hint">All that are set must hold. Lists are comma-separated; any of their values matches.</p>
      <div class="trigger-row">
        ${selectField({ ...common('direction', 'when.direction', 'Direction'), value: d.direction, options: directions, onChange: (v) => set({ direction: v as TriggerDraft['direction'] }) })}
        ${selectField({ ...common('acd', 'when.acd', 'Queue (ACD) call'), value: d.acd, options: acds, onChange: (v) => set({ acd: v as TriggerDraft['acd'] }) })}
      </div>
      <div class="trigger-row">
        ${textField({ ...common('queue', 'when.queue', 'Queues'), value: d.queue, placeholder: 'Support, Sales', onInput: (v) => set({ queue: v }) })}
        ${textField({ ...common('did', 'when.did', 'Dialled numbers (DID)'), value: d.did, placeholder: '+390212345678', onInput: (v) => set({ did: v }) })}
        ${textField({ ...common('numberPrefix', 'when.numberPrefix', 'Number starts with'), value: d.numberPrefix, placeholder: '+39, 0', onInput: (v) => set({ numberPrefix: v }) })}
      </div>
    </fieldset>
  `;
}
