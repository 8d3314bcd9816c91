// The write side's one way to wait, fail and be empty, sibling of PanelFrame (the read side's
// panels): the same PanelState, the same words (loading, the API's Vietnamese message with a
// retry, empty), for what is not a titled panel: a whole page waiting for its session, round or
// form (`page`), or a line inside a form (`inline`, e.g. a field's history). WriteResult is the
// same for a write's outcome under its form. Styles: workflow.css (.wf-alert), which every write
// page loads. A state comes from panelState (one query, PanelFrame.tsx) or queriesState (several).
import type { ReactNode } from 'react';
import { t } from '../i18n/dashboard';
import { FailedLoad, type PanelState } from './PanelFrame';

interface Query {
  isPending: boolean;
  isError: boolean;
  error: Error | null;
  refetch: () => unknown;
}

/**
 * One state for a page that needs several queries: loading while any is (or while `waiting`),
 * else the first failure with a retry of the query that failed.
 */
export function queriesState(queries: Query[], waiting = false): PanelState {
  if (waiting || queries.some((q) => q.isPending)) return { status: 'loading' };
  const failed = queries.find((q) => q.isError);
  if (failed) return { status: 'error', error: failed.error ?? new Error(t.state.error), retry: () => void failed.refetch() };
  return { status: 'ready' };
}

interface Props {
  state: PanelState;
  variant?: 'page' | 'inline';
  /** shown under an empty state's message: the way on (a link to open a round) */
  children?: ReactNode;
}

/** Draws the state when it is not 'ready' (and nothing when it is). */
export function LoadState({ state, variant = 'page', children }: Props) {
  if (variant === 'inline') {
    if (state.status === 'loading') return <p className="muted">{t.state.loading}</p>;
    if (state.status === 'error') return <p className="wf-bad">{state.error.message}</p>;
    if (state.status === 'empty') return <p className="muted">{state.message ?? t.state.empty}</p>;
    return null;
  }
  if (state.status === 'loading') {
    return (
      <div className="page-fallback" role="status">
        <span className="sr-only">{t.state.loading}</span>
      </div>
    );
  }
  if (state.status === 'error') {
    return (
      <div className="wf-alert wf-alert-error" role="alert">
        <FailedLoad state={state} />
      </div>
    );
  }
  if (state.status === 'empty') {
    return (
      <div className="wf-alert wf-alert-info" role="status">
        <p>{state.message ?? t.state.empty}</p>
        {children}
      </div>
    );
  }
  return null;
}

/**
 * A write's outcome under its form: the refusal (the API's Vietnamese message, or the form's own
 * checks, one or several) and the line saying it was done. `errorId`: for aria-describedby.
 */
export function WriteResult({ error, done, errorId }: { error?: string | string[] | null; done?: ReactNode; errorId?: string }) {
  return (
    <>
      {typeof error === 'string' ? (
        <p id={errorId} className="wf-alert wf-alert-error" role="alert">
          {error}
        </p>
      ) : error?.length ? (
        <div id={errorId} className="wf-alert wf-alert-error" role="alert">
          <ul>
            {error.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {done ? (
        <p className="wf-alert wf-alert-ok" role="status">
          {done}
        </p>
      ) : null}
    </>
  );
}
