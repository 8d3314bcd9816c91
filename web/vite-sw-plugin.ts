// Builds the service worker (src/sw/sw.ts → dist/sw.js) after the app, with the list of files it
// keeps: everything the build wrote (index.html, chunks, styles, fonts, public/), but the .woff
// fallbacks of the fonts (every browser with a service worker reads .woff2), the chunk manifest
// and source maps. Its version is a hash of those files' contents: a new build, a new cache.
// Decision 016 says why a small hand-written worker rather than vite-plugin-pwa / Workbox.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { build, type Plugin, type ResolvedConfig } from 'vite';

const keep = (file: string) => !file.endsWith('.woff') && !file.endsWith('.br') && !file.endsWith('.gz') && !file.endsWith('.map') && !file.startsWith('.vite/') && file !== 'sw.js' && !file.startsWith('.build-lock');

function walk(dir: string, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? walk(full, base) : [path.relative(base, full).split(path.sep).join('/')];
  });
}

export function serviceWorker({ entry }: { entry: string }): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'nq57-service-worker',
    apply: 'build',
    configResolved(c) {
      config = c;
    },
    async closeBundle() {
      const outDir = path.resolve(config.root, config.build.outDir);
      const files = walk(outDir).filter(keep).sort();
      const hash = createHash('sha256');
      for (const f of files) hash.update(f).update(readFileSync(path.join(outDir, f)));
      await build({
        configFile: false,
        root: config.root,
        logLevel: 'warn',
        publicDir: false,
        define: {
          __PRECACHE__: JSON.stringify(files.map((f) => `/${f}`)),
          __SW_VERSION__: JSON.stringify(hash.digest('hex').slice(0, 16)),
          // the modules the worker shares with the page read it (React Query's, at least)
          'process.env.NODE_ENV': JSON.stringify('production'),
        },
        build: {
          outDir,
          emptyOutDir: false,
          copyPublicDir: false,
          manifest: false,
          target: 'es2022',
          // one classic script: a module worker is not registered everywhere the app is used
          lib: { entry: path.resolve(config.root, entry), formats: ['iife'], name: 'nq57ServiceWorker', fileName: () => 'sw.js' },
          rolldownOptions: {
            // React Query's "use client" lines mean nothing in a worker (it only takes mutationOptions from there)
            onLog(level, log, handler) {
              if (log.code !== 'MODULE_LEVEL_DIRECTIVE') handler(level, log);
            },
          },
        },
      });
    },
  };
}
