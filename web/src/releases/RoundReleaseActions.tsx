// The admin's publish controls on a closed round (issue 12): "Công bố" (or "Công bố lại" after a
// correction) with an optional note, and "Mở lại" to correct it. Each confirms in a dialog first.
import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { releaseLabel } from '@nq57/shared';
import type { Period } from '@nq57/shared/schemas';
import { releaseMutations, roundMutations } from '../api/mutations';
import { tr } from '../i18n/releases';
import { ConfirmDialog } from '../workflow/ConfirmDialog';

export function RoundReleaseActions({ round, onDone }: { round: Period; onDone: (message: string) => void }) {
  const [asking, setAsking] = useState<'publish' | 'reopen' | null>(null);
  const publish = useMutation(releaseMutations.publish());
  const reopen = useMutation(roundMutations.reopen());
  if (round.status !== 'closed') return null;
  const publishLabel = round.release ? tr.republish : tr.publish;
  return (
    <>
      <button
        type="button"
        className="btn btn-primary btn-small"
        aria-label={`${publishLabel} ${round.name}`}
        onClick={() => {
          publish.reset();
          setAsking('publish');
        }}
      >
        {publishLabel}
      </button>
      <button
        type="button"
        className="btn btn-quiet btn-small"
        aria-label={`${tr.reopen} ${round.name}`}
        onClick={() => {
          reopen.reset();
          setAsking('reopen');
        }}
      >
        {tr.reopen}
      </button>
      {/* mounted only while asked: one dialog on the page, not two per round */}
      {asking === 'publish' ? (
        <ConfirmDialog
          open
          title={tr.publishTitle(round.name)}
          body={tr.publishBody}
          confirmLabel={publishLabel}
          input={{ label: tr.noteLabel, kind: 'textarea', optional: true }}
          busy={publish.isPending}
          error={publish.error?.message}
          onCancel={() => setAsking(null)}
          onConfirm={(note) =>
            publish.mutate(
              { period: round.code, note: note || undefined },
              {
                onSuccess: (r) => {
                  setAsking(null);
                  onDone(tr.published(releaseLabel(r)));
                },
              },
            )
          }
        />
      ) : null}
      {asking === 'reopen' ? (
        <ConfirmDialog
          open
          title={tr.reopenTitle(round.name)}
          body={tr.reopenBody}
          confirmLabel={tr.reopen}
          busy={reopen.isPending}
          error={reopen.error?.message}
          onCancel={() => setAsking(null)}
          onConfirm={() =>
            reopen.mutate(round.code, {
              onSuccess: () => {
                setAsking(null);
                onDone(tr.reopened(round.name));
              },
            })
          }
        />
      ) : null}
    </>
  );
}

/** The round's newest release in the list ("Công bố lần 2 ngày 05/12/2026"), or "Chưa công bố". */
export function ReleaseCell({ round }: { round: Period }) {
  return round.release ? <span className="release-cell">{releaseLabel(round.release)}</span> : <span className="muted">{tr.notPublished}</span>;
}
