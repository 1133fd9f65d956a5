import { defineConfig } from 'vite';

/**
 * Two builds of one source: `waymark.js`, an IIFE for the one-line snippet (global `waymark`,
 * served by the Waymark server at /sdk/waymark.js), and `index.mjs` for bundlers. rrweb is
 * not in either: replay loads it from the server when a session is recorded.
 */
export default defineConfig({
  root: import.meta.dirname,
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    // The core's modules are pure: the SDK takes the event names it shares with the server, nothing else.
    rollupOptions: { treeshake: { moduleSideEffects: (id: string) => !/[\\/]packages[\\/]core[\\/]/.test(id) } },
    lib: {
      entry: 'src/index.ts',
      name: 'waymark',
      formats: ['iife', 'es'],
      fileName: (format) => (format === 'iife' ? 'waymark.js' : 'index.mjs'),
    },
  },
});
