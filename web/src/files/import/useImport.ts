// Everything /nhap-file holds, in one hook: the rounds, the catalogue and the saved mappings (read
// through the query factories), the page's state (./model.ts's reducer), and the two writes: the
// spreadsheet (a dry run, then the import) and a saved mapping. The components of this folder only
// lay out what it returns and dispatch what the admin does.
import { useEffect, useMemo, useReducer } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useSearch } from 'wouter';
import { importMutations } from '../../api/mutations';
import { catalogueQueries, importQueries, periodQueries } from '../../api/queries';
import { UploadError } from '../../api/upload';
import { tf } from '../../i18n/files';
import { periodFromSearch } from '../../url';
import { importReducer, importView, initialImport, mergedMapping, uploadRequest } from './model';

export function useImport() {
  const search = useSearch();
  const periods = useQuery(periodQueries.list());
  const catalogue = useQuery(catalogueQueries.indicators());
  const mappings = useQuery(importQueries.mappings());
  const [state, dispatch] = useReducer(importReducer, initialImport);

  const open = useMemo(() => (periods.data?.periods ?? []).filter((p) => p.status === 'open'), [periods.data]);
  const wanted = periodFromSearch(search);
  useEffect(() => {
    if (!state.period && open.length) dispatch({ type: 'roundDefault', code: open.find((p) => p.code === wanted)?.code ?? open[0].code });
  }, [open, wanted, state.period]);
  // the round chosen elsewhere cannot take figures: say so rather than switch without a word
  const wantedClosed = (periods.data?.periods ?? []).find((p) => p.code === wanted && p.status === 'closed');
  const view = importView(state, mappings.data?.mappings ?? []);

  const upload = useMutation(importMutations.upload({ network: tf.network, server: tf.server }));
  const saveMapping = useMutation(importMutations.saveMapping());

  async function send(dryRun: boolean, mapping = view.mappingToSend) {
    const request = uploadRequest(state, dryRun, mapping);
    if (!request) return;
    dispatch({ type: 'sending', what: dryRun ? 'dry' : 'commit' });
    try {
      const result = await upload.mutateAsync({ ...request, onProgress: (fraction) => dispatch({ type: 'progress', fraction }) });
      dispatch(dryRun ? { type: 'checked', result, sent: { file: request.file, mode: request.mode, mapping, period: request.period } } : { type: 'written', result });
    } catch (e) {
      dispatch({ type: 'failed', error: e instanceof UploadError ? e : new UploadError(tf.network, 0), dryRun });
    } finally {
      dispatch({ type: 'settled' });
    }
  }

  const saveAndRecheck = () => {
    const name = state.saveName.trim();
    if (!name) return dispatch({ type: 'nameNeeded' });
    saveMapping.mutate(
      { name, columns: mergedMapping(view.saved?.columns ?? null, state.choices) },
      {
        // the list of mappings is fresh by now (the write waits for it): the new one is picked by name
        onSuccess: (m) => {
          dispatch({ type: 'mappingSaved', name: m.name });
          void send(true, m.name);
        },
      },
    );
  };

  return {
    periods,
    open,
    round: open.find((p) => p.code === state.period),
    wantedClosed,
    elements: catalogue.data?.elements ?? [],
    mappings: mappings.data?.mappings ?? [],
    state,
    view,
    dispatch,
    check: () => void send(true),
    /** exactly what the dry run checked */
    commit: () => void send(false, state.checked?.mapping ?? view.mappingToSend),
    saveAndRecheck,
    savingMapping: saveMapping.isPending,
    saveMappingError: saveMapping.error?.message ?? null,
  };
}
