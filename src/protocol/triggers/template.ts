import { isTriggerKey, SAMPLE_VALUES, TRIGGER_KEYS, VAR_NAME, type KeyValues, type TriggerKey } from './keys.js';

/**
 * URL templates of triggers: `<%KEY%>`, `<%RAW:KEY%>` and `<%VAR:name%>` in an http(s) URL,
 * a route of the CRM page (`#/power?phoneNumber=^<%CALLERID%>`, `/contacts?q=<%CALLERID%>`),
 * or a text (a field of a request body).
 *
 * Checked once, when a trigger is saved or set (`parseTemplate`), never while a call rings:
 * rendering a parsed template cannot fail for a reason the admin could have fixed.
 *
 * In a URL every value is percent-encoded as UTF-8, all but `A–Z a–z 0–9 - . _ ~`, wherever
 * it lands: that keeps it inside its component whichever it is, a path segment (`/` encoded),
 * a query value (`& = + #` encoded) or a hash route and its query (`? & = / #` encoded). So
 * `+0702007722` arrives as `%2B0702007722`. No key may stand in the scheme, the host or the
 * port, so no value (not even a RAW one) can change where the URL goes; a value of `.` or `..`
 * that would climb the path is refused when it comes (`value_not_allowed`). The admin's own
 * text is kept as written, except what no URL may hold: spaces and other characters that must
 * be encoded are (`%20`), a `%` not followed by two hex digits becomes `%25`, and line breaks
 * (a URL wrapped in a document) are dropped.
 */

export type TemplateKind = 'url' | 'route' | 'text';

/** Where in the URL a key stands, which decides nothing about encoding but what it may break. */
export type UrlComponent = 'path' | 'query' | 'fragment' | 'text';

export type TemplateErrorCode =
  | 'broken_template'
  | 'unknown_key'
  | 'relative_url'
  | 'scheme_not_allowed'
  | 'key_in_origin'
  | 'credentials_in_url'
  | 'not_a_url'
  | 'route_not_relative';

export type RenderErrorCode = 'value_not_allowed' | 'origin_changed';

export interface TemplateError<C extends string = TemplateErrorCode> {
  code: C;
  message: string;
}

export type TemplatePart = { text: string } | { key: TriggerKey | `VAR:${string}`; raw: boolean; at: UrlComponent };

export interface Template {
  kind: TemplateKind;
  /** The template as written (trimmed). */
  source: string;
  parts: TemplatePart[];
}

export type Parsed<T, C extends string = TemplateErrorCode> = { ok: true; value: T } | { ok: false; error: TemplateError<C> };

/** The longest template taken: far above any CRM URL, short of a URL browsers refuse. */
export const MAX_TEMPLATE_LENGTH = 4096;

const fail = <C extends string>(code: C, message: string): { ok: false; error: TemplateError<C> } => ({ ok: false, error: { code, message } });

const HEX = '0123456789ABCDEF';
const percent = (byte: number) => `%${HEX[byte >> 4]}${HEX[byte & 15]}`;
const utf8 = (text: string) => [...new TextEncoder().encode(text)].map(percent).join('');

/** Every character but the unreserved ones, as UTF-8 percent-escapes (RFC 3986's strictest). */
export function encodeValue(value: string): string {
  return utf8(value).replace(/%(2D|2E|5F|7E|3[0-9]|4[1-9A-F]|5[0-9A]|6[1-9A-F]|7[0-9A])/g, (escape) => String.fromCharCode(parseInt(escape.slice(1), 16)));
}

