// The imports of the round so far: when, which file (and mapping), by whom, how, and the counts.
import { useQuery } from '@tanstack/react-query';
import { formatDateTime, formatNumber } from '@nq57/shared';
import { importQueries } from '../../api/queries';
import { LoadState } from '../../components/LoadState';
import { panelState } from '../../components/PanelFrame';
import { tf } from '../../i18n/files';

export function ImportHistory({ period }: { period: string }) {
  const q = useQuery(importQueries.list(period));
  const rows = q.data?.imports ?? [];
  return (
    <section className="imp-step" aria-labelledby="imp-history">
      <h2 id="imp-history">{tf.historyTitle}</h2>
      <LoadState variant="inline" state={panelState(q, rows.length === 0, tf.historyEmpty)} />
      {rows.length ? (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{tf.historyCols.at}</th>
                <th scope="col">{tf.historyCols.file}</th>
                <th scope="col">{tf.historyCols.by}</th>
                <th scope="col">{tf.historyCols.mode}</th>
                <th scope="col">{tf.historyCols.counts}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td>{formatDateTime(r.at)}</td>
                  <td>
                    {r.fileName}
                    {r.mappingName ? <span className="muted"> ({r.mappingName})</span> : null}
                  </td>
                  <td>{r.importedBy}</td>
                  <td>{tf.modeShort[r.mode]}</td>
                  <td className="num">
                    {formatNumber(r.summary.create)} / {formatNumber(r.summary.update)} / {formatNumber(r.summary.unchanged)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
