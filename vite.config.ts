import { resolve } from 'node:path';
import { build, defineConfig, type Plugin, type UserConfig } from 'vite';
import { sipTrimmed } from './scripts/sip-trim.js';

const root = import.meta.dirname;

/**
 * `vite build` builds the pages (demo CRM, customer phone, widget) into dist/app;
 * `vite build --mode sdk` builds the host SDK as an ES module and a classic script into
 * dist/sdk. `npm run build` runs both.
 */
/**
 * Compiles sip.js's logger calls out of the widget. The phone runs sip.js with its built-in
 * log off and no log connector (widget/services/phone/user-agent.ts), so every `log`, `debug`,
 * `warn` and `error` call does nothing, yet their messages are an eighth of sip.js's size.
 * Each call is a statement or an arrow's body, so `false && …` keeps the code's meaning.
 */
function sipQuietLogs(): Plugin {
  return {
    name: 'ringside-sip-quiet-logs',
    transform(code, id) {
      if (!id.includes('/node_modules/sip.js/')) return null;
      const quiet = code.replace(/\b((?:this\.)?_?logger)\.(log|debug|warn|error)\(/g, 'false && $1.$2(');
      return { code: id.endsWith('/grammar/pegjs/dist/grammar.js') ? wordlessParseErrors(quiet) : quiet, map: null };
    },
  };
}

/**
 * sip.js's SIP grammar throws a SyntaxError on a message it cannot parse, and its only caller
 * (lib/grammar/grammar.js) catches it and returns -1: the error's words are never read. This
 * drops the code that writes them (what was expected, what was found, the source excerpt). A
 * sip.js whose grammar no longer has that code fails the build here rather than ship it whole.
 */
function wordlessParseErrors(code: string): string {
  const start = code.indexOf('    static buildMessage(expected, found) {');
  const end = code.indexOf('function peg$parse(input, options) {');
  if (start < 0 || end < start) throw new Error('sip.js grammar: SyntaxError.buildMessage not found; update wordlessParseErrors in vite.config.ts');
  return `${code.slice(0, start)}    static buildMessage() {\n        return "";\n    }\n}\n${code.slice(end)}`;
}

/** Gives sip.js the phone's own versions of a few of its modules (scripts/sip-trim.ts). */
function sipTrim(): Plugin {
  return {
    name: 'ringside-sip-trim',
    enforce: 'pre',
    resolveId(source, importer) {
      const replacement = sipTrimmed(source, importer);
      return replacement ? resolve(root, replacement) : null;
    },
  };
}

/**
 * Files beside the SDK that it does not carry. The element imports some of them at run time
 * from `./<file>` (a classic script resolves that against its own URL too), and only when
 * needed: the URL-trigger runner when triggers are set, the mover when the phone is movable,
 * the CCaaS wrapper adapter when a wrapper library is named. The AgentDesktop adapter is a
 * classic script of its own that a CRM includes. After the SDK is written, this builds them,
 * each standalone.
 */
const besideTheSdk: readonly { source?: string; entry: string; format: 'es' | 'iife'; file: string }[] = [
  { source: '/triggers/runner.js', entry: 'src/element/triggers/runner.ts', format: 'es', file: 'ringside-triggers.js' },
  { source: '/mover.js', entry: 'src/element/mover.ts', format: 'es', file: 'ringside-mover.js' },
  { source: '/compat/ccaas-wrapper.js', entry: 'src/compat/ccaas-wrapper.ts', format: 'es', file: 'ccaas-wrapper.js' },
  { entry: 'src/compat/agentdesktop-classic.ts', format: 'iife', file: 'agentdesktop.iife.js' },
];

function builtBesideTheSdk(): Plugin {
  let built = false;
  return {
    name: 'ringside-beside-the-sdk',
    enforce: 'pre',
    resolveId: (source) => {
      const part = besideTheSdk.find((p) => p.source && source.endsWith(p.source));
      return part ? { id: `./${part.file}`, external: 'absolute' } : null;
    },
    async closeBundle() {
      if (built) return;
      built = true;
      for (const { entry, format, file } of besideTheSdk) {
        await build({
          configFile: false,
          logLevel: 'warn',
          build: {
            outDir: resolve(root, 'dist/sdk'),
            emptyOutDir: false,
            rollupOptions: { output: { minify: true } },
            target: 'es2022',
            lib: { entry: resolve(root, entry), name: 'RingsideCompat', formats: [format], fileName: () => file },
          },
        });
      }
    },
  };
}

/**
 * Puts every module the phone's page imports statically (its first load) into the page's one
 * chunk. Left to itself, rolldown gives Lit, @lit/localize, the protocol and Vite's preload
 * helper chunks of their own, because lazy chunks import them too; each separate file then
 * compresses on its own, which cost 1.9 kB gzip of the first load. Lazy chunks import what
 * they share from the page's chunk, which is always loaded before them.
 */
function firstLoadInOneChunk(): { plugin: Plugin; group: { name: string; test: (id: string) => boolean } } {
  const firstLoad = new Set<string>();
  return {
    plugin: {
      name: 'ringside-first-load-in-one-chunk',
      buildEnd() {
        const queue = [...this.getModuleIds()].filter((id) => this.getModuleInfo(id)?.isEntry);
        for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
          if (firstLoad.has(id)) continue;
          firstLoad.add(id);
          queue.push(...(this.getModuleInfo(id)?.importedIds ?? []));
        }
      },
    },
    // The event names: re-exported by the protocol, used only by lazily loaded parts (src/protocol/event-names.ts).
    group: { name: 'widget', test: (id) => firstLoad.has(id) && !id.endsWith('/src/protocol/event-names.ts') },
  };
}

export default defineConfig(({ mode }): UserConfig => {
  if (mode === 'sdk') {
    return {
      plugins: [builtBesideTheSdk()],
      build: {
        outDir: 'dist/sdk',
        emptyOutDir: true,
        // Library mode keeps an ES build's whitespace; the SDK ships minified in both formats
        // (pure annotations go too: the SDK is one side-effectful entry, nothing to shake).
        rollupOptions: { output: { minify: true } },
        target: 'es2022',
        lib: {
          entry: { ringside: resolve(root, 'src/classic.ts') },
          name: 'Ringside',
          formats: ['es', 'iife'],
          fileName: (format) => (format === 'es' ? 'ringside.js' : 'ringside.iife.js'),
        },
      },
    };
  }
  if (mode === 'widget') {
    // The phone, built on its own after the pages (so into their dist/app, not emptied), with
    // its whole first load in one chunk: see firstLoadInOneChunk.
    const firstLoad = firstLoadInOneChunk();
    return {
      plugins: [sipQuietLogs(), sipTrim(), firstLoad.plugin],
      build: {
        outDir: 'dist/app',
        // Chromium, Firefox and Safari preload modules natively: no polyfill in the phone's first load.
        modulePreload: { polyfill: false },
        emptyOutDir: false,
        target: 'es2022',
        rollupOptions: {
          input: { widget: resolve(root, 'widget/index.html') },
          output: { codeSplitting: { groups: [firstLoad.group] } },
        },
      },
    };
  }
  return {
    plugins: [sipQuietLogs(), sipTrim()],
    build: {
      outDir: 'dist/app',
      modulePreload: { polyfill: false },
      emptyOutDir: true,
      target: 'es2022',
      rollupOptions: {
        // The phone (widget/index.html) is built by `vite build --mode widget`, after these.
        input: {
          crm: resolve(root, 'index.html'),
          customer: resolve(root, 'demo/customer.html'),
          admin: resolve(root, 'admin/index.html'),
        },
      },
    },
  };
});
