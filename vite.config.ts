import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';

const root = import.meta.dirname;

/**
 * `vite build` builds the pages (demo CRM, customer phone, widget) into dist/app;
 * `vite build --mode sdk` builds the host SDK as an ES module and a classic script into
 * dist/sdk. `npm run build` runs both.
 */
/**
 * Compiles sip.js's `log` and `debug` calls out of the widget. The phone runs sip.js at log
 * level `error`, where these calls do nothing, yet their messages are a tenth of sip.js's
 * size; warnings and errors stay.
 */
function sipQuietLogs(): Plugin {
  return {
    name: 'ringside-sip-quiet-logs',
    transform(code, id) {
      if (!id.includes('/node_modules/sip.js/')) return null;
      return { code: code.replace(/\b((?:this\.)?_?logger)\.(log|debug)\(/g, 'false && $1.$2('), map: null };
    },
  };
}

export default defineConfig(({ mode }) => {
  if (mode === 'sdk') {
    return {
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
  return {
    plugins: [sipQuietLogs()],
    build: {
      outDir: 'dist/app',
      // Chromium, Firefox and Safari preload modules natively: no polyfill in the phone's first load.
      modulePreload: { polyfill: false },
      emptyOutDir: true,
      target: 'es2022',
      rollupOptions: {
        input: {
          crm: resolve(root, 'index.html'),
          customer: resolve(root, 'demo/customer.html'),
          widget: resolve(root, 'widget/index.html'),
          admin: resolve(root, 'admin/index.html'),
        },
      },
    },
  };
});
