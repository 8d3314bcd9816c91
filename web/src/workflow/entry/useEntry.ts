// Everything the commune's form holds, in one hook: the report and the catalogue (read through the
// query factories), the fields and what is on screen read by the pure rules of ./model.ts, the
// autosave (./useEntryForm.ts) and the steps after it (./useReportSteps.ts). The components of
// this folder only lay out what it returns.
import { useCallback, useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { Commune, Period, SubmissionOut, UserOut } from '@nq57/shared/schemas';
import { catalogueQueries, submissionQueries } from '../../api/queries';
import { queriesState } from '../../components/LoadState';
import { formView, isEditable, lockedReason, roundForm } from './model';
import { useEntryForm } from './useEntryForm';
import { useReportSteps } from './useReportSteps';

export function useEntry({ user, period, commune }: { user: UserOut; period: Period; commune: Commune }) {
  const sub = useQuery(submissionQueries.detail(period.code, commune.code));
  const catalogue = useQuery(catalogueQueries.indicators());
  const round = useMemo(() => roundForm(catalogue.data?.elements ?? [], sub.data), [catalogue.data, sub.data]);

  const roundOpen = period.status === 'open';
  const editable = !!sub.data && roundOpen && isEditable(sub.data, user.role);
  // judged on a copy just read, which may be newer than sub.data (the form reads one after a refusal)
  const canEdit = useCallback((fresh: SubmissionOut) => roundOpen && isEditable(fresh, user.role), [roundOpen, user.role]);
  const reason = useCallback((fresh: SubmissionOut) => lockedReason(fresh, roundOpen), [roundOpen]);
  const form = useEntryForm({
    period: period.code,
    commune: commune.code,
    username: user.username,
    // the form is built once the catalogue says each field's unit
    sub: catalogue.data ? sub.data : undefined,
    units: round.units,
    fields: round.codes,
    editable,
    canEdit,
    lockedReason: reason,
    refetch: async () => (await sub.refetch()).data,
  });
  const view = useMemo(
    () => formView(form.state, round, commune, form.serverChecks),
    [form.state, round, commune, form.serverChecks],
  );
  const steps = useReportSteps({
    period: period.code,
    commune: commune.code,
    sub: sub.data,
    ready: view.ready,
    flush: form.flush,
    currentVersion: form.currentVersion,
  });

  return {
    /** loading until the report, the catalogue and the form built from them are there */
    load: queriesState([sub, catalogue], !!sub.data && !form.state),
    sub: sub.data,
    round,
    view,
    form,
    steps,
    roundOpen,
    editable,
  };
}
