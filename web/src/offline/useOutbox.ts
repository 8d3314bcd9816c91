// The outbox in React (issue 15): the runner started for a signed-in account at the app's root,
// what waits for the account (the form's line, the sign-out question), whether the browser is
// online, and whether it keeps this site's storage for good.
import { useEffect, useState, useSyncExternalStore } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { applyOutboxEvent, outboxTransport } from '../api/mutations';
import { onOutbox } from './events';
import { summarize, type OutboxRecord, type OutboxSummary } from './outbox';
import { startOutbox } from './runner';
import { outboxOf } from './store';

/** At the app's root: sends what waits as soon as someone is signed in, and on every chance after. */
export function useOutboxRunner(username: string | null) {
  const client = useQueryClient();
  useEffect(() => onOutbox((e) => applyOutboxEvent(client, e)), [client]);
  useEffect(() => (username ? startOutbox(outboxTransport) : undefined), [username]);
}

export interface OutboxState {
  records: OutboxRecord[];
  summary: OutboxSummary;
}

const EMPTY: OutboxState = { records: [], summary: summarize([], new Date()) };

/** What waits for this account, kept up to date as the outbox changes (here, in other tabs, in the worker). */
export function useOutboxState(owner: string | null): OutboxState {
  const [state, setState] = useState<OutboxState>(EMPTY);
  useEffect(() => {
    if (!owner) {
      setState(EMPTY);
      return;
    }
    let live = true;
    const read = () =>
      void outboxOf(owner).then((records) => {
        if (live) setState({ records, summary: summarize(records, new Date()) });
      });
    read();
    const off = onOutbox((e) => {
      if (e.type !== 'sending') read();
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
