// The outbox in React (issue 15): what waits for the account (the form's line, the sign-out
// question), whether the browser is online, and whether it keeps this site's storage for good.
// The account menu uses it on every page: the outbox's code is imported only for a signed-in
// account, so an anonymous visit never downloads it. (The sender itself: ./OutboxRunner.tsx.)
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { OutboxRecord, OutboxSummary } from './outbox';

export interface OutboxState {
  records: OutboxRecord[];
  summary: OutboxSummary;
}

const EMPTY: OutboxState = { records: [], summary: { changes: 0, kept: 0, forms: 0, since: null, stale: false, held: 0, conflicts: 0 } };

/** What waits for this account, kept up to date as the outbox changes (here, in other tabs, in the worker). */
export function useOutboxState(owner: string | null): OutboxState {
  const [state, setState] = useState<OutboxState>(EMPTY);
  useEffect(() => {
    setState(EMPTY);
    if (!owner) return;
    let live = true;
    let off = () => {};
    void Promise.all([import('./store'), import('./events'), import('./outbox')]).then(([store, events, outbox]) => {
      if (!live) return;
      const read = () =>
        void store.outboxOf(owner).then((records) => {
          if (live) setState({ records, summary: outbox.summarize(records, new Date()) });
        });
      read();
      off = events.onOutbox((e) => {
        if (e.type !== 'sending') read();
      });
    });
    return () => {
      live = false;
      off();
    };
  }, [owner]);
  return state;
}

function subscribeOnline(cb: () => void) {
  window.addEventListener('online', cb);
  window.addEventListener('offline', cb);
  return () => {
    window.removeEventListener('online', cb);
    window.removeEventListener('offline', cb);
  };
}

/** navigator.onLine: false means surely offline; true only means a network interface is up. */
export function useOnline(): boolean {
  return useSyncExternalStore(subscribeOnline, () => navigator.onLine, () => true);
}

export type Persistence = 'persisted' | 'best-effort' | 'unknown';

/**
 * Asks the browser once to keep this site's storage for good (navigator.storage.persist()): the
 * unsent figures live there, and a browser short of space may otherwise clear it. The answer is
 * the browser's (Chromium grants it to an installed app or a site used often; Firefox asks).
 */
export function useStoragePersistence(ask: boolean): Persistence {
  const [p, setP] = useState<Persistence>('unknown');
  useEffect(() => {
    if (!ask) return;
    const storage = navigator.storage;
    if (!storage?.persisted) return;
    let live = true;
    void (async () => {
      try {
        const already = await storage.persisted();
        const granted = already || (storage.persist ? await storage.persist() : false);
        if (live) setP(granted ? 'persisted' : 'best-effort');
      } catch {
        if (live) setP('best-effort');
      }
    })();
    return () => {
      live = false;
    };
  }, [ask]);
  return p;
}