/** The admin's text in a URL: what no URL may hold is encoded, the rest kept as written. */
function normalizeLiteral(text: string): string {
  return text
    .replace(/[\t\r\n]/g, '')
    .replace(/%(?![0-9A-Fa-f]{2})|[\u0000-\u0020"<>`\u007F]|[^\u0000-\u007F]+/gu, (match) => (match === '%' ? '%25' : utf8(match)));
}

/** Splits `<%…%>` placeholders from the text around them and names the key of each. */
function tokenize(source: string): Parsed<({ text: string } | { key: TriggerKey | `VAR:${string}`; raw: boolean })[]> {
  const parts: ({ text: string } | { key: TriggerKey | `VAR:${string}`; raw: boolean })[] = [];
  let at = 0;
  while (at < source.length) {
    const open = source.indexOf('<%', at);
    const stray = source.indexOf('%>', at);
    if (stray !== -1 && (open === -1 || stray < open)) return fail('broken_template', `"%>" at ${stray + 1} closes no "<%"`);
    if (open === -1) {
      parts.push({ text: source.slice(at) });
      break;
    }
    if (open > at) parts.push({ text: source.slice(at, open) });
    const close = source.indexOf('%>', open + 2);
    if (close === -1) return fail('broken_template', `"<%" at ${open + 1} is never closed with "%>"`);
    const inner = source.slice(open + 2, close);
    if (inner.includes('<%')) return fail('broken_template', `"<%" at ${open + 1} is never closed with "%>"`);
    const key = keyOf(inner.trim());
    if (!key.ok) return key;
    parts.push(key.value);
    at = close + 2;
  }
  return { ok: true, value: parts };
}

function keyOf(name: string): Parsed<{ key: TriggerKey | `VAR:${string}`; raw: boolean }> {
  if (!name) return fail('broken_template', 'an empty "<%%>": name a key, like <%CALLERID%>');
  const raw = name.startsWith('RAW:');
  const bare = raw ? name.slice(4) : name;
  if (bare.startsWith('VAR:')) {
    const variable = bare.slice(4);
    if (!VAR_NAME.test(variable)) return fail('unknown_key', `<%${name.slice(0, 80)}%>: a CTI variable name is 1 to 64 letters, digits, "_", "." or "-"`);
    return { ok: true, value: { key: `VAR:${variable}`, raw } };
  }
  if (isTriggerKey(bare)) return { ok: true, value: { key: bare, raw } };
  const hint = isTriggerKey(bare.toUpperCase()) ? ` (keys are upper case: ${bare.toUpperCase()})` : '';
  return fail('unknown_key', `<%${name.slice(0, 80)}%> is not a key${hint}; keys: ${TRIGGER_KEYS.join(', ')}, VAR:<name>, and RAW: before any of them`);
}

/**
 * Names the component each key stands in, from the text before it. `start` is where the path,
 * query or fragment begins; before it (scheme, host, port) no key may stand.
 */
function placeKeys(tokens: ({ text: string } | { key: TriggerKey | `VAR:${string}`; raw: boolean })[], start: number, first: UrlComponent): TemplatePart[] {
  let offset = 0;
  let at: UrlComponent = first;
  const parts: TemplatePart[] = [];
  for (const token of tokens) {
    if ('key' in token) {
      parts.push({ ...token, at });
      continue;
    }
    const text = token.text.replace(/[\t\r\n]/g, '');
    for (let i = Math.max(0, start - offset); i < text.length; i++) {
      if (text[i] === '#') at = 'fragment';
      else if (text[i] === '?' && at === 'path') at = 'query';
    }
    offset += text.length;
    parts.push({ text: normalizeLiteral(text) });
  }
  return parts;
}

/** The template's text with a NUL where each key stands, so its shape can be read. */
const skeletonOf = (tokens: ({ text: string } | { key: string })[]) => tokens.map((t) => ('key' in t ? '\u0000' : t.text.replace(/[\t\r\n]/g, ''))).join('');

/**
 * Parses and checks a template of `kind`. A URL must be absolute http(s) with its scheme, host
 * and port written out; a route must start with `#` or one `/`; a text takes any keys.
 */
export function parseTemplate(input: unknown, kind: TemplateKind): Parsed<Template> {
  if (typeof input !== 'string' || !input.trim()) return fail(kind === 'text' ? 'broken_template' : 'not_a_url', 'a template is a non-empty string');
  const source = kind === 'text' ? input : input.trim();
  if (source.length > MAX_TEMPLATE_LENGTH) return fail('broken_template', `a template is at most ${MAX_TEMPLATE_LENGTH} characters`);
  const tokens = tokenize(source);
  if (!tokens.ok) return tokens;
  if (kind === 'text') {
    return { ok: true, value: { kind, source, parts: tokens.value.map((t) => ('key' in t ? { ...t, at: 'text' as const } : t)) } };
  }
  const skeleton = skeletonOf(tokens.value);
  let template: Template;
  if (kind === 'route') {
    if (!/^(#|\/(?![/\\]))/.test(skeleton)) return fail('route_not_relative', 'a route starts with "#" (a hash route) or one "/" (a path of this page), like #/contacts?phone=<%CALLERID%>');
    template = { kind, source, parts: placeKeys(tokens.value, 0, skeleton.startsWith('#') ? 'fragment' : 'path') };
  } else {
    const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(skeleton);
    if (!scheme) {
      if (skeleton.startsWith('\u0000')) return fail('key_in_origin', 'a URL starts with its scheme and host written out, like https://crm.example.com/…');
      return fail('relative_url', 'the URL is relative: write it whole, starting with https:// (or http://) and the host');
    }
    const protocol = scheme[1]!.toLowerCase();
    if (protocol !== 'http' && protocol !== 'https') return fail('scheme_not_allowed', `"${protocol.slice(0, 20)}:" URLs are not allowed: only http: and https:`);
    const rest = skeleton.slice(scheme[0].length);
    if (!rest.startsWith('//')) return fail('not_a_url', `write ${protocol}://host/… with two slashes`);
    const end = rest.slice(2).search(/[/?#\\]/);
    const authority = end === -1 ? rest.slice(2) : rest.slice(2, 2 + end);
    if (authority.includes('\u0000')) return fail('key_in_origin', 'a key may not stand in the host or the port: keys go in the path, the query or the fragment');
    if (authority.includes('@')) return fail('credentials_in_url', 'a user name or password in the URL is not allowed');
    const start = scheme[0].length + 2 + authority.length;
    template = { kind, source, parts: placeKeys(tokens.value, start, 'path') };
  }
  // With sample values it must be a URL, and go where its text says.
  const sample = renderUrl(template, SAMPLE_VALUES, 'https://crm.invalid/');
  if (!sample.ok) return fail('not_a_url', `not a valid URL: ${sample.error.message}`);
  return { ok: true, value: template };
}

/** The value of one key in one firing (`''` for a variable the call does not carry). */
export function valueOf(values: KeyValues, key: TriggerKey | `VAR:${string}`): string {
  if (key.startsWith('VAR:')) return Object.hasOwn(values.vars, key.slice(4)) ? String(values.vars[key.slice(4)]) : '';
  return values.keys[key as TriggerKey] ?? '';
}

/** A text template with its values, as they are (for a JSON or form body, which encodes them itself). */
export function renderText(template: Template, values: KeyValues): string {
  return template.parts.map((part) => ('text' in part ? part.text : valueOf(values, part.key))).join('');
}

function assemble(template: Template, value: (part: { key: TriggerKey | `VAR:${string}`; raw: boolean }) => string): string {
  return template.parts.map((part) => ('text' in part ? part.text : value(part))).join('');
}

function parseUrl(text: string, base?: string): URL | null {
  try {
    return new URL(text, base);
  } catch {
    return null;
  }
}

/**
 * A URL or route template with the values of one firing. A route is resolved against `base`
 * (the CRM page's address) and must stay on its origin. Fails only for what a value did:
 * `value_not_allowed` (a `.` or `..` that would climb the path), `origin_changed` (a RAW value
 * that took the URL elsewhere; never expected, checked anyway).
 */
export function renderUrl(template: Template, values: KeyValues, base: string): Parsed<string, RenderErrorCode | 'not_a_url'> {
  const text = assemble(template, (part) => (part.raw ? valueOf(values, part.key) : encodeValue(valueOf(values, part.key))));
  const url = parseUrl(text, template.kind === 'route' ? base : undefined);
  // The same template with a plain letter for every value: where the text alone says it goes.
  const neutral = parseUrl(assemble(template, () => 'x'), template.kind === 'route' ? base : undefined);
  if (!url || !neutral) return fail('not_a_url', url ? 'the template is not a URL' : 'a RAW value made the URL invalid');
  if (url.origin !== neutral.origin || (template.kind === 'route' && url.origin !== parseUrl(base)?.origin)) {
    return fail('origin_changed', `a value would take the URL to ${url.origin}`);
  }
  if (url.pathname.split('/').length !== neutral.pathname.split('/').length && template.parts.some((p) => 'key' in p && p.at === 'path' && !p.raw)) {
    return fail('value_not_allowed', 'a value of "." or ".." in the path would climb it');
  }
  return { ok: true, value: text };
}
