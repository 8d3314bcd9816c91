// The commune's form in React: what is typed, saved as the officer types (debounced PUT with the
// version read), a copy in localStorage on every keystroke so nothing is lost when the network
// drops or the tab closes, retries with back-off, and a 409 that stops saving until the officer
// reloads (never a silent overwrite). The rules live in ./model.ts; this file only wires them,
// and the write (with what it updates in the cache) is submissionMutations.save.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import type { CheckResult } from '@nq57/shared';
import type { SubmissionOut, SubmissionPutBody } from '@nq57/shared/schemas';
import { ApiError } from '../../api/client';
import { submissionMutations } from '../../api/mutations';
import {
  applySaved,
  draftKey,
  formFromSubmission,
  makeLocalDraft,
  parseLocalDraft,
  pendingChanges,
  restoreLocalDraft,
  retryDelay,
  type Conflict,
  type FormState,
  type Units,
} from './model';

/** Quiet time after the last keystroke before saving. */
export const SAVE_DEBOUNCE_MS = 800;

export type SaveStatus =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: Date }
  | { kind: 'retry'; attempt: number; offline: boolean }
  | { kind: 'conflict'; message: string }
  | { kind: 'rejected'; message: string }
  | { kind: 'signedOut'; message: string };

export interface RestoreNotice {
  restored: string[];
  conflicts: Conflict[];
  at: string;
}

interface Args {
  period: string;
  commune: string;
  username: string;
  sub: SubmissionOut | undefined;
  units: Units;
  /** the fields of the round (codes), to ignore a stored change the round no longer asks for */
  fields: string[];
  editable: boolean;
  refetch: () => Promise<SubmissionOut | undefined>;
}

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null; // private mode with storage blocked: the form still works, without the copy
  }
}

