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
      return { code: code.replace(/\b((?:this\.)?_?logger)\.(log|debug|warn|error)\(/g, 'false && $1.$2('), map: null };
    },
  };
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
 * The compatibility adapters are not in the SDK: the CCaaS wrapper adapter is imported at run
 * time from `./ccaas-wrapper.js` beside the SDK file (a classic script resolves it against its
 * own URL too), and only on pages that configure a wrapper library. After the SDK is written,
 * this builds it (one ES module) and the AgentDesktop classic script `agentdesktop.iife.js`.
 */
function compatOutside(): Plugin {
  let built = false;
  return {
    name: 'ringside-compat-outside',
    enforce: 'pre',
    resolveId: (source) => (source.endsWith('/compat/ccaas-wrapper.js') ? { id: './ccaas-wrapper.js', external: 'absolute' } : null),
    async closeBundle() {
      if (built) return;
      built = true;
      for (const { entry, format, file } of compatBuilds) {
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
 * Parts of the element that the SDK file does not carry, each built as a file of its own beside
 * it, which the element imports when needed (a classic script resolves `./x.js` against its
 * own URL too): the URL-trigger runner, when triggers are set, and the mover, when the phone
 * is movable. After the SDK is written, this builds them: one ES module each, standalone.
 */
const elementParts = [
  { source: '/triggers/runner.js', entry: 'src/element/triggers/runner.ts', file: 'ringside-triggers.js' },
  { source: '/mover.js', entry: 'src/element/mover.ts', file: 'ringside-mover.js' },
] as const;

function elementPartsOutside(): Plugin {
  let built = false;
  return {
    name: 'ringside-element-parts-outside',
    enforce: 'pre',
    resolveId: (source) => {
      const part = elementParts.find((p) => source.endsWith(p.source));
      return part ? { id: `./${part.file}`, external: 'absolute' } : null;
    },
    async closeBundle() {
      if (built) return;
      built = true;
      for (const { entry, file } of elementParts) {
        await build({
          configFile: false,
          logLevel: 'warn',
          build: {
            outDir: resolve(root, 'dist/sdk'),
            emptyOutDir: false,
            rollupOptions: { output: { minify: true } },
            target: 'es2022',
            lib: { entry: resolve(root, entry), formats: ['es'], fileName: () => file },
          },
        });
      }
    },
  };
}

/** The compatibility files beside the SDK: dist/sdk/ccaas-wrapper.js (ES module) and dist/sdk/agentdesktop.iife.js (classic script). */
const compatBuilds = [
  { entry: 'src/compat/ccaas-wrapper.ts', format: 'es', file: 'ccaas-wrapper.js' },
  { entry: 'src/compat/agentdesktop-classic.ts', format: 'iife', file: 'agentdesktop.iife.js' },
] as const;

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
    group: { name: 'widget', test: (id) => firstLoad.has(id) },
  };
}

export default defineConfig(({ mode }): UserConfig => {
  if (mode === 'sdk') {
    return {
      plugins: [compatOutside(), elementPartsOutside()],
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
