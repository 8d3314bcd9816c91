// /dang-nhap: user name and password; on success back to where the user came from (?tiep=).
// The API's Vietnamese message is shown as is: 401 wrong name or password, 429 too many tries.
import { useEffect, useId, useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useLocation, useSearch } from 'wouter';
import { authMutations } from '../api/mutations';
import { WriteResult } from '../components/LoadState';
import { pageTitle } from '../i18n/dashboard';
import { tw } from '../i18n/workflow';
import { homeFor, safeNext } from '../workflow/session';
import { useSession } from '../workflow/useSession';
import '../workflow.css';

export default function LoginPage() {
  const id = useId();
  const session = useSession();
  const search = useSearch();
  const [, navigate] = useLocation();
  const next = safeNext(new URLSearchParams(search).get('tiep'));
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [show, setShow] = useState(false);
  const [missing, setMissing] = useState(false);

  useEffect(() => {
    document.title = pageTitle(tw.login.title);
  }, []);

  const login = useMutation(authMutations.login());

  const error = missing ? tw.login.missing : (login.error?.message ?? null);
  const user = session.user;

  return (
    <div className="page wf-page wf-narrow">
      <div className="page-head">
        <h1>{tw.login.title}</h1>
        <p className="wf-intro">
          {tw.login.intro} {session.readRequiresLogin ? null : tw.login.introPublic}
        </p>
      </div>
      {user ? (
        <div className="wf-alert wf-alert-info" role="status">
          <p>{tw.login.already(user.displayName || user.username)}</p>
          <button type="button" className="btn btn-primary" onClick={() => navigate(next ?? homeFor(user.role))}>
            {tw.login.continue}
          </button>
        </div>
      ) : null}
      <form
        className="panel wf-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!username.trim() || !password) {
            setMissing(true);
            return;
          }
          setMissing(false);
          login.mutate({ username: username.trim().toLowerCase(), password }, { onSuccess: (s) => navigate(next ?? homeFor(s.user.role), { replace: true }) });
        }}
      >
        <div className="wf-field">
          <label htmlFor={`${id}-u`}>{tw.login.username}</label>
          <input
            id={`${id}-u`}
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            aria-invalid={missing && !username.trim()}
            aria-describedby={error ? `${id}-err` : undefined}
            autoFocus
          />
        </div>
        <div className="wf-field">
          <label htmlFor={`${id}-p`}>{tw.login.password}</label>
          <input
            id={`${id}-p`}
            name="password"
            type={show ? 'text' : 'password'}
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            aria-invalid={missing && !password}
            aria-describedby={error ? `${id}-err` : undefined}
          />
          <label className="wf-check">
            <input type="checkbox" checked={show} onChange={(e) => setShow(e.target.checked)} /> {tw.login.showPassword}
          </label>
        </div>
        <WriteResult error={error} errorId={`${id}-err`} />
        <div className="wf-actions">
          <button type="submit" className="btn btn-primary" disabled={login.isPending}>
            {login.isPending ? tw.login.submitting : tw.login.submit}
          </button>
        </div>
        <p className="wf-hint">{tw.login.forgot}</p>
      </form>
    </div>
  );
}
