import { eventNames } from '../events.js';
import { parseTemplate, type Template, type TemplateErrorCode } from './template.js';

/**
 * The one checker of triggers, wherever they come from (the element's `triggers`, the tenant's
 * settings, the agent's own): it runs when a trigger is set or saved, and what it passes cannot
 * fail later for a reason the admin could have fixed. Every refusal has a code, the field it is
 * about and words for the admin; the other triggers of the list are kept.
 */

/** WorldSmart's fifteen events, under stable names. An ACD call is one that came through a queue. */
export const TRIGGER_EVENTS = [
  'inbound.received',
  'inbound.accepted',
  'inbound.hangup',
  'inbound.missed',
  'inbound.transfer',
  'outbound.connected',
  'outbound.hangup',
  'outbound.transfer',
  'login',
  'logout',
  'status',
  'acd.received',
  'acd.accepted',
  'acd.hangup',
  'acd.missed',
] as const;

export type TriggerEventName = (typeof TRIGGER_EVENTS)[number];

export const TRIGGER_MODES = ['window', 'reuse', 'background', 'route'] as const;
export type TriggerMode = (typeof TRIGGER_MODES)[number];

/** Conditions: all that are given must hold. A list means any of its values. */
export interface TriggerWhen {
  direction?: 'inbound' | 'outbound';
  /** true: only calls that came through a queue; false: only calls that did not. */
  acd?: boolean;
  queue?: string | string[];
  did?: string | string[];
  /** The other party's number starts with one of these (`+39`, `0`). */
  numberPrefix?: string | string[];
}

/** A trigger as an admin writes it (JSON). */
export interface TriggerConfig {
  name?: string;
  event: string;
  url: string;
  mode: TriggerMode;
  method?: 'GET' | 'POST';
  /** For `background` POST: a JSON body whose strings are templates, or form fields. */
  body?: { json: unknown } | { form: Record<string, string> };
  when?: TriggerWhen;
}

export type JsonTemplate = Template | number | boolean | null | JsonTemplate[] | { [key: string]: JsonTemplate };

/** A checked trigger, its templates parsed. */
export interface Trigger {
  /** Its name, or `trigger-<n>` from its place in the list: names its reused window and its log lines. */
  id: string;
  name: string;
  event: string;
  mode: TriggerMode;
  method: 'GET' | 'POST';
  url: Template;
  body: null | { type: 'json'; value: JsonTemplate } | { type: 'form'; fields: [string, Template][] };
  when: { direction?: 'inbound' | 'outbound'; acd?: boolean; queue?: string[]; did?: string[]; numberPrefix?: string[] };
  config: TriggerConfig;
}

export type TriggerErrorCode =
  | TemplateErrorCode
  | 'not_an_object'
  | 'not_a_list'
  | 'too_many_triggers'
  | 'unknown_field'
  | 'bad_name'
  | 'duplicate_name'
  | 'unknown_event'
  | 'unknown_mode'
  | 'bad_method'
  | 'bad_body'
  | 'body_not_allowed'
  | 'bad_when';

export interface TriggerProblem {
  code: TriggerErrorCode;
  /** The field refused, from the trigger (`url`, `when.queue`, `body.json.caller`). */
  field: string;
  message: string;
}

export const MAX_TRIGGERS = 50;
const FIELDS = ['name', 'event', 'url', 'mode', 'method', 'body', 'when'];
const WHEN_FIELDS = ['direction', 'acd', 'queue', 'did', 'numberPrefix'];
const NAME = /^[^\p{Cc}]{1,64}$/u;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

type Checked<T> = { ok: true; value: T } | { ok: false; problem: TriggerProblem };
const refuse = (code: TriggerErrorCode, field: string, message: string): { ok: false; problem: TriggerProblem } => ({ ok: false, problem: { code, field, message } });

