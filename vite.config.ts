import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const root = import.meta.dirname;

/**
 * `vite build` builds the pages (demo CRM, customer phone, widget) into dist/app;
 * `vite build --mode sdk` builds the host SDK as an ES module and a classic script into
 * dist/sdk. `npm run build` runs both.
 */
export default defineConfig(({ mode }) => {
  if (mode === 'sdk') {
    return {
      build: {
        outDir: 'dist/sdk',
        emptyOutDir: true,
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
    build: {
      outDir: 'dist/app',
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
