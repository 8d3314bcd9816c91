// A counter that moves whenever figures change, here or (through PostgreSQL LISTEN/NOTIFY) in
// another instance, and the announcement of each change to whoever listens in this process (the
// live stream, issue 13). Caches compare against the counter, so two instances behind a load
// balancer never serve figures the database no longer holds; the stream tells browsers which
// round moved, so they read again exactly what it touches.
import { randomBytes } from 'node:crypto';
import { ANY_CHANGE, decodeNotification, encodeNotification, type DataChange } from '@nq57/shared';
import type { Database } from '../db/client';

export interface DataVersion {
  readonly current: number;
  /**
   * Call after a local write has committed, naming the round whose figures or report states
   * moved (or none: anything may have changed, e.g. a round opened or closed).
   */
  changed(change?: DataChange): Promise<void>;
  /** Every change, local or from another instance, once each; returns the unsubscribe. */
  subscribe(listener: (change: DataChange) => void): () => void;
}

export async function createDataVersion(database: Database): Promise<DataVersion> {
  let current = 1;
  // this instance's name on the channel: its own notifications come back to it and are skipped
  const self = randomBytes(8).toString('base64url');
  const listeners = new Set<(change: DataChange) => void>();
  const announce = (change: DataChange) => {
    current++;
    for (const l of listeners) {
      try {
        l(change);
      } catch {
        // a listener's failure (a closed socket) is its own business, never the writer's
      }
    }
  };
  await database.onDataChanged((payload) => {
    const { origin, change } = decodeNotification(payload);
    if (origin === self) return;
    announce(change);
  });
  return {
    get current() {
      return current;
    },
    async changed(change = ANY_CHANGE) {
      announce(change);
      await database.notifyDataChanged(encodeNotification(change, self));
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
