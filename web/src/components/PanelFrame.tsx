// The frame of every panel: a titled region that keeps a place while loading, and shows
// loading, error (with the API's Vietnamese message and a retry) and empty states in the same
// place, so nothing on the page moves when the data arrives.
import type { ReactNode } from 'react';
import { t } from '../i18n/dashboard';

export type PanelState = { status: 'loading' } | { status: 'error'; error: Error; retry?: () => void } | { status: 'empty'; message?: string } | { status: 'ready' };

export function panelState(q: { isPending: boolean; isError: boolean; error: Error | null; refetch: () => unknown }, isEmpty = false, emptyMessage?: string): PanelState {
  if (q.isPending) return { status: 'loading' };
  if (q.isError) return { status: 'error', error: q.error ?? new Error(t.state.error), retry: () => void q.refetch() };
  if (isEmpty) return { status: 'empty', message: emptyMessage };
  return { status: 'ready' };
}

interface Props {
  id: string;
  title: ReactNode;
  /** extra controls shown beside the title */
  actions?: ReactNode;
  description?: ReactNode;
  state: PanelState;
  minHeight: number;
  className?: string;
  headingLevel?: 2 | 3;
  children?: ReactNode;
}

export function PanelFrame({ id, title, actions, description, state, minHeight, className, headingLevel = 2, children }: Props) {
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const headingId = `${id}-title`;
  return (
    <section className={`panel ${className ?? ''}`} aria-labelledby={headingId} aria-busy={state.status === 'loading'} data-panel={id}>
      <div className="panel-head">
        <H id={headingId} className="panel-title">
          {title}
        </H>
        {actions ? <div className="panel-actions">{actions}</div> : null}
      </div>
      {description ? <p className="panel-desc">{description}</p> : null}
      {/* the reserved height holds the place while loading or failing; once the figures are there
          the card is as tall as they are (a short card beside a chart no longer shows a blank half) */}
      <div className="panel-body" style={state.status === 'ready' ? undefined : { minHeight }}>
        {state.status === 'loading' ? (
          <div className="panel-state panel-loading" role="status">
            <span className="skeleton" aria-hidden="true" />
            <span className="sr-only">{t.state.loading}</span>
          </div>
        ) : state.status === 'error' ? (
          <div className="panel-state panel-error" role="alert">
            <FailedLoad state={state} />
          </div>
        ) : state.status === 'empty' ? (
          <div className="panel-state panel-empty">
            <p>{state.message ?? t.state.empty}</p>
          </div>
        ) : (
          children
        )}
      </div>
    </section>
  );
}

/** What a failed read says, in a panel or on a write page (LoadState): the API's message and a retry. */
export function FailedLoad({ state }: { state: Extract<PanelState, { status: 'error' }> }) {
  return (
    <>
      <p>
        <strong>{t.state.error}</strong> {state.error.message}
      </p>
      {state.retry ? (
        <button type="button" className="btn" onClick={state.retry}>
          {t.state.retry}
        </button>
      ) : null}
    </>
  );
}
