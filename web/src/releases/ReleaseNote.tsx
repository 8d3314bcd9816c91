// The line above every table of figures (issue 12): which release it shows ("Công bố lần 2 ngày
// 05/12/2026", with "đã điều chỉnh" linking to the changes), or "Chưa công bố", or for an admin or
// leader the live figures and whether they differ from the release. A pure component: the page
// passes what its read answered.
import { Link, useSearch } from 'wouter';
import { isRevision, releaseLabel } from '@nq57/shared';
import type { ReleaseRef } from '@nq57/shared/schemas';
import { tr } from '../i18n/releases';
import { liveSearch, pinnedSearch } from '../url';

export interface Published {
  release: ReleaseRef | null;
  latestRelease?: ReleaseRef | null;
  unpublishedChanges?: boolean;
  comparisonWarning: string | null;
}

interface Props {
  data: Published | undefined;
  pinned: boolean;
  live: boolean;
  /** the live switch: for admin and leader */
  canSeeLive: boolean;
  setSearch: (next: string) => void;
}

export function ReleaseNote({ data, pinned, live, canSeeLive, setSearch }: Props) {
  const search = useSearch();
  if (!data) return null;
  const r = data.release;
  return (
    <div className="release-note" data-release={r?.id ?? ''}>
      <p className="release-line">
        {r ? (
          <>
            <strong className="release-label">{releaseLabel(r)}</strong>
            {isRevision(r) ? (
              <>
                {' · '}
                <span className="badge release-revised">{tr.revised}</span>{' '}
                <Link href={`/cong-bo/${r.id}`} className="release-link">
                  {tr.seeChanges}
                </Link>
              </>
            ) : null}
          </>
        ) : live ? (
          <strong className="release-label">{tr.live}</strong>
        ) : (
          <>
            <strong className="release-label release-none">{tr.notPublished}</strong> <span className="muted">{tr.notPublishedNote}</span>
          </>
        )}
      </p>
      {pinned ? (
        <p className="release-line muted">
          {tr.pinned}{' '}
          <button type="button" className="link-btn" onClick={() => setSearch(pinnedSearch(search, null))}>
            {tr.toLatest}
          </button>
        </p>
      ) : null}
      {live && data.latestRelease ? (
        <p className="release-line">
          {data.unpublishedChanges ? (
            <span className="badge release-unpublished" role="status">
              {tr.unpublishedChanges}
            </span>
          ) : (
            <span className="muted">{tr.sameAsPublished}</span>
          )}{' '}
          <span className="muted">({releaseLabel(data.latestRelease)})</span>
        </p>
      ) : null}
      {canSeeLive && !pinned ? (
        <label className="inline-field release-live">
          <input type="checkbox" role="switch" checked={live} onChange={(e) => setSearch(liveSearch(search, e.target.checked))} />
          {tr.liveSwitch}
        </label>
      ) : null}
      {data.comparisonWarning ? <p className="release-line release-warning">{data.comparisonWarning}</p> : null}
    </div>
  );
}
