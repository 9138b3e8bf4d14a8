import { defaultClientConditions, defineConfig } from 'vite';

// The inbox is served by the server under a strict CSP (no inline script or style), so the build
// emits only files: no inline module-preload polyfill, no inlined assets.
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  resolve: { conditions: ['source', ...defaultClientConditions] },
  build: {
    outDir: 'dist/app',
    emptyOutDir: true,
    target: 'es2022',
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
    rollupOptions: {
      // virtua marks its entry "use client" for React Server Components; a client bundle ignores it.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
});
