import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { serviceWorker } from './vite-sw-plugin.ts';

// The API serves web/dist in `npm start`; in `npm run dev` Vite serves the app and forwards /api.
export default defineConfig({
  // the service worker of the installable app (issue 15, decision 017), built after the app
  plugins: [react(), serviceWorker({ entry: 'src/sw/sw.ts' })],
  server: {
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // .vite/manifest.json lets `npm run bench` and the e2e size check add up the JS per route
    manifest: true,
    target: 'es2022',
    chunkSizeWarningLimit: 400,
    rolldownOptions: {
      output: {
        // Stable vendor chunks shared by every page; Recharts (and its d3 parts) gets its own
        // chunk, loaded only by the pages that draw Recharts charts (Tổng quan, trang xã), so a
        // first visit to /xep-hang never downloads it.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|wouter|regexparam|use-sync-external-store)[\\/]/, priority: 30 },
            { name: 'query', test: /node_modules[\\/]@tanstack[\\/]/, priority: 20 },
            {
              name: 'recharts',
              test: /node_modules[\\/](recharts|d3-[a-z-]+|victory-vendor|internmap|decimal\.js-light|eventemitter3|es-toolkit|immer|@reduxjs|redux|redux-thunk|reselect|react-redux|tiny-invariant|clsx)[\\/]/,
              priority: 10,
            },
          ],
        },
      },
    },
  },
});
