#!/usr/bin/env node
/**
 * Checks the widget's translations against its code: every `msg('…', { id })` under widget/
 * (tests aside) has an entry in each locale module, no locale keeps an id the code no longer
 * uses, and a `str` or `html` template stays one of its kind and keeps its placeholders
 * (`${0}`, `${1}`, … each once). Also refuses
 * a `msg` without an id and one id used for two different English texts, since either would
 * make a translation silently wrong. Reads the sources with a small tokenizer rather than
 * regular expressions, so line breaks and nested template literals inside a call do not matter.
 *
 * `node scripts/check-i18n.mjs` prints the problems and exits non-zero if there are any;
 * `--list` prints every id with its English text instead.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(import.meta.dirname, '..');
const widget = join(root, 'widget');
const localeDir = join(widget, 'i18n', 'locales');
const locales = ['it', 'tr'];

/** Source files of the widget, tests and locale modules aside. */
function sources(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return path === localeDir ? [] : sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/**
 * A small TypeScript tokenizer: enough to find calls and literals. Comments are dropped; a
 * template literal is one token holding its text parts and, per `${…}`, that expression's
 * tokens. (TypeScript 7's compiler has no JavaScript parser API, and a regular expression
 * over the text would trip on calls that span lines or nest templates.)
 */
function tokenize(text, from = 0, until = null) {
  const tokens = [];
  let i = from;
  let depth = 0;
  const regexCanStart = () => {
    const last = tokens.at(-1);
    return !last || (last.type === 'punct' && !')]}'.includes(last.value)) || (last.type === 'ident' && ['return', 'typeof', 'case', 'in', 'of', 'void'].includes(last.value));
  };
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) i += 1;
    else if (text.startsWith('//', i)) i = text.indexOf('\n', i) === -1 ? text.length : text.indexOf('\n', i);
    else if (text.startsWith('/*', i)) i = text.indexOf('*/', i + 2) + 2;
    else if (c === '"' || c === "'") {
      let j = i + 1;
      let value = '';
      while (text[j] !== c) {
        if (text[j] === '\\') {
          value += unescape(text[j + 1]);
          j += 2;
        } else value += text[j++];
      }
      tokens.push({ type: 'string', value, start: i });
      i = j + 1;
    } else if (c === '`') {
      const token = { type: 'template', strings: [''], expressions: [], start: i };
      let j = i + 1;
      while (text[j] !== '`') {
        if (text[j] === '\\') {
          token.strings[token.strings.length - 1] += unescape(text[j + 1]);
          j += 2;
        } else if (text.startsWith('${', j)) {
          const inner = tokenize(text, j + 2, '}');
          token.expressions.push(inner.tokens);
          token.strings.push('');
          j = inner.end + 1;
        } else token.strings[token.strings.length - 1] += text[j++];
      }
      tokens.push(token);
      i = j + 1;
    } else if (/[A-Za-z_$]/.test(c)) {
      const value = /^[\w$]+/.exec(text.slice(i, i + 200))[0];
      tokens.push({ type: 'ident', value, start: i });
      i += value.length;
    } else if (/[0-9]/.test(c)) {
      const value = /^[\w.]+/.exec(text.slice(i, i + 200))[0];
      tokens.push({ type: 'number', value, start: i });
      i += value.length;
    } else if (c === '/' && regexCanStart()) {
      let j = i + 1;
      let inClass = false;
      while (text[j] !== '/' || inClass) {
        if (text[j] === '\\') j += 1;
        else if (text[j] === '[') inClass = true;
        else if (text[j] === ']') inClass = false;
        j += 1;
      }
      i = /^[a-z]*/.exec(text.slice(j + 1))[0].length + j + 1;
      tokens.push({ type: 'regex', start: i });
    } else {
      if (c === '{') depth += 1;
      if (c === '}') {
        if (depth === 0 && until === '}') return { tokens, end: i };
        depth -= 1;
      }
      tokens.push({ type: 'punct', value: c, start: i });
      i += 1;
    }
  }
  return { tokens, end: i };
}

function unescape(c) {
  return { n: '\n', t: '\t', r: '\r' }[c] ?? c;
}

/** Calls `visit` with every token list: the file's, then each template expression's. */
function eachList(tokens, visit) {
  visit(tokens);
  for (const token of tokens) if (token.type === 'template') for (const expression of token.expressions) eachList(expression, visit);
}

/** The tokens from `open` (a bracket) to its matching close, exclusive, split at top-level commas. */
function bracketed(tokens, open) {
  const pairs = { '(': ')', '{': '}', '[': ']' };
  const parts = [[]];
  let depth = 0;
  for (let k = open + 1; k < tokens.length; k += 1) {
    const token = tokens[k];
    if (token.type === 'punct' && pairs[token.value] !== undefined) depth += 1;
    if (token.type === 'punct' && Object.values(pairs).includes(token.value)) {
      if (depth === 0) return { parts: parts.filter((part) => part.length > 0), end: k };
      depth -= 1;
    }
    if (depth === 0 && token.type === 'punct' && token.value === ',') parts.push([]);
    else parts.at(-1).push(token);
  }
  return { parts, end: tokens.length };
}

/**
 * A message from its tokens: a string, or a `str` or `html` tagged template. Its kind, its text
 * with `${0}`, `${1}`, … for the expressions, and how many there are; null if none of these.
 */