export function useEntryForm({ period, commune, username, sub, units, fields, editable, refetch }: Args) {
  const key = draftKey(username, period, commune);
  const [state, setState] = useState<FormState | null>(null);
  const [save, setSave] = useState<SaveStatus>({ kind: 'idle' });
  const [serverChecks, setServerChecks] = useState<CheckResult | null>(null);
  const [notice, setNotice] = useState<RestoreNotice | null>(null);
  const stateRef = useRef<FormState | null>(null);
  const saveRef = useRef<SaveStatus>(save);
  const inFlight = useRef<Promise<void> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const unitsRef = useRef(units);
  unitsRef.current = units;
  stateRef.current = state;
  saveRef.current = save;

  // the write and what it updates in the cache (the report, the round's progress) are the mutation layer's
  const { mutateAsync: send } = useMutation(submissionMutations.save(period, commune));

  /** Load (or reload) from the server's copy, putting back what only this browser has. */
  const adopt = useCallback(
    (fresh: SubmissionOut, localOverride?: ReturnType<typeof makeLocalDraft>) => {
      const base = formFromSubmission(fresh, unitsRef.current);
      const local = localOverride !== undefined ? localOverride : parseLocalDraft(storage()?.getItem(key) ?? null);
      setServerChecks({ errors: fresh.errors, warnings: fresh.warnings });
      if (!local) {
        setState(base);
        return;
      }
      const canEdit = editable && !fresh.locked;
      if (!canEdit) {
        // the form is locked now (submitted, approved, closed): what was typed cannot go in, but
        // it is listed rather than dropped without a word
        setState(base);
        const conflicts = Object.entries(local.changes)
          .filter(([code, c]) => c.raw.trim() !== '' || base.saved[code] !== null)
          .map(([element, c]) => ({ element, mine: c.raw, theirs: base.saved[element] ?? null }))
          .filter((c) => c.mine.trim() !== '' || c.theirs !== null);
        if (conflicts.length) setNotice({ restored: [], conflicts, at: local.savedAt });
        storage()?.removeItem(key);
        return;
      }
      const r = restoreLocalDraft(base, local, unitsRef.current, new Set(fields));
      setState(r.state);
      if (r.restored.length || r.conflicts.length) setNotice({ restored: r.restored, conflicts: r.conflicts, at: local.savedAt });
    },
    [key, editable, fields],
  );

  // first load, and later server versions when nothing here is waiting to be saved
  useEffect(() => {
    if (!sub) return;
    const cur = stateRef.current;
    if (!cur) return adopt(sub);
    if (sub.version === cur.version) return;
    const pending = pendingChanges(cur, unitsRef.current);
    if (pending.count === 0 && pending.invalid.length === 0 && !inFlight.current) adopt(sub);
  }, [sub, adopt]);

  // the copy in this browser, on every change
  useEffect(() => {
    if (!state) return;
    const s = storage();
    if (!s) return;
    const d = makeLocalDraft(state, unitsRef.current, new Date());
    try {
      if (d) s.setItem(key, JSON.stringify(d));
      else s.removeItem(key);
    } catch {
      // storage full: nothing to do but keep saving to the server
    }
  }, [state, key]);

  const doSave = useCallback(async (): Promise<void> => {
    if (inFlight.current) return inFlight.current;
    const st = stateRef.current;
    if (!st) return;
    const p = pendingChanges(st, unitsRef.current);
    if (Object.keys(p.values).length === 0 && Object.keys(p.explanations).length === 0) return;
    const body: SubmissionPutBody = { version: st.version, values: p.values, ...(Object.keys(p.explanations).length ? { explanations: p.explanations } : {}) };
    const run = (async () => {
      setSave({ kind: 'saving' });
      try {
        const res = await send(body);
        setState((cur) => (cur ? applySaved(cur, p, res.version) : cur));
        setServerChecks({ errors: res.errors, warnings: res.warnings });
        setSave({ kind: 'saved', at: new Date() });
      } catch (e) {
        const err = e instanceof ApiError ? e : new ApiError(0, 'NETWORK', String(e));
        if (err.status === 409) setSave({ kind: 'conflict', message: err.message });
        else if (err.status === 401) setSave({ kind: 'signedOut', message: err.message });
        else if (err.status === 0 || err.status >= 500 || err.status === 429) {
          const prev = saveRef.current;
          const attempt = prev.kind === 'retry' ? prev.attempt + 1 : 0;
          setSave({ kind: 'retry', attempt, offline: err.status === 0 });
        } else setSave({ kind: 'rejected', message: err.message });
      }
    })();
    inFlight.current = run;
    try {
      await run;
    } finally {
      inFlight.current = null;
    }
  }, [send]);

  // autosave: after a quiet moment, or on the back-off schedule after a failure
  useEffect(() => {
    if (!state || !editable) return;
    if (save.kind === 'conflict' || save.kind === 'rejected' || save.kind === 'signedOut' || save.kind === 'saving') return;
    const p = pendingChanges(state, units);
    if (Object.keys(p.values).length === 0 && Object.keys(p.explanations).length === 0) return;
    const wait = save.kind === 'retry' ? retryDelay(save.attempt) : SAVE_DEBOUNCE_MS;
    timer.current = setTimeout(() => void doSave(), wait);
    return () => {
      if (timer.current) clearTimeout(timer.current);
    };
  }, [state, save, editable, units, doSave]);

  // back online: try at once rather than waiting for the next retry
  useEffect(() => {
    const onOnline = () => {
      if (saveRef.current.kind === 'retry') void doSave();
    };
    window.addEventListener('online', onOnline);
    return () => window.removeEventListener('online', onOnline);
  }, [doSave]);

  const edit = useCallback((patch: (s: FormState) => FormState) => {
    setState((cur) => (cur ? patch(cur) : cur));
    // a new edit is a new attempt: a refused save (400) or a finished retry may go again
    setSave((s) => (s.kind === 'rejected' ? { kind: 'idle' } : s));
  }, []);

  const setInput = useCallback((code: string, raw: string) => edit((s) => ({ ...s, inputs: { ...s.inputs, [code]: raw } })), [edit]);
  const setExplanation = useCallback((code: string, text: string) => edit((s) => ({ ...s, explanations: { ...s.explanations, [code]: text } })), [edit]);

  /** Save now and wait; true when the server holds everything on screen. */
  const flush = useCallback(async (): Promise<boolean> => {
    if (timer.current) clearTimeout(timer.current);
    if (inFlight.current) await inFlight.current;
    await doSave();
    const st = stateRef.current;
    if (!st) return false;
    const p = pendingChanges(st, unitsRef.current);
    return p.count === 0 && p.invalid.length === 0 && saveRef.current.kind !== 'conflict';
  }, [doSave]);

  /** After a 409: the server's newest copy, with this browser's changes put back where safe. */
  const reload = useCallback(async () => {
    const st = stateRef.current;
    const local = st ? makeLocalDraft(st, unitsRef.current, new Date()) : null;
    const fresh = await refetch();
    if (!fresh) return;
    setSave({ kind: 'idle' });
    adopt(fresh, local);
  }, [refetch, adopt]);

  return {
    state,
    save,
    serverChecks,
    notice,
    dismissNotice: () => setNotice(null),
    setInput,
    setExplanation,
    flush,
    reload,
    saveNow: () => void doSave(),
    /** the server version the screen is based on (sent with submit, so a stale view gets 409) */
    currentVersion: () => stateRef.current?.version,
  };
}
