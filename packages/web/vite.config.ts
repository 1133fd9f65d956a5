import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The web app is served by the Waymark server from `dist/`. `vite dev` proxies the API to a
 * server on :8080, so the session cookie stays same-origin.
 */
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    // The core's modules are pure (no side effects on import): the app takes the few constants
    // it uses without the templates, simulator and SQL compilers beside them.
    rollupOptions: { treeshake: { moduleSideEffects: (id: string) => !/[\\/]packages[\\/]core[\\/]/.test(id) } },
  },
  server: { proxy: { '/api': 'http://localhost:8080', '/v1': 'http://localhost:8080' } },
});