/** A trigger's own steps (`OnTriggerActivity`) never fire triggers: a trigger on them would fire itself for ever. */
export function isTriggerEvent(name: unknown): boolean {
  return typeof name === 'string' && name !== 'OnTriggerActivity' && ((TRIGGER_EVENTS as readonly string[]).includes(name) || (eventNames as readonly string[]).includes(name));
}

function strings(value: unknown, field: string): Checked<string[] | undefined> {
  if (value === undefined) return { ok: true, value: undefined };
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || list.length === 0 || list.length > 100 || !list.every((s) => typeof s === 'string' && s.length > 0 && s.length <= 128)) {
    return refuse('bad_when', field, 'a non-empty string, or a list of them');
  }
  return { ok: true, value: list as string[] };
}

function checkWhen(value: unknown): Checked<Trigger['when']> {
  if (value === undefined) return { ok: true, value: {} };
  if (!isRecord(value)) return refuse('bad_when', 'when', 'conditions are an object like {"direction": "inbound", "acd": true}');
  const unknown = Object.keys(value).find((key) => !WHEN_FIELDS.includes(key));
  if (unknown) return refuse('bad_when', `when.${unknown.slice(0, 40)}`, `not a condition; conditions: ${WHEN_FIELDS.join(', ')}`);
  const when: Trigger['when'] = {};
  if (value.direction !== undefined) {
    if (value.direction !== 'inbound' && value.direction !== 'outbound') return refuse('bad_when', 'when.direction', '"inbound" or "outbound"');
    when.direction = value.direction;
  }
  if (value.acd !== undefined) {
    if (typeof value.acd !== 'boolean') return refuse('bad_when', 'when.acd', 'true (queue calls only) or false (calls that came through no queue)');
    when.acd = value.acd;
  }
  for (const key of ['queue', 'did', 'numberPrefix'] as const) {
    const list = strings(value[key], `when.${key}`);
    if (!list.ok) return list;
    if (list.value) when[key] = list.value;
  }
  return { ok: true, value: when };
}

function checkJson(value: unknown, field: string, depth: number): Checked<JsonTemplate> {
  if (depth > 6) return refuse('bad_body', field, 'the JSON body nests too deep (6 levels at most)');
  if (value === null || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) return { ok: true, value: value as JsonTemplate };
  if (typeof value === 'string') {
    const template = parseTemplate(value, 'text');
    return template.ok ? { ok: true, value: template.value } : refuse(template.error.code, field, template.error.message);
  }
  if (Array.isArray(value)) {
    const items: JsonTemplate[] = [];
    for (const [i, item] of value.entries()) {
      const checked = checkJson(item, `${field}[${i}]`, depth + 1);
      if (!checked.ok) return checked;
      items.push(checked.value);
    }
    return { ok: true, value: items };
  }
  if (isRecord(value)) {
    const object: { [key: string]: JsonTemplate } = {};
    for (const [key, item] of Object.entries(value)) {
      const checked = checkJson(item, `${field}.${key.slice(0, 40)}`, depth + 1);
      if (!checked.ok) return checked;
      object[key] = checked.value;
    }
    return { ok: true, value: object };
  }
  return refuse('bad_body', field, 'JSON values only: strings (templates), numbers, true, false, null, lists, objects');
}

function checkBody(value: unknown): Checked<Trigger['body']> {
  if (value === undefined) return { ok: true, value: null };
  if (!isRecord(value) || Object.keys(value).length !== 1 || !('json' in value || 'form' in value)) {
    return refuse('bad_body', 'body', 'a body is {"json": {...}} or {"form": {"field": "<%KEY%>"}}');
  }
  if ('json' in value) {
    const json = checkJson(value.json, 'body.json', 0);
    return json.ok ? { ok: true, value: { type: 'json', value: json.value } } : json;
  }
  if (!isRecord(value.form)) return refuse('bad_body', 'body.form', 'form fields are an object of strings, like {"phone": "<%CALLERID%>"}');
  const fields: [string, Template][] = [];
  for (const [key, item] of Object.entries(value.form)) {
    if (typeof item !== 'string') return refuse('bad_body', `body.form.${key.slice(0, 40)}`, 'a form field is a string (a template)');
    const template = parseTemplate(item, 'text');
    if (!template.ok) return refuse(template.error.code, `body.form.${key.slice(0, 40)}`, template.error.message);
    fields.push([key, template.value]);
  }
  return { ok: true, value: { type: 'form', fields } };
}

