// The outbox of the commune's form (issue 15), as pure functions: what waits in this browser to be
// sent, the one request on its way, what an answer (or a refusal) leaves behind, and what the page
// says about it ("2 thay đổi chưa gửi", since when, and plainly after three days).
//
// One record per form (account, round, commune), kept in IndexedDB by ./store.ts and sent by
// ./sync.ts, from the page or from the service worker (Background Sync). Its contract:
//  - `values`/`explanations` are always what the officer wants, measured against the server copy
//    at `version`, each with the value it was typed over (its base) and when it was first left
//    unsent. The form replaces them wholesale on each save (queueChanges): the form is the truth.
//  - `sending` is the request on its way, with its client id. It is written down BEFORE it leaves
//    and resent unchanged until an answer comes: the server answers a resend with its first answer
//    (the save is idempotent per client id), so a lost answer can never write twice.
//  - a refusal (409, 400) is `held`: kept with its reason, never retried blindly, never dropped;
//    `conflicts` are fields changed here and on the server meanwhile, kept until the officer picks.
// No IndexedDB, React or network here: every rule is unit-tested (web/test/outbox.test.ts).
import type { SubmissionPutBody, SubmissionSaved } from '@nq57/shared/schemas';

/** The localStorage copies of the form start with this (../workflow/entry/model.ts draftKey); sign-out removes them. */
export const LOCAL_DRAFT_PREFIX = 'nq57:nhap-lieu:';

/** One account's localStorage copies start with this: a sign-out removes only its own. */
export const localDraftPrefix = (owner: string) => `${LOCAL_DRAFT_PREFIX}v1:${owner}:`;

/** After this long unsent, the page says so plainly (the issue: "after 3 days"). */
export const STALE_AFTER_MS = 3 * 24 * 60 * 60 * 1000;

export interface FieldChange {
  value: number | null;
  /** the server's value it was typed over */
  base: number | null;
  /** when this field was first left unsent (ISO) */
  at: string;
}

export interface ExplanationChange {
  text: string;
  base: string;
  at: string;
}

/** What the form hands over: everything on screen that differs from the server copy at `version`. */
export interface FormChange {
  owner: string;
  period: string;
  commune: string;
  version: number;
  values: Record<string, { value: number | null; base: number | null }>;
  explanations: Record<string, { text: string; base: string }>;
}

/** The request on its way. Resent unchanged (same clientId) until it has an answer. */
export interface QueuedRequest {
  clientId: string;
  period: string;
  commune: string;
  version: number;
  values: Record<string, FieldChange>;
  explanations: Record<string, ExplanationChange>;
  createdAt: string;
}

/**
 * Why the server refused: `conflict` the form changed on the server meanwhile (a stale version);
 * `locked` it cannot take figures now (round closed, approved, awaiting review); `rejected` the
 * request itself (a field the round no longer asks for). The figures stay until the officer acts.
 */
export interface Held {
  kind: 'conflict' | 'locked' | 'rejected';
  code: string;
  message: string;
  at: string;
}

/** A field changed here and on the server meanwhile: both kept until the officer chooses. */
export interface FieldConflict {
  element: string;
  /** what was typed here, as typed */
  mine: string;
  /** what the server holds */
  theirs: number | null;
  at: string;
}

export interface OutboxRecord {
  v: 1;
  key: string;
  owner: string;
  period: string;
  commune: string;
  version: number;
  values: Record<string, FieldChange>;
  explanations: Record<string, ExplanationChange>;
  sending: QueuedRequest | null;
  /** failed tries (network, server error) since the last answer */
  attempts: number;
  lastTry: string | null;
  held: Held | null;
  conflicts: FieldConflict[];
}

export function outboxKey(owner: string, period: string, commune: string): string {
  return `${owner}|${period}|${commune}`;
}

const isEmpty = (o: object) => Object.keys(o).length === 0;
const sameText = (a: string, b: string) => a.trim() === b.trim();

/** Nothing left to send, to confirm or to show. */
export function isSettled(r: OutboxRecord): boolean {
  return isEmpty(r.values) && isEmpty(r.explanations) && !r.sending && !r.held && r.conflicts.length === 0;
}

