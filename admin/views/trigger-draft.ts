import { checkTrigger, type TriggerErrorCode, type TriggerMode } from '../../src/protocol/triggers/validate.js';
import { triggerTargets, type TriggerTarget, type TriggerWhen, type UrlTrigger } from '../admin-types.js';

/**
 * A tenant URL trigger as the admin page edits it: every field as the text of its control,
 * and the trigger as loaded. Pure functions, no DOM: the editor renders drafts, the form saves
 * `configOf` each, and `checkDraft` runs the element's own checker (the one the server saves
 * with) on what would be sent, naming the control a refusal belongs to.
 *
 * A field the admin did not touch is sent as it was loaded (a queue written as one string
 * stays a string, a JSON body keeps its numbers), so saving without a change changes nothing.
 */
export interface TriggerDraft {
  name: string;
  event: string;
  url: string;
  target: TriggerTarget;
  /** `''`: not given (GET, or POST with a body). */
  method: '' | 'GET' | 'POST';
  bodyKind: '' | 'json' | 'form';
  /** JSON text, or form fields one a line, `name=template`. */
  body: string;
  direction: '' | 'inbound' | 'outbound';
  acd: '' | 'yes' | 'no';
  /** Comma-separated lists. */
  queue: string;
  did: string;
  numberPrefix: string;
  /** The trigger as the API had it; absent for one added in the page. */
  original?: UrlTrigger;
}

/** The controls of a draft, in the order the editor shows them. */
export const DRAFT_FIELDS = ['name', 'event', 'target', 'url', 'method', 'bodyKind', 'body', 'direction', 'acd', 'queue', 'did', 'numberPrefix'] as const;
export type DraftField = (typeof DRAFT_FIELDS)[number];
const WHEN_LISTS = ['queue', 'did', 'numberPrefix'] as const;

export const MODE_OF_TARGET: Record<TriggerTarget, TriggerMode> = { new: 'window', reuse: 'reuse', background: 'background', route: 'route' };

export const emptyDraft = (): TriggerDraft => ({
  name: '',
  event: '',
  url: '',
  target: 'new',
  method: '',
  bodyKind: '',
  body: '',
  direction: '',
  acd: '',
  queue: '',
  did: '',
  numberPrefix: '',
});

const listText = (value: unknown): string => (Array.isArray(value) ? value.map(String).join(', ') : typeof value === 'string' ? value : '');
const formText = (form: Record<string, unknown>): string =>
  Object.entries(form)
    .map(([key, value]) => `${key}=${String(value)}`)
    .join('\n');

export function draftOf(trigger: UrlTrigger): TriggerDraft {
  const when: TriggerWhen = trigger.when ?? {};
  const body = trigger.body as Record<string, unknown> | undefined;
  const bodyKind = body && 'json' in body ? 'json' : body && 'form' in body ? 'form' : '';
  return {
    name: trigger.name ?? '',
    event: trigger.event,
    url: trigger.url,
    target: trigger.target,
    method: trigger.method === 'GET' || trigger.method === 'POST' ? trigger.method : '',
    bodyKind,
    body: bodyKind === 'json' ? JSON.stringify(body!.json, null, 2) : bodyKind === 'form' ? formText((body!.form ?? {}) as Record<string, unknown>) : '',
    direction: when.direction ?? '',
    acd: when.acd === true ? 'yes' : when.acd === false ? 'no' : '',
    queue: listText(when.queue),
    did: listText(when.did),
    numberPrefix: listText(when.numberPrefix),
    original: trigger,
  };
}

/** A draft with nothing typed in it (the target alone does not count): not sent. */
export const isBlank = (d: TriggerDraft): boolean =>
  !d.name.trim() && !d.event.trim() && !d.url.trim() && !d.method && !d.bodyKind && !d.body.trim() && !d.direction && !d.acd && !d.queue.trim() && !d.did.trim() && !d.numberPrefix.trim();

/** A refusal at one control of a draft: the checker's code and words. */
export interface DraftProblem {
  control: DraftField;
  code: TriggerErrorCode;
  message: string;
}

export type Built = { ok: true; value: UrlTrigger } | { ok: false; problem: DraftProblem };

/** The body as written: JSON text, or `name=template` lines (blank lines skipped). */
function bodyOf(kind: 'json' | 'form', text: string): { ok: true; value: UrlTrigger['body'] } | { ok: false; problem: DraftProblem } {
  if (kind === 'json') {
    try {
      return { ok: true, value: { json: JSON.parse(text) as unknown } };
    } catch (error) {
      return { ok: false, problem: { control: 'body', code: 'bad_body', message: `not JSON: ${error instanceof Error ? error.message : String(error)}` } };
    }
  }
  const form: Record<string, string> = {};
  for (const [i, line] of text.split('\n').entries()) {
    const clean = line.replace(/\r$/, '');
    if (!clean.trim()) continue;
    const eq = clean.indexOf('=');
    if (eq < 1) return { ok: false, problem: { control: 'body', code: 'bad_body', message: `line ${i + 1}: a form field is name=template, like phone=<%CALLERID%>` } };
    form[clean.slice(0, eq).trim()] = clean.slice(eq + 1);
  }
  return { ok: true, value: { form } };
}