function messageText(part) {
  if (part.length === 1 && part[0].type === 'string') return { kind: 'string', text: part[0].value, placeholders: 0 };
  if (part.length === 1 && part[0].type === 'template' && part[0].expressions.length === 0) return { kind: 'string', text: part[0].strings[0], placeholders: 0 };
  if (part.length === 2 && part[0].type === 'ident' && ['str', 'html'].includes(part[0].value) && part[1].type === 'template') {
    const { strings, expressions } = part[1];
    return { kind: part[0].value, text: strings.map((s, index) => (index === 0 ? s : `\${${index - 1}}${s}`)).join(''), placeholders: expressions.length, expressions };
  }
  return null;
}

const lineOf = (text, offset) => text.slice(0, offset).split('\n').length;

/** Every `msg(…)` call under widget/: id → { kind, text, placeholders, at }. */
function codeMessages(problems) {
  const messages = new Map();
  for (const path of sources(widget)) {
    const text = readFileSync(path, 'utf8');
    const where = (token) => `${relative(root, path)}:${lineOf(text, token.start)}`;
    eachList(tokenize(text).tokens, (tokens) => {
      tokens.forEach((token, k) => {
        const next = tokens[k + 1];
        const before = tokens[k - 1];
        if (token.type !== 'ident' || token.value !== 'msg' || next?.type !== 'punct' || next.value !== '(') return;
        if (before?.type === 'punct' && before.value === '.') return;
        if (before?.type === 'ident' && before.value === 'function') return;
        const [template, options = []] = bracketed(tokens, k + 1).parts;
        const message = template && messageText(template);
        if (!message) return problems.push(`${where(token)}: msg() takes a string or a str\`\` or html\`\` template`);
        const body = options[0]?.value === '{' ? bracketed(options, 0).parts : [];
        const idPart = body.find((part) => part[0]?.type === 'ident' && part[0].value === 'id' && part[1]?.value === ':');
        if (!idPart || idPart.length !== 3 || idPart[2].type !== 'string') return problems.push(`${where(token)}: msg() without a literal id: ${JSON.stringify(message.text)}`);
        const id = idPart[2].value;
        const seen = messages.get(id);
        if (seen && seen.text !== message.text) problems.push(`${where(token)}: id ${id} is also used at ${seen.at} for other text (${JSON.stringify(seen.text)} vs ${JSON.stringify(message.text)})`);
        if (!seen) messages.set(id, { kind: message.kind, text: message.text, placeholders: message.placeholders, at: where(token) });
      });
    });
  }
  return messages;
}

/** The `templates` of a locale module: id → { kind, placeholders: the indices it uses, in order, at }. */
function localeMessages(locale, problems) {
  const path = join(localeDir, `${locale}.ts`);
  const text = readFileSync(path, 'utf8');
  const where = (token) => `${relative(root, path)}:${lineOf(text, token.start)}`;
  const { tokens } = tokenize(text);
  const at = tokens.findIndex((token, k) => token.type === 'ident' && token.value === 'templates' && tokens[k + 1]?.value === '=');
  if (at === -1 || tokens[at + 2]?.value !== '{') {
    problems.push(`${relative(root, path)}: no \`templates = {…}\``);
    return new Map();
  }
  const entries = new Map();
  for (const part of bracketed(tokens, at + 2).parts) {
    const [key, colon, ...value] = part;
    if (!['string', 'ident'].includes(key.type) || colon?.value !== ':') {
      problems.push(`${where(key)}: not a plain \`'id': …\` entry`);
      continue;
    }
    const message = messageText(value);
    if (!message) {
      problems.push(`${where(key)}: ${key.value} is neither a string nor a str\`\` or html\`\` template`);
      continue;
    }
    const placeholders = (message.expressions ?? []).map((expression) => (expression.length === 1 && expression[0].type === 'number' ? Number(expression[0].value) : NaN));
    if (entries.has(key.value)) problems.push(`${where(key)}: ${key.value} is defined twice`);
    entries.set(key.value, { kind: message.kind, placeholders, at: where(key) });
  }
  return entries;
}

const problems = [];
const messages = codeMessages(problems);

if (process.argv.includes('--list')) {
  for (const [id, { text }] of [...messages].sort(([a], [b]) => a.localeCompare(b))) process.stdout.write(`${id}\t${text}\n`);
  process.exit(0);
}

for (const locale of locales) {
  const entries = localeMessages(locale, problems);
  for (const [id, message] of messages) {
    const entry = entries.get(id);
    if (!entry) {
      problems.push(`${locale}: missing ${id} (${JSON.stringify(message.text)}, ${message.at})`);
      continue;
    }
    // A plain string for a template would drop its values; a str for an html template, its markup.
    if (entry.kind !== message.kind) problems.push(`${entry.at}: ${id} is a ${entry.kind}, the code has a ${message.kind}`);
    const wanted = Array.from({ length: message.placeholders }, (_, index) => index).join(',');
    const got = [...entry.placeholders].sort((a, b) => a - b).join(',');
    if (wanted !== got) problems.push(`${entry.at}: ${id} has placeholders [${entry.placeholders.join(', ')}], the code has ${message.placeholders}`);
  }
  for (const [id, entry] of entries) if (!messages.has(id)) problems.push(`${entry.at}: ${id} is not used in the code`);
}

if (problems.length > 0) {
  process.stdout.write(`${problems.join('\n')}\n✗ ${problems.length} translation problem(s)\n`);
  process.exit(1);
}
process.stdout.write(`translations complete: ${messages.size} ids in ${locales.join(', ')}\n`);