/** Checks one trigger; `index` names a nameless one. */
export function checkTrigger(value: unknown, index = 0): Checked<Trigger> {
  if (!isRecord(value)) return refuse('not_an_object', '', 'a trigger is an object like {"event": "inbound.received", "url": "https://…", "mode": "window"}');
  const unknown = Object.keys(value).find((key) => !FIELDS.includes(key));
  if (unknown) return refuse('unknown_field', unknown.slice(0, 40), `not a trigger field; fields: ${FIELDS.join(', ')}`);
  if (value.name !== undefined && (typeof value.name !== 'string' || !NAME.test(value.name))) return refuse('bad_name', 'name', 'a name is 1 to 64 characters, no control characters');
  if (!isTriggerEvent(value.event)) {
    return refuse('unknown_event', 'event', `not an event: one of ${TRIGGER_EVENTS.join(', ')}, or a protocol event name like OnIncomingCallRinging`);
  }
  if (!(TRIGGER_MODES as readonly unknown[]).includes(value.mode)) return refuse('unknown_mode', 'mode', `one of ${TRIGGER_MODES.join(', ')}`);
  const mode = value.mode as TriggerMode;
  const url = parseTemplate(value.url, mode === 'route' ? 'route' : 'url');
  if (!url.ok) return refuse(url.error.code, 'url', url.error.message);
  const body = checkBody(value.body);
  if (!body.ok) return body;
  if (value.method !== undefined && value.method !== 'GET' && value.method !== 'POST') return refuse('bad_method', 'method', '"GET" or "POST"');
  const method = (value.method as 'GET' | 'POST' | undefined) ?? (body.value ? 'POST' : 'GET');
  if (mode !== 'background' && (value.method === 'POST' || body.value)) return refuse('body_not_allowed', value.body ? 'body' : 'method', `a ${mode} trigger opens its URL: POST and a body are for background triggers`);
  if (method === 'GET' && body.value) return refuse('body_not_allowed', 'body', 'a GET request has no body: use "method": "POST"');
  const when = checkWhen(value.when);
  if (!when.ok) return when;
  const name = typeof value.name === 'string' ? value.name : '';
  return {
    ok: true,
    value: { id: name || `trigger-${index + 1}`, name, event: value.event as string, mode, method, url: url.value, body: body.value, when: when.value, config: value as unknown as TriggerConfig },
  };
}

/** Checks a list: the triggers that pass, and a problem for each that does not (with its place). */
export function checkTriggers(value: unknown): { triggers: Trigger[]; problems: (TriggerProblem & { index: number })[] } {
  if (value === undefined || value === null) return { triggers: [], problems: [] };
  if (!Array.isArray(value)) return { triggers: [], problems: [{ index: -1, code: 'not_a_list', field: '', message: 'triggers are a list of trigger objects' }] };
  const triggers: Trigger[] = [];
  const problems: (TriggerProblem & { index: number })[] = [];
  const names = new Set<string>();
  for (const [index, item] of value.entries()) {
    if (index >= MAX_TRIGGERS) {
      problems.push({ index, code: 'too_many_triggers', field: '', message: `at most ${MAX_TRIGGERS} triggers; the rest are ignored` });
      break;
    }
    const checked = checkTrigger(item, index);
    if (!checked.ok) problems.push({ index, ...checked.problem });
    else if (checked.value.name && names.has(checked.value.name)) problems.push({ index, code: 'duplicate_name', field: 'name', message: `another trigger is named "${checked.value.name}"` });
    else {
      if (checked.value.name) names.add(checked.value.name);
      triggers.push(checked.value);
    }
  }
  return { triggers, problems };
}
