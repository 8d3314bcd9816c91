// A counter that moves whenever figures change, here or (through PostgreSQL LISTEN/NOTIFY) in
// another instance, and the announcement of each change to whoever listens in this process (the
// live stream, issue 13). Caches compare against the counter, so two instances behind a load
// balancer never serve figures the database no longer holds; the stream tells browsers which
// round moved, so they read again exactly what it touches. A playlist edited travels the same way
// (the big screens showing it), but moves no counter: no figure changed.
import { randomBytes } from 'node:crypto';
import { ANY_CHANGE, decodeNotification, encodeNotification, figuresChanged, type DataChange, type LiveNotice } from '@nq57/shared';
import type { Database } from '../db/client';

export interface DataVersion {
  readonly current: number;
  /**
   * Call after a local write has committed, naming the round whose figures or report states
   * moved (or none: anything may have changed, e.g. a round opened or closed).
   */
  changed(change?: DataChange): Promise<void>;
  /** Call after a playlist's edit has committed: the screens showing it read it again. */
  playlistChanged(id: number): Promise<void>;
  /** Every change of the figures, local or from another instance, once each; returns the unsubscribe. */
  subscribe(listener: (change: DataChange) => void): () => void;
  /**
   * Every notice (figures changed, after the `subscribe` listeners have heard it; a playlist
   * edited), for the live stream; returns the unsubscribe. Every listener gets the same object
   * for one notice, so work can be shared per notice.
   */
  subscribeNotices(listener: (notice: LiveNotice) => void): () => void;
}

export async function createDataVersion(database: Database): Promise<DataVersion> {
  let current = 1;
  // this instance's name on the channel: its own notifications come back to it and are skipped
  const self = randomBytes(8).toString('base64url');
  const listeners = new Set<(change: DataChange) => void>();
  const noticeListeners = new Set<(notice: LiveNotice) => void>();
  const tell = <T>(ls: Set<(x: T) => void>, x: T) => {
    for (const l of ls) {
      try {
        l(x);
      } catch {
        // a listener's failure (a closed socket) is its own business, never the writer's
      }
    }
  };
  const announce = (notice: LiveNotice) => {
    // the caches first: what the stream then makes browsers read is read afresh
    if (notice.type === 'change') {
      current++;
      tell(listeners, notice.change);
    }
    tell(noticeListeners, notice);
  };
  await database.onDataChanged((payload) => {
    const { origin, notice } = decodeNotification(payload);
    if (origin === self) return;
    announce(notice);
  });
  return {
    get current() {
      return current;
    },
    async changed(change = ANY_CHANGE) {
      const notice = figuresChanged(change);
      announce(notice);
      await database.notifyDataChanged(encodeNotification(notice, self));
    },
    async playlistChanged(id) {
      const notice: LiveNotice = { type: 'playlist', playlist: { id } };
      announce(notice);
      await database.notifyDataChanged(encodeNotification(notice, self));
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    subscribeNotices(listener) {
      noticeListeners.add(listener);
      return () => noticeListeners.delete(listener);
    },
  };
}

/**
 * After a save into a commune's form has committed (the form's own save, a report's figures
 * accepted into it): a draft is read by no ranking, but the admin correcting a submitted form
 * changes what includeSubmitted rankings show, so only then have the round's figures moved.
 */
export async function formSaved(version: Pick<DataVersion, 'changed'>, period: string, saved: { status: string }): Promise<void> {
  if (saved.status === 'submitted') await version.changed({ period });
}
