// A counter that moves whenever figures change, here or (through PostgreSQL LISTEN/NOTIFY) in
// another instance. Caches compare against it, so two instances behind a load balancer
// never serve figures the database no longer holds.
import type { Database } from '../db/client';

export interface DataVersion {
  readonly current: number;
  /** call after a local write has committed */
  changed(): Promise<void>;
}

export async function createDataVersion(database: Database): Promise<DataVersion> {
  let current = 1;
  await database.onDataChanged(() => {
    current++;
  });
  return {
    get current() {
      return current;
    },
    async changed() {
      current++;
      await database.notifyDataChanged();
    },
  };
}
