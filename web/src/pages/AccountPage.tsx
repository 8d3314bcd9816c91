// /tai-khoan: who am I, and changing my password (twice, at least 10 characters).
import { useEffect, useId, useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { PASSWORD_MIN_LENGTH } from '@nq57/shared';
import { authMutations } from '../api/mutations';
import { WriteResult } from '../components/LoadState';
import { pageTitle } from '../i18n/dashboard';
import { tw } from '../i18n/workflow';
import { RequireRole } from '../workflow/RequireRole';
import '../workflow.css';


export default function AccountPage() {
  useEffect(() => {
    document.title = pageTitle(tw.account.title);
  }, []);
  return (
    <div className="page wf-page wf-narrow">
      <div className="page-head">
        <h1>{tw.account.title}</h1>
      </div>
      <RequireRole roles={['admin', 'leader', 'commune']}>
        {(user) => (
          <>
            <section className="panel" aria-labelledby="acc-who">
              <h2 id="acc-who" className="panel-title">
                {tw.account.who}
              </h2>
              <dl className="wf-facts">
                <div>
                  <dt>{tw.account.username}</dt>
                  <dd>{user.username}</dd>
                </div>
                <div>
                  <dt>{tw.account.displayName}</dt>
                  <dd>{user.displayName || tw.account.noName}</dd>
                </div>
                <div>
                  <dt>{tw.account.role}</dt>
                  <dd>{tw.roles[user.role]}</dd>
                </div>
                {user.communeName ? (
                  <div>
                    <dt>{tw.account.commune}</dt>
                    <dd>{user.communeName}</dd>
                  </div>
                ) : null}
              </dl>
            </section>
            <PasswordForm />
          </>
        )}
      </RequireRole>
    </div>
  );
}

function PasswordForm() {
  const id = useId();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const change = useMutation(authMutations.changePassword());
  const error = problem ?? change.error?.message;
  return (
    <form
      className="panel wf-form"
      aria-labelledby={`${id}-title`}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        change.reset();
        if (!current) return setProblem(tw.account.missingCurrent);
        if (next.length < PASSWORD_MIN_LENGTH) return setProblem(tw.account.tooShort);
        if (next !== again) return setProblem(tw.account.mismatch);
        setProblem(null);
        change.mutate(
          { currentPassword: current, newPassword: next },
          {
            onSuccess: () => {
              setCurrent('');
              setNext('');
              setAgain('');
            },
          },
        );
      }}
    >
      <h2 id={`${id}-title`} className="panel-title">
        {tw.account.changePassword}
      </h2>
      <div className="wf-field">
        <label htmlFor={`${id}-c`}>{tw.account.current}</label>
        <input id={`${id}-c`} type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} />
      </div>
      <div className="wf-field">
        <label htmlFor={`${id}-n`}>{tw.account.next}</label>
        <input
          id={`${id}-n`}
          type="password"
          autoComplete="new-password"
          minLength={PASSWORD_MIN_LENGTH}
          value={next}
          onChange={(e) => setNext(e.target.value)}
          aria-invalid={problem === tw.account.tooShort}
        />
      </div>
      <div className="wf-field">
        <label htmlFor={`${id}-a`}>{tw.account.confirm}</label>
        <input
          id={`${id}-a`}
          type="password"
          autoComplete="new-password"
          value={again}
          onChange={(e) => setAgain(e.target.value)}
          aria-invalid={problem === tw.account.mismatch}
        />
      </div>
      <WriteResult error={error} done={change.isSuccess ? tw.account.changed : null} />
      <div className="wf-actions">
        <button type="submit" className="btn btn-primary" disabled={change.isPending}>
          {change.isPending ? tw.common.working : tw.account.submit}
        </button>
      </div>
    </form>
  );
}
