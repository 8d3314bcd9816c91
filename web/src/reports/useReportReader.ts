// Everything /doc-bao-cao holds, in one hook: the round, the commune and the read in the address
// (?ky=, ?xa= for the admin, ?doc= the read: a reload or a shared link reopens it), the upload with
// its progress, the person's decisions on the proposals (./model.ts's reducer), the commune's form
// (its version, whether it can take figures) and the write. The components of this folder only lay
// out what it returns.
import { useEffect, useMemo, useReducer, useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useLocation, useSearch } from 'wouter';
import type { UserOut } from '@nq57/shared/schemas';
import { reportMutations } from '../api/mutations';
import { communeQueries, periodQueries, reportQueries, submissionQueries } from '../api/queries';
import { stillAt } from '../hooks/useUrlState';
import { UploadError } from '../api/upload';
import { tr } from '../i18n/reports';
import { setParam } from '../url';
import { isEditable } from '../workflow/entry/model';
import { figuresToWrite, reviewReducer } from './model';

const MAX_BYTES = 10 * 1024 * 1024;

export function useReportReader(user: UserOut) {
  const search = useSearch();
  const [location, navigate] = useLocation();
  const params = new URLSearchParams(search);
  const setUrl = (name: string, value: string | null, push = false) => navigate(`${location}${setParam(search, name, value)}`, { replace: !push });

  const periods = useQuery(periodQueries.list());
  const communes = useQuery(communeQueries.list());
  // open rounds first (the ones that take figures), newest first within each
  const rounds = useMemo(
    () => [...(periods.data?.periods ?? [])].sort((a, b) => (a.status === b.status ? b.endDate.localeCompare(a.endDate) : a.status === 'open' ? -1 : 1)),
    [periods.data],
  );
  const period = rounds.find((r) => r.code === params.get('ky')) ?? rounds[0];
  // the header's round picker reads ?ky=: write the round this page uses there, so both name the same one
  const askedPeriod = params.get('ky');
  useEffect(() => {
    if (!askedPeriod && period && stillAt(location, search)) navigate(`${location}${setParam(search, 'ky', period.code)}`, { replace: true });
  }, [askedPeriod, period, location, search, navigate]);
  const ownCommune = user.role === 'commune' ? user.communeCode : null;
  const chosenCommune = ownCommune ?? params.get('xa') ?? '';
  const docId = Number(params.get('doc')) || null;

  // the upload
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const readMutation = useMutation(reportMutations.read({ network: tr.network, server: tr.server }));
  const tooLarge = !!file && file.size > MAX_BYTES;
  function startRead() {
    if (!file || !period || tooLarge) return;
    setProgress(0);
    readMutation.mutate(
      { period: period.code, file, commune: ownCommune ? '' : chosenCommune, onProgress: setProgress },
      {
        onSuccess: (r) => setUrl('doc', String(r.id), true),
        onSettled: () => setProgress(null),
      },
    );
  }

  // the read, reopened from the address
  const read = useQuery({ ...reportQueries.detail(period?.code ?? '', docId ?? 0), enabled: !!period && docId !== null });
  const [decisions, dispatch] = useReducer(reviewReducer, {});
  useEffect(() => dispatch({ type: 'reset' }), [docId]);

  // the form the figures go to: the read's commune, else the one the admin picks here
  const [pickedCommune, setPickedCommune] = useState('');
  const writeCommune = read.data?.commune?.code ?? (pickedCommune || chosenCommune);
  const form = useQuery({ ...submissionQueries.detail(period?.code ?? '', writeCommune), enabled: !!period && !!writeCommune && !!read.data });
  const editable = !!form.data && period?.status === 'open' && isEditable(form.data, user.role);

  const accept = useMutation(reportMutations.accept(period?.code ?? '', docId ?? 0));
  const toWrite = read.data ? figuresToWrite(read.data.candidates, decisions) : { figures: [], invalid: [] };
  const [writeError, setWriteError] = useState<string | null>(null);
  function write() {
    setWriteError(null);
    if (!read.data || !form.data) return;
    if (!writeCommune) return setWriteError(tr.chooseCommune);
    if (toWrite.invalid.length) return setWriteError(tr.fixFirst(toWrite.invalid.join(', ')));
    accept.mutate(
      { version: form.data.version, ...(read.data.commune ? {} : { commune: writeCommune }), figures: toWrite.figures },
      { onError: (e) => setWriteError(e.message) },
    );
  }

  return {
    periods,
    communes,
    rounds,
    period,
    ownCommune,
    chosenCommune,
    setPeriod: (code: string) => navigate(`${location}${setParam(setParam(search, 'ky', code), 'doc', null)}`),
    setCommune: (code: string) => setUrl('xa', code || null),
    upload: {
      file,
      setFile,
      tooLarge,
      progress,
      busy: readMutation.isPending,
      error: readMutation.error instanceof UploadError ? readMutation.error.message : (readMutation.error?.message ?? null),
      start: startRead,
    },
    docId,
    read,
    closeRead: () => {
      readMutation.reset();
      accept.reset();
      setUrl('doc', null, true);
    },
    decisions,
    dispatch,
    writeCommune,
    pickCommune: setPickedCommune,
    form,
    editable,
    toWrite,
    write,
    writing: accept.isPending,
    written: accept.data ?? null,
    writtenCount: accept.variables?.figures.length ?? 0,
    writeError,
  };
}
export type ReportReader = ReturnType<typeof useReportReader>;
