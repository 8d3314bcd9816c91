// The commune's form in React: what is typed, a copy in localStorage on every keystroke (nothing
// is lost when the tab closes), and after a quiet moment a save into the outbox (../../offline/,
// issue 15), which keeps it in IndexedDB and sends it when the network allows: at once, on the
// `online` event, when the app opens, or from the service worker. What came of a send reaches the
// form as an outbox event, whoever sent it: an answer moves the form to the server's new version,
// a 409 stops saving until the officer reloads (never a silent overwrite), a form the server no
// longer takes (closed, approved, awaiting review) keeps what was typed and says why, and a field
// changed here and on the server meanwhile waits for the officer to choose.
// The rules live in ./model.ts and ../../offline/outbox.ts; this file only wires them.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import type { CheckResult } from '@nq57/shared';
import type { SubmissionOut } from '@nq57/shared/schemas';
import { outboxMutations } from '../../api/mutations';
import { emit, onOutbox, type OutboxEvent } from '../../offline/events';
import { changeSignature, discardHeld, holdForOfficer, keepConflicts, outboxKey, releaseLocked, resolveConflict, type OutboxRecord } from '../../offline/outbox';
import { outboxRecord, updateOutbox } from '../../offline/store';
import {
  applySaved,
  draftKey,
  formChange,
  formFromSubmission,
  makeLocalDraft,
  parseLocalDraft,
  pendingChanges,
  restoreLocalDraft,
  withOutbox,
  type FormState,
  type LocalDraft,
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
  /** the form takes no figures now: what was typed is kept (../../offline/outbox.ts holdForOfficer) */
  | { kind: 'locked'; message: string }
  | { kind: 'rejected'; message: string }
  | { kind: 'signedOut'; message: string };

export interface RestoreNotice {
  restored: string[];
  /** typed here before, already on the server (the outbox sent them while no form was open) */
  arrived: string[];
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
  /** may this copy of the report be edited here (the same rule as `editable`, on a copy just read) */
  canEdit: (fresh: SubmissionOut) => boolean;
  /** why this copy takes no figures, when it does not (kept with what was typed) */
  lockedReason: (fresh: SubmissionOut) => { code: string; message: string };
  refetch: () => Promise<SubmissionOut | undefined>;
}

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null; // private mode with storage blocked: the form still works, without the copy
  }
}

const noSave = (s: SaveStatus) => s.kind === 'conflict' || s.kind === 'locked' || s.kind === 'rejected' || s.kind === 'signedOut';

