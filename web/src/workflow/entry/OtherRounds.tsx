// The other open rounds where this commune still has to report, the urgent ones first, each a
// link that keeps the rest of the address (?xa=).
import { Link, useLocation, useSearch } from 'wouter';
import { isReported } from '@nq57/shared';
import type { CommuneReports } from '@nq57/shared/schemas';
import { tw } from '../../i18n/workflow';
import { setParam } from '../../url';
import { timelinessNote } from './model';

export function OtherRounds({ rounds, current }: { rounds: CommuneReports['rounds']; current: string }) {
  const search = useSearch();
  const [location] = useLocation();
  const others = rounds.filter((r) => r.period.code !== current && !isReported(r.state)).sort((a, b) => Number(b.needsAction) - Number(a.needsAction));
  if (!others.length) return null;
  return (
    <section className={`wf-alert ${others.some((r) => r.needsAction) ? 'wf-alert-returned' : 'wf-alert-info'}`} aria-labelledby="other-rounds" data-other-rounds>
      <h2 id="other-rounds">{tw.entry.otherRounds(others.length)}</h2>
      <ul>
        {others.map((r) => {
          const note = timelinessNote(r.timeliness, r.period.deadline, new Date());
          return (
            <li key={r.period.code}>
              <Link href={`${location}${setParam(search, 'ky', r.period.code)}`}>{r.period.name}</Link>: {tw.status[r.state]}
              {note ? <span className={note.bad ? 'wf-bad' : undefined}> · {note.text}</span> : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
