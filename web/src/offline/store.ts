// What this browser keeps for the signed-in officer (issue 15), in one IndexedDB database `nq57`,
// read by the page and by the service worker alike:
//   outbox   one record per form waiting to reach the server (./outbox.ts says the rules)
//   kept     the last answers of the reads the form needs to open with no network (the session,
//            the rounds, the communes, the catalogue, the commune's reports and its form), each
//            stamped with its owner: never given back to another account
//   session  who was signed in last (the /api/auth/me answer without its write token)
// Signing out drops the signing-out account's outbox records and empties the other two
// (forgetAccount): another account's unsent records stay (its session expired here, someone else
// signed in and out meanwhile) for its own next sign-in. Another account signing in drops the kept
// answers but not the outbox (a record is sent only with its own owner's session).
// Where IndexedDB cannot be opened (storage blocked, private windows of old browsers), the same
// functions run on memory: the form still works and still sends, without surviving a closed tab;
// the localStorage copy of the form (../workflow/entry/useEntryForm.ts) then still has the figures.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { MeOut } from '@nq57/shared/schemas';
import type { OutboxRecord } from './outbox';

export interface KeptRead {
  key: string;
  owner: string;
  data: unknown;
  at: string;
}

export interface StoredSession {
  id: 'current';
  username: string;
  /** the /api/auth/me answer, csrfToken removed: a write token is never kept at rest */
  me: MeOut;
  at: string;
}

interface Schema extends DBSchema {
  outbox: { key: string; value: OutboxRecord; indexes: { owner: string } };
  kept: { key: string; value: KeptRead };
  session: { key: string; value: StoredSession };
}

export const DB_NAME = 'nq57';

let opening: Promise<IDBPDatabase<Schema> | null> | null = null;

function db(): Promise<IDBPDatabase<Schema> | null> {
  opening ??= (async () => {
    try {
      if (typeof indexedDB === 'undefined') return null;
      return await openDB<Schema>(DB_NAME, 1, {
        upgrade(d) {
          d.createObjectStore('outbox', { keyPath: 'key' }).createIndex('owner', 'owner');
          d.createObjectStore('kept', { keyPath: 'key' });
          d.createObjectStore('session', { keyPath: 'id' });
        },
        // another tab (or the worker) opening a newer version: step aside rather than block it
        blocking() {
          void opening?.then((x) => x?.close());
          opening = null;
        },
      });
    } catch {
      return null;
    }
  })();
  return opening;
}

// the stand-in when IndexedDB is not there
const memory = { outbox: new Map<string, OutboxRecord>(), kept: new Map<string, KeptRead>(), session: null as StoredSession | null };

// ── The outbox ────────────────────────────────────────────────────────────────────────────

/**
 * Reads, changes and writes one record in one transaction (null deletes it): the page and the
 * worker may both be at it, and a read-modify-write across two transactions would lose one.
 * `change` must be synchronous (an IndexedDB transaction ends at the first awaited promise).
 */
export async function updateOutbox(key: string, change: (r: OutboxRecord | null) => OutboxRecord | null): Promise<OutboxRecord | null> {
  const d = await db();
  if (!d) {
    const next = change(memory.outbox.get(key) ?? null);
    if (next) memory.outbox.set(key, next);
    else memory.outbox.delete(key);
    return next;
  }
  const tx = d.transaction('outbox', 'readwrite');
  const next = change((await tx.store.get(key)) ?? null);
  if (next) await tx.store.put(next);
  else await tx.store.delete(key);
  await tx.done;
  return next;
}

export async function outboxRecord(key: string): Promise<OutboxRecord | null> {
  const d = await db();
  if (!d) return memory.outbox.get(key) ?? null;
  return (await d.get('outbox', key)) ?? null;
}