/** A settled record is removed (null). */
function orNull(r: OutboxRecord): OutboxRecord | null {
  return isSettled(r) ? null : r;
}

/**
 * The form's save: its changes replace what the record wanted. A record based on another version
 * (the form reloaded the server's copy) or held by a refusal is rebased on the form's version: the
 * form has just shown the officer that copy. A request already on its way is kept: it may be done
 * on the server, and only its answer can say. Versions only grow, so a form behind the record is
 * ignored rather than obeyed.
 */
export function queueChanges(rec: OutboxRecord | null, change: FormChange, now: Date): OutboxRecord | null {
  // the form has not heard yet of an answer that moved the record on (it will, and save again):
  // rebasing on its older version would make the next request a 409 against our own save
  if (rec && !rec.held && change.version < rec.version) return rec;
  const at = now.toISOString();
  const rebase = !!rec && (rec.version !== change.version || rec.held !== null);
  const values: Record<string, FieldChange> = {};
  for (const [code, c] of Object.entries(change.values)) {
    // unsent since it was first typed, even if typed again since
    values[code] = { ...c, at: rec?.values[code]?.at ?? rec?.sending?.values[code]?.at ?? at };
  }
  const explanations: Record<string, ExplanationChange> = {};
  for (const [code, c] of Object.entries(change.explanations)) {
    explanations[code] = { ...c, at: rec?.explanations[code]?.at ?? rec?.sending?.explanations[code]?.at ?? at };
  }
  return orNull({
    v: 1,
    key: outboxKey(change.owner, change.period, change.commune),
    owner: change.owner,
    period: change.period,
    commune: change.commune,
    version: change.version,
    values,
    explanations,
    sending: rec?.sending ?? null,
    attempts: rebase ? 0 : (rec?.attempts ?? 0),
    lastTry: rebase ? null : (rec?.lastTry ?? null),
    held: rebase ? null : (rec?.held ?? null),
    conflicts: rec?.conflicts ?? [],
  });
}

/**
 * The request to send now, and the record to write down BEFORE sending it: the one already on its
 * way (resent as it was), else a new one with a fresh client id. null when nothing may go: nothing
 * waits, or the record is held until the officer acts.
 */
export function nextRequest(rec: OutboxRecord, newId: () => string, now: Date): { record: OutboxRecord; request: QueuedRequest } | null {
  if (rec.held) return null;
  if (rec.sending) return { record: rec, request: rec.sending };
  if (isEmpty(rec.values) && isEmpty(rec.explanations)) return null;
  const request: QueuedRequest = {
    clientId: newId(),
    period: rec.period,
    commune: rec.commune,
    version: rec.version,
    values: rec.values,
    explanations: rec.explanations,
    createdAt: now.toISOString(),
  };
  return { record: { ...rec, sending: request }, request };
}

/** The PUT body of a queued request. */
export function requestBody(req: QueuedRequest): SubmissionPutBody {
  const explanations = Object.fromEntries(Object.entries(req.explanations).map(([k, e]) => [k, e.text.trim()]));
  return {
    version: req.version,
    values: Object.fromEntries(Object.entries(req.values).map(([k, c]) => [k, c.value])),
    ...(isEmpty(explanations) ? {} : { explanations }),
    clientId: req.clientId,
  };
}

/**
 * The server saved `clientId` at `result.version`. What the officer still wants is measured again
 * against the server's copy after that save: a field typed again meanwhile stays (its base is now
 * what was sent), a field put back to its old value meanwhile goes out again as a change. An
 * answer to a request that is not the one on its way changes nothing.
 * With nothing left, the record stays, settled, to remember the new version: a save the form
 * made before it heard of this answer arrives with the older version and must be ignored, not
 * queued afresh (it would go out as a 409 against our own save). The form's next save removes it.
 */