export function useEntryForm({ period, commune, username, sub, units, fields, editable, canEdit, lockedReason, refetch }: Args) {
  const key = draftKey(username, period, commune);
  const okey = outboxKey(username, period, commune);
  const [state, setStateRaw] = useState<FormState | null>(null);
  const [save, setSaveRaw] = useState<SaveStatus>({ kind: 'idle' });
  const [serverChecks, setServerChecks] = useState<CheckResult | null>(null);
  const [notice, setNotice] = useState<RestoreNotice | null>(null);
  // this form's record in the outbox; undefined until read: the form is built after it
  const [record, setRecord] = useState<OutboxRecord | null | undefined>(undefined);
  // the refs are moved with the state at once, not at the next render: an outbox event answered
  // inside a save must be seen by the code that awaited that save (flush before submit)
  const stateRef = useRef<FormState | null>(null);
  const saveRef = useRef<SaveStatus>(save);
  const recordRef = useRef<OutboxRecord | null>(null);
  /** what was last handed to the outbox: the autosave hands over only what differs */
  const handed = useRef<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const unitsRef = useRef(units);
  unitsRef.current = units;
  const editableRef = useRef(editable);
  editableRef.current = editable;
  const refetchRef = useRef(refetch);
  refetchRef.current = refetch;

  const setState = useCallback((next: FormState | null) => {
    stateRef.current = next;
    setStateRaw(next);
  }, []);
  const setSave = useCallback((next: SaveStatus) => {
    saveRef.current = next;
    setSaveRaw(next);
  }, []);

  const { mutateAsync: queue } = useMutation(outboxMutations.queueSave());

  /** A change to this form's record that is not a send (conflicts kept or chosen, a hold cleared). */
  const changeRecord = useCallback(
    async (change: (r: OutboxRecord | null) => OutboxRecord | null) => {
      recordRef.current = await updateOutbox(okey, change);
      setRecord(recordRef.current);
      emit({ type: 'changed' });
    },
    [okey],
  );

  /** Hands what is on screen to the outbox, which sends it if it can; resolves when that try is over. */
  const handOver = useCallback(async (): Promise<void> => {
    if (timer.current) clearTimeout(timer.current);
    const st = stateRef.current;
    if (!st || !editableRef.current) return;
    const change = formChange(st, unitsRef.current, { owner: username, period, commune });
    handed.current = changeSignature(change.version, change.values, change.explanations);
    const something = Object.keys(change.values).length + Object.keys(change.explanations).length > 0;
    if (something && (saveRef.current.kind === 'idle' || saveRef.current.kind === 'saved')) setSave({ kind: 'saving' });
    const left = await queue(change);
    // nothing of this form waits any more, and no answer said so here (another tab or the worker
    // sent it, or there was nothing to send after all): what is on screen is on the server
    if (!left && saveRef.current.kind === 'saving') setSave({ kind: 'saved', at: new Date() });
  }, [queue, username, period, commune, setSave]);

  /** Load (or reload) from the server's copy, putting back what only this browser has. */
  const adopt = useCallback(
    (fresh: SubmissionOut, localOverride?: LocalDraft | null) => {
      const base = formFromSubmission(fresh, unitsRef.current);
      const rec = recordRef.current;
      const stored = localOverride !== undefined ? localOverride : parseLocalDraft(storage()?.getItem(key) ?? null);
      const local = withOutbox(stored, rec, unitsRef.current);
      setServerChecks({ errors: fresh.errors, warnings: fresh.warnings });
      const here = { owner: username, period, commune, version: fresh.version };
      if (!local) {
        setState(base);
        // a record with nothing to put back (held, or conflicts only) is rebased on this copy
        if (rec) void handOver();
        else handed.current = changeSignature(fresh.version, {}, {});
        return;
      }
      const r = restoreLocalDraft(base, local, unitsRef.current, new Set(fields));
      // judged on this copy, not on the props: it may be newer than they are (a refusal just read it)
      if (!canEdit(fresh)) {
        // the form takes no figures now: what was typed is kept in the outbox with the reason,
        // shown beside the form until the officer clears it (never dropped without a word)
        setState(base);
        const typed = [
          ...r.restored.filter((code) => code in local.changes).map((code) => ({ element: code, mine: local.changes[code].raw, theirs: base.saved[code] ?? null })),
          ...r.conflicts,
        ];
        // the server's own words when it refused a send; else why this copy is locked
        const held = rec?.held?.kind === 'locked' ? rec.held : { kind: 'locked' as const, ...lockedReason(fresh), at: new Date().toISOString() };
        void changeRecord((cur) => holdForOfficer(cur, here, typed, held, new Date()));
        storage()?.removeItem(key);
        return;
      }
      setState(r.state);
      if (r.restored.length || r.arrived.length) setNotice({ restored: r.restored, arrived: r.arrived, at: local.savedAt });
      // fields changed on the server too: both values kept in the outbox until the officer chooses
      void changeRecord((cur) => {
        const open = cur ? releaseLocked(cur) : cur;
        return r.conflicts.length ? keepConflicts(open, here, r.conflicts, new Date()) : open;
      }).then(() => handOver());
    },
    [key, canEdit, fields, username, period, commune, lockedReason, changeRecord, handOver, setState],
  );
  const adoptRef = useRef(adopt);
  adoptRef.current = adopt;

  // the outbox's record of this form: read before the form is built, then followed
  useEffect(() => {
    let live = true;
    const read = () =>
      void outboxRecord(okey).then((r) => {
        if (!live) return;
        recordRef.current = r;
        setRecord(r);
      });
    read();
    const off = onOutbox((e) => {
      if (e.type === 'changed' || ('key' in e && e.key === okey)) read();
    });
    return () => {
      live = false;
      off();
    };
  }, [okey]);

  // first load, and later server versions when nothing here is waiting to be saved
  const recordRead = record !== undefined;
  useEffect(() => {
    if (!sub || !recordRead) return;
    const cur = stateRef.current;
    if (!cur) return adopt(sub);
    if (sub.version === cur.version) return;
    // approved, closed or submitted meanwhile: the server's copy, with what was typed held beside it
    if (!editable || sub.locked) return adopt(sub);
    const pending = pendingChanges(cur, unitsRef.current);
    if (pending.count === 0 && pending.invalid.length === 0 && !recordRef.current?.sending) adopt(sub);
  }, [sub, adopt, recordRead, editable]);

  // what the outbox says about this form, whoever sent it (this page, another tab, the worker)
  useEffect(
    () =>
      onOutbox((e: OutboxEvent) => {
        if (e.type === 'signedOut') return setSave({ kind: 'signedOut', message: e.message });
        if (e.type === 'changed' || (e.key !== okey && e.key !== '*')) return;
        switch (e.type) {
          case 'sending':
            if (!noSave(saveRef.current)) setSave({ kind: 'saving' });
            return;
          case 'acked': {
            const cur = stateRef.current;
            if (!cur || e.request.version !== cur.version) return; // the form was reloaded meanwhile
            setState(applySaved(cur, { values: e.body.values, explanations: e.body.explanations ?? {} }, e.result.version));
            setServerChecks({ errors: e.result.errors, warnings: e.result.warnings });
            handed.current = e.left ? changeSignature(e.left.version, e.left.values, e.left.explanations) : changeSignature(e.result.version, {}, {});
            const more = !!e.left && !e.left.held && Object.keys(e.left.values).length + Object.keys(e.left.explanations).length > 0;
            setSave(more ? { kind: 'saving' } : { kind: 'saved', at: new Date() });
            return;
          }
          case 'failed': {
            const prev = saveRef.current;
            if (noSave(prev)) return;
            setSave({ kind: 'retry', attempt: prev.kind === 'retry' ? prev.attempt + 1 : 0, offline: e.offline });
            return;
          }
          case 'held':
            if (e.held.kind === 'conflict') setSave({ kind: 'conflict', message: e.held.message });
            else if (e.held.kind === 'locked') {
              setSave({ kind: 'locked', message: e.held.message });
              // the report changed state on the server (closing a round moves no version): show the
              // server's copy, with what was typed held beside it
              void refetchRef.current().then((fresh) => fresh && adoptRef.current(fresh));
            } else setSave({ kind: 'rejected', message: e.held.message });
        }
      }),
    [okey, setSave, setState],
  );

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
      // storage full: the outbox (IndexedDB) still has what was handed over
    }
  }, [state, key]);

  // autosave: into the outbox after a quiet moment, whenever the screen differs from what it holds
  useEffect(() => {
    if (!state || !editable || !recordRead || noSave(save)) return;
    const change = formChange(state, units, { owner: username, period, commune });
    if (changeSignature(change.version, change.values, change.explanations) === handed.current) return;
    timer.current = setTimeout(() => void handOver(), SAVE_DEBOUNCE_MS);
    return () => {
      if (timer.current) clearTimeout(timer.current);
    };
  }, [state, save, editable, units, handOver, recordRead, username, period, commune]);

  const edit = useCallback(
    (patch: (s: FormState) => FormState) => {
      const cur = stateRef.current;
      if (!cur) return;
      setState(patch(cur));
      // a new edit is a new attempt: a refused save (400) may go again
      if (saveRef.current.kind === 'rejected') setSave({ kind: 'idle' });
    },
    [setState, setSave],
  );

  const setInput = useCallback((code: string, raw: string) => edit((s) => ({ ...s, inputs: { ...s.inputs, [code]: raw } })), [edit]);
  const setExplanation = useCallback((code: string, text: string) => edit((s) => ({ ...s, explanations: { ...s.explanations, [code]: text } })), [edit]);

  /** Save now and wait; true when the server holds everything on screen. */
  const flush = useCallback(async (): Promise<boolean> => {
    await handOver();
    const st = stateRef.current;
    if (!st) return false;
    const p = pendingChanges(st, unitsRef.current);
    const rec = await outboxRecord(okey);
    return p.count === 0 && p.invalid.length === 0 && !noSave(saveRef.current) && !rec?.held && !rec?.conflicts.length && !rec?.sending;
  }, [handOver, okey]);

  /** After a 409: the server's newest copy, with this browser's changes put back where safe. */
  const reload = useCallback(async () => {
    const st = stateRef.current;
    const local = st ? makeLocalDraft(st, unitsRef.current, new Date()) : null;
    const fresh = await refetch();
    if (!fresh) return;
    setSave({ kind: 'idle' });
    adopt(fresh, local);
  }, [refetch, adopt, setSave]);

  /** The officer chose between the two values of a field: `mine` goes back into the box. */
  const choose = useCallback(
    (element: string, keep: 'mine' | 'theirs') => {
      const c = recordRef.current?.conflicts.find((x) => x.element === element);
      if (c && keep === 'mine') setInput(element, c.mine);
      void changeRecord((cur) => (cur ? resolveConflict(cur, element) : cur));
    },
    [setInput, changeRecord],
  );

  return {
    state,
    save,
    serverChecks,
    notice,
    /** this form's record in the outbox (what waits, what is held, what to choose) */
    record: record ?? null,
    dismissNotice: () => setNotice(null),
    setInput,
    setExplanation,
    flush,
    reload,
    choose,
    /** the officer has noted down what a closed or approved form could not take */
    discardHeld: () => void changeRecord((cur) => (cur ? discardHeld(cur) : cur)),
    saveNow: () => void handOver(),
    /** the server version the screen is based on (sent with submit, so a stale view gets 409) */
    currentVersion: () => stateRef.current?.version,
  };
}