/** Every record of one account, oldest form first. */
export async function outboxOf(owner: string): Promise<OutboxRecord[]> {
  const d = await db();
  const all = d ? await d.getAllFromIndex('outbox', 'owner', owner) : [...memory.outbox.values()].filter((r) => r.owner === owner);
  return all.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

// ── Kept answers and the session ──────────────────────────────────────────────────────────

export async function storedSession(): Promise<StoredSession | null> {
  const d = await db();
  if (!d) return memory.session;
  return (await d.get('session', 'current')) ?? null;
}

/**
 * After /api/auth/me or a sign-in says who is here: kept answers of another account go first.
 * A signed-out answer changes nothing: a session that expired is not a sign-out, and what the
 * officer typed must wait for the next sign-in rather than vanish.
 */
export async function rememberSession(me: MeOut): Promise<void> {
  if (!me.user) return;
  const next: StoredSession = { id: 'current', username: me.user.username, me: { ...me, csrfToken: null }, at: new Date().toISOString() };
  const d = await db();
  if (!d) {
    if (memory.session?.username !== next.username) memory.kept.clear();
    memory.session = next;
    return;
  }
  const tx = d.transaction(['session', 'kept'], 'readwrite');
  const before = await tx.objectStore('session').get('current');
  if (before?.username !== next.username) await tx.objectStore('kept').clear();
  await tx.objectStore('session').put(next);
  await tx.done;
}

/** Keeps a read's answer for the signed-in account (nothing when nobody is signed in here). */
export async function keepRead(key: string, data: unknown): Promise<void> {
  const s = await storedSession();
  if (!s) return;
  const row: KeptRead = { key, owner: s.username, data, at: new Date().toISOString() };
  const d = await db();
  if (!d) memory.kept.set(key, row);
  else await d.put('kept', row).catch(() => undefined); // storage full: the read still worked
}

/** The kept answer of a read, only for the account signed in here last. */
export async function recallRead<T>(key: string): Promise<T | null> {
  const s = await storedSession();
  if (!s) return null;
  const d = await db();
  const row = d ? await d.get('kept', key) : memory.kept.get(key);
  return row && row.owner === s.username ? (row.data as T) : null;
}

/** A kept answer brought up to date after a write (the outbox's save), in one transaction. */
export async function updateKept<T>(key: string, change: (old: T) => T): Promise<void> {
  const d = await db();
  if (!d) {
    const row = memory.kept.get(key);
    if (row) memory.kept.set(key, { ...row, data: change(row.data as T) });
    return;
  }
  const tx = d.transaction('kept', 'readwrite');
  const row = await tx.store.get(key);
  if (row) await tx.store.put({ ...row, data: change(row.data as T) });
  await tx.done;
}

/**
 * Sign-out of `owner`: nothing of that account stays in IndexedDB. Its outbox records go (the page
 * asked first when some waited); the kept answers and who was signed in are one account's at a
 * time, and go in full. Other accounts' records stay, never shown nor sent but to their owner.
 * `owner` null: the kept answers and the session only.
 */
export async function forgetAccount(owner: string | null): Promise<void> {
  if (owner) for (const [k, r] of memory.outbox) if (r.owner === owner) memory.outbox.delete(k);
  memory.kept.clear();
  memory.session = null;
  const d = await db();
  if (!d) return;
  const tx = d.transaction(['outbox', 'kept', 'session'], 'readwrite');
  const outbox = tx.objectStore('outbox');
  const mine = owner ? await outbox.index('owner').getAllKeys(owner) : [];
  await Promise.all([...mine.map((k) => outbox.delete(k)), tx.objectStore('kept').clear(), tx.objectStore('session').clear(), tx.done]);
}

/** Everything of every account (the unit tests' clean slate; sign-out is forgetAccount). */
export async function forgetEverything(): Promise<void> {
  memory.outbox.clear();
  memory.kept.clear();
  memory.session = null;
  const d = await db();
  if (!d) return;
  const tx = d.transaction(['outbox', 'kept', 'session'], 'readwrite');
  await Promise.all([tx.objectStore('outbox').clear(), tx.objectStore('kept').clear(), tx.objectStore('session').clear(), tx.done]);
}

/** The key a query's answer is kept under. */
export const keptKey = (queryKey: readonly unknown[]) => JSON.stringify(queryKey);