export function acknowledge(rec: OutboxRecord, clientId: string, result: Pick<SubmissionSaved, 'version'>): OutboxRecord {
  const sent = rec.sending;
  if (!sent || sent.clientId !== clientId) return rec;
  // rebased meanwhile on a newer server copy (read after this save was done): what it wants is
  // already measured against a copy that holds the save
  if (rec.version > sent.version) return { ...rec, version: Math.max(rec.version, result.version), sending: null, attempts: 0, lastTry: null };
  const values: Record<string, FieldChange> = {};
  for (const code of new Set([...Object.keys(rec.values), ...Object.keys(sent.values)])) {
    const wanted = rec.values[code];
    const s = sent.values[code];
    const server = s ? s.value : wanted!.base;
    const want = wanted ? wanted.value : s!.base;
    if (want !== server) values[code] = { value: want, base: server, at: wanted?.at ?? s!.at };
  }
  const explanations: Record<string, ExplanationChange> = {};
  for (const code of new Set([...Object.keys(rec.explanations), ...Object.keys(sent.explanations)])) {
    const wanted = rec.explanations[code];
    const s = sent.explanations[code];
    const server = s ? s.text : wanted!.base;
    const want = wanted ? wanted.text : s!.base;
    if (!sameText(want, server)) explanations[code] = { text: want, base: server, at: wanted?.at ?? s!.at };
  }
  return { ...rec, version: result.version, values, explanations, sending: null, attempts: 0, lastTry: null, held: null };
}

/** The request went nowhere (no network, a server error): try again later with the same client id. */
export function failed(rec: OutboxRecord, clientId: string, now: Date): OutboxRecord {
  if (rec.sending?.clientId !== clientId) return rec;
  return { ...rec, attempts: rec.attempts + 1, lastTry: now.toISOString() };
}

/**
 * The server refused the request: nothing was done, so the client id is released; the figures stay,
 * held with the reason until the officer acts (reloads, chooses, or clears them).
 */
export function hold(rec: OutboxRecord, clientId: string, held: Held): OutboxRecord {
  if (rec.sending?.clientId !== clientId) return rec;
  return { ...rec, sending: null, held, attempts: 0, lastTry: null };
}

/** Which kind of refusal an API error is (409 codes from the write path; decision 006). */
export function heldKind(status: number, code: string): Held['kind'] | null {
  if (status === 409) return code === 'STALE_VERSION' ? 'conflict' : 'locked';
  if (status === 400 || status === 404 || status === 422) return 'rejected';
  // not this account's form; a stale write token (CSRF) is the transport's to renew, not a refusal
  if (status === 403 && code !== 'CSRF') return 'rejected';
  return null;
}

/** Keeps the fields changed here and on the server meanwhile (replacing those of the same field). */
export function keepConflicts(rec: OutboxRecord | null, at: { owner: string; period: string; commune: string; version: number }, conflicts: Omit<FieldConflict, 'at'>[], now: Date): OutboxRecord | null {
  const base: OutboxRecord = rec ?? {
    v: 1,
    key: outboxKey(at.owner, at.period, at.commune),
    owner: at.owner,
    period: at.period,
    commune: at.commune,
    version: at.version,
    values: {},
    explanations: {},
    sending: null,
    attempts: 0,
    lastTry: null,
    held: null,
    conflicts: [],
  };
  const fresh = new Set(conflicts.map((c) => c.element));
  const kept = base.conflicts.filter((c) => !fresh.has(c.element));
  const when = now.toISOString();
  const added = conflicts.map((c) => ({ ...c, at: base.conflicts.find((k) => k.element === c.element)?.at ?? when }));
  return orNull({ ...base, conflicts: [...kept, ...added] });
}

/** The officer chose for this field (theirs, or mine typed back into the form). */
export function resolveConflict(rec: OutboxRecord, element: string): OutboxRecord | null {
  return orNull({ ...rec, conflicts: rec.conflicts.filter((c) => c.element !== element) });
}

/**
 * The form takes no figures now (closed round, approved, awaiting review): what was typed here and
 * differs from the server is kept as conflicts under the reason, to be shown until the officer
 * clears it or the form opens again. Nothing is left to send: the server copy says what arrived.
 */