const listOf = (text: string): string[] =>
  text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

/**
 * The trigger the API gets for a draft: fields not touched as they were loaded, the others
 * from their text. Fails only where no trigger can be written at all (a JSON body that does not
 * parse); everything else goes to the checker, here and at the server.
 */
export function configOf(d: TriggerDraft): Built {
  const original = d.original;
  const was = original ? draftOf(original) : undefined;
  const same = (...keys: DraftField[]) => was !== undefined && keys.every((key) => d[key] === was[key]);
  const out: Record<string, unknown> = { ...(original ?? {}) };
  out.event = same('event') ? original!.event : d.event.trim();
  out.url = same('url') ? original!.url : d.url.trim();
  out.target = d.target;
  const set = (key: string, value: unknown) => (value === undefined ? delete out[key] : (out[key] = value));
  if (!same('name')) set('name', d.name.trim() || undefined);
  if (!same('method')) set('method', d.method || undefined);
  if (!same('bodyKind', 'body')) {
    if (!d.bodyKind) set('body', undefined);
    else {
      const body = bodyOf(d.bodyKind, d.body);
      if (!body.ok) return body;
      set('body', body.value);
    }
  }
  if (!same('direction', 'acd', ...WHEN_LISTS)) {
    const before: TriggerWhen = original?.when ?? {};
    const when: TriggerWhen = {};
    if (same('direction')) Object.assign(when, before.direction === undefined ? {} : { direction: before.direction });
    else if (d.direction) when.direction = d.direction;
    if (same('acd')) Object.assign(when, before.acd === undefined ? {} : { acd: before.acd });
    else if (d.acd) when.acd = d.acd === 'yes';
    for (const key of WHEN_LISTS) {
      if (same(key)) {
        if (before[key] !== undefined) when[key] = before[key];
        continue;
      }
      const list = listOf(d[key]);
      if (list.length) when[key] = list.length === 1 ? list[0]! : list;
    }
    set('when', Object.keys(when).length ? when : undefined);
  }
  return { ok: true, value: out as unknown as UrlTrigger };
}

/** The control that shows a refusal of the checker's `field` (`url`, `when.queue`, `body.json.caller`). */
export function controlOf(field: string): DraftField {
  const head = field.split(/[.[]/)[0] ?? '';
  if (head === 'mode' || head === 'target') return 'target';
  if (head === 'when') {
    const key = field.slice(5).split(/[.[]/)[0] ?? '';
    return (['direction', 'acd', ...WHEN_LISTS] as readonly string[]).includes(key) ? (key as DraftField) : 'direction';
  }
  if (head === 'body') return 'body';
  return (['name', 'event', 'url', 'method'] as readonly string[]).includes(head) ? (head as DraftField) : 'event';
}

/**
 * The first refusal of a draft, as the server would give it: the element's checker on the
 * trigger that would be sent, and a name another trigger of the list already has. Null when it
 * passes (a blank draft passes: it is not sent).
 */
export function checkDraft(d: TriggerDraft, index: number, names: readonly string[] = []): DraftProblem | null {
  if (isBlank(d)) return null;
  const built = configOf(d);
  if (!built.ok) {
    // The checker looks at name, event, target and URL before the body: so does this.
    const before = checkDraft({ ...d, bodyKind: '', body: '' }, index, names);
    return before && ['name', 'event', 'target', 'url'].includes(before.control) ? before : built.problem;
  }
  const { target, ...rest } = built.value;
  if (!(triggerTargets as readonly string[]).includes(target)) return { control: 'target', code: 'unknown_mode', message: `one of ${triggerTargets.join(', ')}` };
  const checked = checkTrigger({ ...rest, mode: MODE_OF_TARGET[target] }, index);
  if (!checked.ok) return { control: controlOf(checked.problem.field), code: checked.problem.code, message: checked.problem.message };
  if (checked.value.name && names.includes(checked.value.name)) return { control: 'name', code: 'duplicate_name', message: 'another trigger has this name' };
  return null;
}

/** Each draft's refusal, duplicate names counted from the first (the server refuses the later ones). */
export function checkDrafts(drafts: readonly TriggerDraft[]): (DraftProblem | null)[] {
  const names: string[] = [];
  return drafts.map((d, i) => {
    const problem = checkDraft(d, i, names);
    const built = problem || isBlank(d) ? undefined : configOf(d);
    if (built?.ok && built.value.name) names.push(built.value.name);
    return problem;
  });
}
