// Step 3: what the dry run found, nothing written yet: the counts, the unknown columns to map, every
// problem with its row and column, the forms an approving import would approve, and the button
// that writes (all or nothing, after a confirmation).
import { useMemo, type ReactNode } from 'react';
import { formatNumber } from '@nq57/shared';
import type { ImportApproval, ImportResult } from '@nq57/shared/schemas';
import { tf } from '../../i18n/files';
import { sortProblems } from './model';

const SHOWN_PROBLEMS = 500;

interface Props {
  id: string;
  result: ImportResult;
  /** the column mapper, when the file has columns the template does not */
  mapper: ReactNode;
  stale: boolean;
  errorCount: number;
  approvalConfirmed: boolean;
  onApprovalConfirmed: (v: boolean) => void;
  canCommit: boolean;
  onCommit: () => void;
}

export function ResultStep({ id, result, mapper, stale, errorCount, approvalConfirmed, onApprovalConfirmed, canCommit, onCommit }: Props) {
  return (
    <section className="imp-step" aria-labelledby={`${id}-s3`}>
      <h2 id={`${id}-s3`}>{tf.step3}</h2>
      <p className="wf-hint">{tf.dryRunNote}</p>
      <Summary result={result} />
      {mapper}
      <Problems result={result} />
      {result.approval && result.approval.forms > 0 ? <ApprovalPreview approval={result.approval} confirmed={approvalConfirmed} onConfirm={onApprovalConfirmed} /> : null}
      {stale ? <p className="wf-warn">{tf.fileChanged}</p> : null}
      {errorCount ? <p className="wf-bad">{tf.blocked(formatNumber(errorCount))}</p> : result.problems.length ? <p className="wf-hint">{tf.warningsOnly}</p> : null}
      <button type="button" className="btn btn-primary" disabled={!canCommit} onClick={onCommit}>
        {tf.commit}
      </button>
    </section>
  );
}

/** Mode "Sở duyệt ngay": what the dry run says would be approved, and the Sở's confirmation. */
function ApprovalPreview({ approval, confirmed, onConfirm }: { approval: ImportApproval; confirmed: boolean; onConfirm: (v: boolean) => void }) {
  const shown = approval.communes.slice(0, 10);
  return (
    <section className="wf-alert wf-alert-returned imp-approval" aria-labelledby="imp-approval-title" data-approval>
      <h3 id="imp-approval-title">{tf.approvalTitle(formatNumber(approval.forms))}</h3>
      <p>{tf.approvalIntro}</p>
      <p>
        <strong>{tf.approvalCounts(formatNumber(approval.notSubmitted), formatNumber(approval.unfinished), formatNumber(approval.overdue))}</strong>
      </p>
      {shown.length ? (
        <ul>
          {shown.map((c) => (
            <li key={c.communeCode}>
              {tf.approvalRow(c.communeName, c.state, formatNumber(c.filled), formatNumber(c.required), c.daysOverdue === null ? null : formatNumber(c.daysOverdue))}
            </li>
          ))}
          {approval.communes.length > shown.length ? <li>{tf.approvalMore(formatNumber(approval.communes.length - shown.length))}</li> : null}
        </ul>
      ) : null}
      <label className="inline-field">
        <input type="checkbox" checked={confirmed} onChange={(e) => onConfirm(e.target.checked)} />
        {tf.approvalConfirm(formatNumber(approval.forms))}
      </label>
    </section>
  );
}

function Summary({ result }: { result: ImportResult }) {
  const s = result.summary;
  const items = [
    { key: 'create', label: tf.summary.create, value: s.create },
    { key: 'update', label: tf.summary.update, value: s.update },
    { key: 'unchanged', label: tf.summary.unchanged, value: s.unchanged },
    { key: 'rejected', label: tf.summary.rejected, value: s.rejected },
  ];
  return (
    <>
      <dl className="imp-summary" data-testid="import-summary">
        {items.map((i) => (
          <div key={i.key} className={`imp-count imp-${i.key}`} data-count={i.key}>
            <dt>{i.label}</dt>
            <dd>
              <strong>{formatNumber(i.value)}</strong> <span className="muted">{tf.summary.unit}</span>
            </dd>
          </div>
        ))}
      </dl>
      <p className="wf-hint">{tf.summary.rows(formatNumber(s.rows), formatNumber(s.communes))}</p>
    </>
  );
}

function Problems({ result }: { result: ImportResult }) {
  const sorted = useMemo(() => sortProblems(result.problems), [result.problems]);
  if (!sorted.length) return <p className="wf-good">{tf.noProblems}</p>;
  const shown = sorted.slice(0, SHOWN_PROBLEMS);
  return (
    <div className="imp-problems">
      <h3>{tf.problemsTitle(formatNumber(sorted.length))}</h3>
      <div className="table-scroll">
        <table data-testid="import-problems">
          <thead>
            <tr>
              <th scope="col">{tf.cols.row}</th>
              <th scope="col">{tf.cols.column}</th>
              <th scope="col">{tf.cols.level}</th>
              <th scope="col">{tf.cols.message}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((p, i) => (
              <tr key={i} className={p.level === 'error' ? 'imp-error' : 'imp-warning'}>
                <td className="num">{p.row ?? tf.whole}</td>
                <td>{p.column ?? '—'}</td>
                <td>{p.level === 'error' ? tf.levelError : tf.levelWarning}</td>
                <td>{p.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {sorted.length > shown.length ? <p className="wf-hint">{tf.moreProblems(formatNumber(sorted.length - shown.length))}</p> : null}
    </div>
  );
}
