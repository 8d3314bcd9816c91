// /tien-do's reminders: whether mail goes out at all (SMTP_URL, AUTO_REMINDERS), "Nhắc ngay" for
// the admin (a dry run first, then a confirmation naming the communes), the official letter to the
// overdue communes, and the log of every message and attempt, read again while one is in flight.
import { useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import type { RemindersSent, UserOut } from '@nq57/shared/schemas';
import { reminderMutations } from '../../api/mutations';
import { apiPaths } from '../../api/paths';
import { reminderQueries } from '../../api/queries';
import { WriteResult } from '../../components/LoadState';
import { PanelFrame, panelState } from '../../components/PanelFrame';
import { tr } from '../../i18n/reminders';
import { ConfirmDialog } from '../ConfirmDialog';
import { Email } from './Email';
import { namesOf, reminderNote, reminderTime, withoutEmail } from './model';
import './reminders.css';

interface Props {
  period: { code: string; name: string; status: string };
  user: UserOut;
  /** communes overdue in this round (the letter is for them) */
  overdue: number;
}

export function RemindersPanel({ period, user, overdue }: Props) {
  const log = useQuery(reminderQueries.byPeriod(period.code));
  const remind = useMutation(reminderMutations.remind(period.code));
  const [confirm, setConfirm] = useState<RemindersSent | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const open = period.status === 'open';
  const mail = log.data?.mail;
  const entries = log.data?.reminders ?? [];

  return (
    <PanelFrame
      id="reminders"
      title={tr.reminders.title}
      actions={
        <>
          {open && overdue > 0 ? (
            <a className="btn btn-quiet" href={apiPaths.reminderLetter(period.code)} download={tr.reminders.letterFile(period.code)} title={tr.reminders.letterHint(overdue)}>
              {tr.reminders.letter}
            </a>
          ) : null}
          {user.role === 'admin' && open ? (
            <button
              type="button"
              className="btn btn-primary"
              disabled={remind.isPending}
              onClick={() => {
                setDone(null);
                remind.mutate({ dryRun: true }, { onSuccess: (r) => (r.recipients.length ? setConfirm(r) : setDone(tr.reminders.nobody)) });
              }}
            >
              {remind.isPending && !confirm ? tr.reminders.reminding : tr.reminders.remind}
            </button>
          ) : null}
        </>
      }
      state={panelState(log)}
      minHeight={80}
    >
      {mail && !mail.configured ? <p className="wf-alert wf-alert-info">{tr.reminders.noSmtp}</p> : null}
      {mail && mail.configured && !mail.auto ? <p className="wf-alert wf-alert-info">{tr.reminders.autoOff}</p> : null}
      {mail?.auto ? <p className="wf-hint">{tr.reminders.auto(mail.daysBefore)}</p> : null}
      {!open ? <p className="muted">{tr.reminders.closed}</p> : null}
      <WriteResult error={confirm ? null : remind.error?.message} done={done} />
      <details className="rm-log" open={entries.length > 0 && entries.length <= 10 ? true : undefined}>
        <summary>
          {tr.reminders.log} <span className="muted">({tr.reminders.logCount(entries.length)})</span>
        </summary>
        {entries.length === 0 ? (
          <p className="muted">{tr.reminders.logEmpty}</p>
        ) : (
          <div className="wf-table-wrap">
            <table className="wf-table rm-log-table">
              <thead>
                <tr>
                  <th scope="col">{tr.reminders.cols.commune}</th>
                  <th scope="col">{tr.reminders.cols.at}</th>
                  <th scope="col">{tr.reminders.cols.kind}</th>
                  <th scope="col">{tr.reminders.cols.to}</th>
                  <th scope="col">{tr.reminders.cols.status}</th>
                  <th scope="col">{tr.reminders.cols.note}</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((r) => (
                  <tr key={`${r.commune}-${r.kind}-${r.day}`} data-reminder={r.commune} data-status={r.status}>
                    <th scope="row">{r.communeName}</th>
                    <td data-label={tr.reminders.cols.at}>{reminderTime(r)}</td>
                    <td data-label={tr.reminders.cols.kind}>{tr.kind[r.kind]}</td>
                    <td data-label={tr.reminders.cols.to} className="rm-to">
                      {r.to.length ? r.to.map((a) => <div key={a}><Email address={a} /></div>) : '—'}
                    </td>
                    <td data-label={tr.reminders.cols.status}>
                      <span className={`badge rm-status-${r.status}`}>{tr.reminders.status[r.status]}</span>
                    </td>
                    <td data-label={tr.reminders.cols.note}>{reminderNote(r) || '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </details>
      <ConfirmDialog
        open={confirm !== null}
        title={confirm ? tr.reminders.confirmTitle(confirm.recipients.length) : ''}
        body={confirm ? tr.reminders.confirmBody(namesOf(confirm.recipients), withoutEmail(confirm.recipients)) : null}
        confirmLabel={tr.reminders.confirm}
        busy={remind.isPending}
        error={remind.error?.message}
        onCancel={() => setConfirm(null)}
        onConfirm={() =>
          remind.mutate(
            { dryRun: false },
            {
              onSuccess: (r) => {
                setDone(r.recipients.length ? tr.reminders.sent(r.recipients.length) : tr.reminders.nobody);
                setConfirm(null);
              },
            },
          )
        }
      />
    </PanelFrame>
  );
}
