// The service worker (issue 15), built into dist/sw.js by ../../vite-sw-plugin.ts (decision 017).
//  - It keeps the app's own code: index.html, every chunk and style, the fonts, the icons, listed
//    by the build (__PRECACHE__) under a cache named after their content (__SW_VERSION__), so
//    /nhap-lieu opens with no network after one visit. A new build is a new cache; the old one
//    goes when the new worker takes over.
//  - It keeps NOTHING the API answers: /api/ and /docs always go to the network, untouched. The
//    data the form needs offline is kept per account by the page in IndexedDB and cleared on
//    sign-out (../offline/store.ts); published figures are never kept at all.
//  - A page load goes to the network first (a new build is seen at once) and falls back to the
//    kept index.html when the network fails or is too slow to wait for on a weak signal.
//  - Background Sync: when the browser says the network is back, it sends what waits in the
//    outbox, with the same code and the same transport as the page (../offline/sync.ts).
import { outboxTransport } from '../api/mutations';
import { flushOutbox, SYNC_TAG } from '../offline/sync';

declare const __PRECACHE__: string[];
declare const __SW_VERSION__: string;

// The few worker types used here (the web's TypeScript program has the DOM's, not the worker's).
interface ExtendableEvent extends Event {
  waitUntil(p: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  respondWith(r: Response | Promise<Response>): void;
}
interface SyncEvent extends ExtendableEvent {
  readonly tag: string;
}
interface WorkerScope {
  location: Location;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  addEventListener(type: 'install' | 'activate', l: (e: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', l: (e: FetchEvent) => void): void;
  addEventListener(type: 'sync', l: (e: SyncEvent) => void): void;
}
const sw = self as unknown as WorkerScope;

const PREFIX = 'nq57-shell-';
const SHELL = PREFIX + __SW_VERSION__;
const INDEX = '/index.html';
const PRECACHE: string[] = __PRECACHE__;
const KEPT = new Set(PRECACHE);
/** How long a page load waits for the network before the kept shell is served (a weak signal answers late or never). */
const NAVIGATION_TIMEOUT_MS = 4_000;

sw.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(SHELL);
      // past the HTTP cache: what is kept must be this build's files
      await cache.addAll(PRECACHE.map((url) => new Request(url, { cache: 'reload' })));
      // a new build takes over at once: pages load network-first, so they get its index.html, whose
      // chunks are in the new cache (a page left open on the old build lazy-loads from the server, as before)
      await sw.skipWaiting();
    })(),
  );
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name.startsWith(PREFIX) && name !== SHELL) await caches.delete(name);
      await sw.clients.claim();
    })(),
  );
});

/** The network, unless it fails or keeps the officer waiting: then the kept shell (same build as the kept chunks). */
async function navigation(request: Request): Promise<Response> {
  const network = fetch(request);
  const shell = async () => (await caches.open(SHELL)).match(INDEX);
  try {
    const answer = await Promise.race([
      network,
      new Promise<null>((resolve) => setTimeout(() => resolve(null), NAVIGATION_TIMEOUT_MS)),
    ]);
    if (answer) return answer;
    network.catch(() => undefined); // too late to use; its failure is no one's concern
    return (await shell()) ?? (await network);
  } catch {
    const kept = await shell();
    if (kept) return kept;
    throw new TypeError('offline and no kept shell');
  }
}

async function kept(request: Request): Promise<Response> {
  const hit = await (await caches.open(SHELL)).match(request, { ignoreSearch: true });
  return hit ?? fetch(request);
}

sw.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== sw.location.origin) return;
  // the API and its documentation: always the network, never a cache (answers are per account)
  if (url.pathname.startsWith('/api/') || url.pathname === '/docs' || url.pathname.startsWith('/docs/')) return;
  if (request.mode === 'navigate') event.respondWith(navigation(request));
  else if (KEPT.has(url.pathname)) event.respondWith(kept(request));
});

sw.addEventListener('sync', (event) => {
  if (event.tag !== SYNC_TAG) return;
  event.waitUntil(
    flushOutbox(outboxTransport, { freshSession: true }).then((outcome) => {
      // a failed sync is retried by the browser later, with its own back-off
      if (outcome === 'offline' || outcome === 'retry') throw new Error(`outbox: ${outcome}`);
    }),
  );
});
