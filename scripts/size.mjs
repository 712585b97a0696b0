#!/usr/bin/env node
/**
 * `npm run size`: gzip sizes of the host SDK (ES module and classic script) and of the
 * widget's first load (the page's scripts and every chunk they import statically: what the
 * phone needs to log in, register and ring), against their budgets; and, for information,
 * the widget's lazy chunks (in-call views, transfers, conference, settings, languages).
 * Run after `npm run build`; `--check` exits non-zero when a budget is exceeded.
 */
import { readFileSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

const dist = new URL('../dist/', import.meta.url).pathname;
const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length;

function widgetScripts() {
  const html = readFileSync(join(dist, 'app/widget/index.html'), 'utf8');
  const refs = [...html.matchAll(/(?:src|href)="([^"]+\.js)"/g)].map((m) => m[1]);
  const seen = new Set();
  const queue = refs.map((ref) => join(dist, 'app', ref.replace(/^\//, '')));
  // Follow static imports between chunks so shared chunks count too.
  while (queue.length) {
    const file = queue.shift();
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    for (const m of code.matchAll(/(?:import|from)\s*["'`](\.\/[^"'`]+\.js)["'`]/g)) queue.push(join(file, '..', m[1]));
  }
  return [...seen];
}

/** Chunks the widget imports dynamically, anywhere in its first load or in other lazy chunks. */
function lazyChunks(firstLoad) {
  const seen = new Set(firstLoad);
  const lazy = [];
  const queue = [...firstLoad];
  while (queue.length) {
    const file = queue.shift();
    const code = readFileSync(file, 'utf8');
    // Dynamic imports name their chunk as `./x-hash.js` or, in Vite's preload map, `assets/x-hash.js`.
    // Quoted either way, or in a template literal (how the minifier sometimes writes an import path).
    for (const m of code.matchAll(/["'`](?:\.\/|assets\/)([A-Za-z0-9_.-]+\.js)["'`]/g)) {
      const chunk = join(file, '..', m[1]);
      if (seen.has(chunk) || !existsSync(chunk)) continue;
      seen.add(chunk);
      lazy.push(chunk);
      queue.push(chunk);
    }
  }
  return lazy;
}

if (!existsSync(join(dist, 'sdk/ringside.js'))) {
  console.error('dist/ is missing: run `npm run build` first');
  process.exit(2);
}

const firstLoad = widgetScripts();
const rows = [
  { name: 'SDK (ES module)', bytes: gz(join(dist, 'sdk/ringside.js')), budget: 10 * 1024 },
  { name: 'SDK (classic script)', bytes: gz(join(dist, 'sdk/ringside.iife.js')), budget: 10 * 1024 },
  // Issue 9: at most 75 kB gzip for what the phone needs to log in, register and ring.
  { name: 'widget first load', bytes: firstLoad.reduce((sum, file) => sum + gz(file), 0), budget: 75 * 1024 },
];
let over = false;
for (const { name, bytes, budget } of rows) {
  const ok = bytes <= budget;
  over ||= !ok;
  console.log(`${name.padEnd(22)} ${(bytes / 1024).toFixed(1).padStart(6)} kB gzip   budget ${(budget / 1024).toFixed(0)} kB   ${ok ? 'ok' : 'OVER'}`);
}
for (const file of lazyChunks(firstLoad)) console.log(`  lazy ${file.split('/').pop().padEnd(34)} ${(gz(file) / 1024).toFixed(1).padStart(6)} kB gzip`);
if (process.argv.includes('--check') && over) process.exit(1);
