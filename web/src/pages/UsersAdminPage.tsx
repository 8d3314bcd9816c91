// /quan-tri/nguoi-dung (admin): the accounts, creating one (a cán bộ xã is bound to a commune),
// locking and unlocking, resetting a password. Each change confirmed before it is sent.
import { useEffect, useId, useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import type { Role, UserOut, UserPatchBody } from '@nq57/shared/schemas';
import { fitsRule, PASSWORD_MIN_LENGTH, USERNAME_RULE } from '@nq57/shared';
import { userMutations } from '../api/mutations';
import { communeQueries, userQueries } from '../api/queries';
import { WriteResult } from '../components/LoadState';
import { PanelFrame, panelState } from '../components/PanelFrame';
import { pageTitle } from '../i18n/dashboard';
import { tw } from '../i18n/workflow';
import { AdminNav } from '../workflow/AdminNav';
import { CommuneSelect } from '../workflow/CommuneSelect';
import { ConfirmDialog } from '../workflow/ConfirmDialog';
import { RequireRole } from '../workflow/RequireRole';
import '../workflow.css';

const ROLES: Role[] = ['commune', 'leader', 'admin'];

export default function UsersAdminPage() {
  useEffect(() => {
    document.title = pageTitle(tw.users.title);
  }, []);
  return (
    <div className="page wf-page">
      <div className="page-head">
        <h1>{tw.users.title}</h1>
        <p className="wf-intro">{tw.users.intro}</p>
      </div>
      <RequireRole roles={['admin']} refusal={tw.common.adminOnly}>
        {(me) => (
          <>
            <AdminNav />
            <div className="wf-grid-admin">
              <UserList me={me} />
              <CreateUser />
            </div>
          </>
        )}
      </RequireRole>
    </div>
  );
}

type Pending = { kind: 'disable' | 'enable' | 'reset'; user: UserOut } | null;

function UserList({ me }: { me: UserOut }) {
  const users = useQuery(userQueries.list());
  const [pending, setPending] = useState<Pending>(null);
  const [done, setDone] = useState<string | null>(null);
  const patch = useMutation(userMutations.update());
  const list = users.data?.users ?? [];

  return (
    <PanelFrame
      id="users-list"
      title={tw.users.list}
      actions={users.data ? <span className="muted">{tw.users.count(list.length)}</span> : null}
      state={panelState(users, list.length === 0, tw.users.empty)}
      minHeight={200}
    >
      <WriteResult done={done} />
      <div className="wf-table-wrap">
        <table className="wf-table wf-users">
          <thead>
            <tr>
              <th scope="col">{tw.users.cols.username}</th>
              <th scope="col">{tw.users.cols.displayName}</th>
              <th scope="col">{tw.users.cols.role}</th>
              <th scope="col">{tw.users.cols.commune}</th>
              <th scope="col">{tw.users.cols.status}</th>
              <th scope="col">{tw.users.cols.actions}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((u) => (
              <tr key={u.username} data-user={u.username} className={u.disabled ? 'wf-row-off' : undefined}>
                <th scope="row">
                  {u.username} {u.username === me.username ? <span className="muted">{tw.users.you}</span> : null}
                </th>
                <td data-label={tw.users.cols.displayName}>{u.displayName || '—'}</td>
                <td data-label={tw.users.cols.role}>{tw.roles[u.role]}</td>
                <td data-label={tw.users.cols.commune}>{u.communeName ?? '—'}</td>
                <td data-label={tw.users.cols.status}>
                  <span className={`badge ${u.disabled ? 'wf-badge-off' : 'wf-badge-on'}`}>{u.disabled ? tw.users.disabled : tw.users.active}</span>
                </td>
                <td className="wf-row-actions">
                  {u.username !== me.username ? (
                    <button
                      type="button"
                      className="btn btn-quiet btn-small"
                      onClick={() => {
                        patch.reset();
                        setPending({ kind: u.disabled ? 'enable' : 'disable', user: u });
                      }}
                      aria-label={`${u.disabled ? tw.users.enable : tw.users.disable} ${u.username}`}
                    >
                      {u.disabled ? tw.users.enable : tw.users.disable}
                    </button>
                  ) : null}
                  <button
                    type="button"
                    className="btn btn-quiet btn-small"
                    onClick={() => {
                      patch.reset();
                      setPending({ kind: 'reset', user: u });
                    }}
                    aria-label={`${tw.users.reset} ${u.username}`}
                  >
                    {tw.users.reset}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ConfirmDialog
        open={pending !== null}
        title={
          pending
            ? pending.kind === 'disable'
              ? tw.users.disableTitle(pending.user.username)
              : pending.kind === 'enable'
                ? tw.users.enableTitle(pending.user.username)
                : tw.users.resetTitle(pending.user.username)
            : ''
        }
        body={pending?.kind === 'disable' ? tw.users.disableBody : pending?.kind === 'enable' ? tw.users.enableBody : tw.users.resetBody}
        confirmLabel={pending?.kind === 'disable' ? tw.users.disable : pending?.kind === 'enable' ? tw.users.enable : tw.users.reset}
        danger={pending?.kind !== 'enable'}
        input={pending?.kind === 'reset' ? { label: tw.users.resetInput, kind: 'password', minLength: PASSWORD_MIN_LENGTH, tooShort: tw.users.passwordShort } : undefined}
        busy={patch.isPending}
        error={patch.error?.message}
        onCancel={() => setPending(null)}
        onConfirm={(text) => {
          if (!pending) return;
          setDone(null);
          const { kind, user } = pending;
          const body: UserPatchBody = kind === 'reset' ? { password: text } : { disabled: kind === 'disable' };
          patch.mutate(
            { username: user.username, body },
            {
              onSuccess: () => {
                setDone(kind === 'disable' ? tw.users.disabledDone(user.username) : kind === 'enable' ? tw.users.enabledDone(user.username) : tw.users.resetDone(user.username));
                setPending(null);
              },
            },
          );
        }}
      />
    </PanelFrame>
  );
}

function CreateUser() {
  const id = useId();
  const communes = useQuery(communeQueries.list());
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('commune');
  const [communeCode, setCommuneCode] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<{ field: string; message: string } | null>(null);
  const create = useMutation(userMutations.create());
  const error = problem?.message ?? create.error?.message;

  return (
    <form
      className="panel wf-form"
      aria-labelledby={`${id}-title`}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        create.reset();
        const u = username.trim().toLowerCase();
        if (!fitsRule(u, USERNAME_RULE)) return setProblem({ field: 'username', message: tw.users.usernameRule });
        if (role === 'commune' && !communeCode) return setProblem({ field: 'commune', message: tw.users.communeRequired });
        if (password.length < PASSWORD_MIN_LENGTH) return setProblem({ field: 'password', message: tw.users.passwordShort });
        setProblem(null);
        create.mutate(
          {
            username: u,
            password,
            role,
            ...(displayName.trim() ? { displayName: displayName.trim() } : {}),
            ...(role === 'commune' ? { communeCode } : {}),
          },
          {
            onSuccess: () => {
              setUsername('');
              setDisplayName('');
              setPassword('');
              setCommuneCode('');
            },
          },
        );
      }}
    >
      <h2 id={`${id}-title`} className="panel-title">
        {tw.users.create}
      </h2>
      <div className="wf-field">
        <label htmlFor={`${id}-u`}>{tw.users.username}</label>
        <input
          id={`${id}-u`}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          aria-invalid={problem?.field === 'username'}
          aria-describedby={`${id}-uh`}
        />
        <span id={`${id}-uh`} className="wf-hint">
          {tw.users.usernameHint}
        </span>
      </div>
      <div className="wf-field">
        <label htmlFor={`${id}-d`}>{tw.users.displayName}</label>
        <input id={`${id}-d`} autoComplete="off" value={displayName} onChange={(e) => setDisplayName(e.target.value)} maxLength={100} />
      </div>
      <div className="wf-field">
        <label htmlFor={`${id}-r`}>{tw.users.role}</label>
        <select id={`${id}-r`} value={role} onChange={(e) => setRole(e.target.value as Role)}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {tw.roles[r]}
            </option>
          ))}
        </select>
      </div>
      {role === 'commune' ? (
        <CommuneSelect label={tw.users.commune} communes={communes.data?.communes ?? []} value={communeCode} onChange={setCommuneCode} invalid={problem?.field === 'commune'} />
      ) : null}
      <div className="wf-field">
        <label htmlFor={`${id}-p`}>{tw.users.password}</label>
        <input
          id={`${id}-p`}
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          aria-invalid={problem?.field === 'password'}
        />
      </div>
      <WriteResult error={error} done={create.isSuccess ? tw.users.created(create.data.username) : null} />
      <div className="wf-actions">
        <button type="submit" className="btn btn-primary" disabled={create.isPending}>
          {create.isPending ? tw.common.working : tw.users.submit}
        </button>
      </div>
    </form>
  );
}