export function holdForOfficer(
  rec: OutboxRecord | null,
  at: { owner: string; period: string; commune: string; version: number },
  conflicts: Omit<FieldConflict, 'at'>[],
  held: Held,
  now: Date,
): OutboxRecord | null {
  const kept = keepConflicts(rec ? { ...rec, values: {}, explanations: {}, sending: null, held: null, version: at.version } : null, at, conflicts, now);
  return kept ? { ...kept, version: at.version, held } : null;
}

/** The form opened for editing again: a 'locked' hold no longer applies (its conflicts stay, to choose). */
export function releaseLocked(rec: OutboxRecord): OutboxRecord | null {
  return rec.held?.kind === 'locked' ? orNull({ ...rec, held: null }) : rec;
}

/** The officer clears what a refusal held (after noting the figures down). */
export function discardHeld(rec: OutboxRecord): OutboxRecord | null {
  return orNull({ ...rec, values: {}, explanations: {}, held: null, sending: null, conflicts: [] });
}

/** What a record (or a form) wants, in a form that compares: has everything been handed over? */
export function changeSignature(version: number, values: Record<string, { value: number | null }>, explanations: Record<string, { text: string }>): string {
  const v = Object.entries(values).map(([k, c]) => [k, c.value]).sort();
  const e = Object.entries(explanations).map(([k, c]) => [k, c.text.trim()]).sort();
  return JSON.stringify([version, v, e]);
}

// ── What the page says ────────────────────────────────────────────────────────────────────

export interface OutboxSummary {
  /** fields waiting to reach the server (values and explanations, the one on its way included) */
  changes: number;
  /** fields kept for the officer rather than sent: held by a refusal, or changed on both sides */
  kept: number;
  /** forms with something waiting */
  forms: number;
  /** the oldest unsent change (ISO), null when nothing waits */
  since: string | null;
  /** unsent for longer than STALE_AFTER_MS */
  stale: boolean;
  /** forms the server refused, waiting for the officer */
  held: number;
  /** fields waiting for the officer to choose between two values */
  conflicts: number;
}

/** The fields a record still has to get to the server. */
export function waitingFields(rec: OutboxRecord): string[] {
  const s = rec.sending;
  return [...new Set([...Object.keys(rec.values), ...Object.keys(rec.explanations).map((k) => `${k}#`), ...(s ? [...Object.keys(s.values), ...Object.keys(s.explanations).map((k) => `${k}#`)] : [])])];
}

export function summarize(records: OutboxRecord[], now: Date): OutboxSummary {
  let changes = 0;
  let kept = 0;
  let since: string | null = null;
  let forms = 0;
  let held = 0;
  let conflicts = 0;
  for (const r of records) {
    const n = waitingFields(r).length;
    conflicts += r.conflicts.length;
    if (r.held) {
      // nothing of a held record goes until the officer acts: it is not "waiting to be sent"
      held++;
      kept += n + r.conflicts.length;
      continue;
    }
    kept += r.conflicts.length;
    changes += n;
    if (n > 0) forms++;
    const times = [
      ...Object.values(r.values).map((c) => c.at),
      ...Object.values(r.explanations).map((c) => c.at),
      ...(r.sending ? [...Object.values(r.sending.values).map((c) => c.at), ...Object.values(r.sending.explanations).map((c) => c.at)] : []),
    ];
    for (const t of times) if (since === null || t < since) since = t;
  }
  const stale = since !== null && now.getTime() - new Date(since).getTime() > STALE_AFTER_MS;
  return { changes, kept, forms, since, stale, held, conflicts };
}

/** Waits after a failed send (network down, server error): quick at first, then every 30 s. */
export function retryDelay(attempt: number): number {
  const steps = [2_000, 5_000, 10_000, 20_000, 30_000];
  return steps[Math.min(Math.max(attempt, 0), steps.length - 1)];
}

/** A client id: random, 36 characters (a UUID where the browser makes them, outside https too). */
export function newClientId(): string {
  const c = globalThis.crypto;
  if (typeof c?.randomUUID === 'function') return c.randomUUID();
  const b = c.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
