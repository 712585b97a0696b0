import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { describe, it } from 'node:test';
import * as events from '../../src/element/events.js';
import * as triggerEvents from '../../src/element/triggers/trigger-events.js';
import * as wrapperEvents from '../../src/compat/ccaas-wrapper.js';
import { domEventType, eventNames } from '../../src/protocol/index.js';

/**
 * The `@fires` tags of `<ringside-phone>` are its documented events: `cem analyze` turns them
 * into the custom-elements manifest that editors and docs read. Issue 11: the header listed
 * 16 of 33. Every protocol event, the catch-all and every other event class of
 * src/element/events.ts needs a line, naming the class a host can `instanceof`.
 */
const SOURCE = new URL('../../src/element/ringside-phone.ts', import.meta.url);
const MANIFEST = new URL('../../dist/custom-elements.json', import.meta.url);

/** `@fires ringside-x - description (`ClassName`)` lines: the event type and the class named. */
function documentedEvents(): Map<string, string | undefined> {
  const fires = new Map<string, string | undefined>();
  for (const [, type, description] of readFileSync(SOURCE, 'utf8').matchAll(/^\s*\*\s*@fires\s+(\S+)\s+-\s+(.*)$/gm)) {
    fires.set(type!, /\(`(\w+)`\)\.?$/.exec(description!)?.[1]);
  }
  return fires;
}

/** Every DOM event type the element dispatches, and the exported class of each. */
function dispatchedEvents(): Map<string, string> {
  const expected = new Map<string, string>([[events.CATCH_ALL, 'RingsideEvent']]);
  // URL-trigger events: their classes load with the trigger runner, not with the SDK; the
  // CCaaS wrapper's with its adapter.
  for (const [className, value] of Object.entries({ ...events, ...triggerEvents, ...wrapperEvents })) {
    if (typeof value === 'function' && 'type' in value && typeof value.type === 'string') expected.set(value.type, className);
  }
  // Protocol events without a class would still go out (as ringside-event): name them too.
  for (const name of eventNames) if (!expected.has(domEventType(name))) expected.set(domEventType(name), `a class for ${name}`);
  return expected;
}

describe('<ringside-phone> documents every event it fires', () => {
  it('has one @fires line per event type, naming its class, and none for events it never fires', () => {
    const documented = documentedEvents();
    const expected = dispatchedEvents();

    const missing = [...expected].filter(([type]) => !documented.has(type)).map(([type]) => type);
    const unknown = [...documented.keys()].filter((type) => !expected.has(type));
    const wrongClass = [...expected].filter(([type, className]) => documented.has(type) && documented.get(type) !== className).map(([type, className]) => `${type}: (\`${className}\`), not ${documented.get(type)}`);

    assert.deepEqual({ missing, unknown, wrongClass }, { missing: [], unknown: [], wrongClass: [] });
    assert.ok(expected.size >= eventNames.length + 3, `expected every protocol event and the 3 DOM events, found ${expected.size}`);
  });

  it('the built custom-elements manifest lists them all, each with a name', (t) => {
    if (!existsSync(MANIFEST)) return t.skip('no dist/custom-elements.json: run npm run build');
    if (statSync(MANIFEST).mtimeMs < statSync(SOURCE).mtimeMs) return t.skip('dist/custom-elements.json is older than ringside-phone.ts: run npm run build');
    const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as { modules: { declarations?: { tagName?: string; events?: { name?: string }[] }[] }[] };
    const phone = manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === 'ringside-phone');

    const names = (phone?.events ?? []).map((e) => e.name);
    const missing = [...dispatchedEvents().keys()].filter((type) => !names.includes(type));

    assert.deepEqual({ missing, unnamed: names.filter((n) => !n).length }, { missing: [], unnamed: 0 });
  });
});
