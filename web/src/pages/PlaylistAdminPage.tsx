// /quan-tri/trinh-chieu (admin): compose the big screen's playlists (which slides, in what order,
// how long each, which round) and hand out briefing links: read-only, shown once, revocable.
import { useEffect, useId, useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { formatDateTime, SLIDE_TYPE_LABEL, SLIDE_TYPES, type SlideType } from '@nq57/shared';
import type { BriefingTokenCreated, BriefingTokenOut, PlaylistOut } from '@nq57/shared/schemas';
import { playlistMutations } from '../api/mutations';
import { catalogueQueries, periodQueries, playlistQueries } from '../api/queries';
import { WriteResult } from '../components/LoadState';
import { PanelFrame, panelState } from '../components/PanelFrame';
import { addSlide, draftBody, draftOf, linkUrl, moveSlide, newDraft, patchSlide, removeSlide, type Draft } from '../briefing/draft';
import { tb } from '../i18n/briefing';
import { pageTitle } from '../i18n/dashboard';
import { AdminNav } from '../workflow/AdminNav';
import { ConfirmDialog } from '../workflow/ConfirmDialog';
import { RequireRole } from '../workflow/RequireRole';
import '../workflow.css';
import '../briefing/admin.css';

const ta = tb.admin;

export default function PlaylistAdminPage() {
  useEffect(() => {
    document.title = pageTitle(ta.title);
  }, []);
  return (
    <div className="page wf-page pl-page">
      <div className="page-head">
        <h1>{ta.title}</h1>
        <p className="wf-intro">{ta.intro}</p>
      </div>
      <RequireRole roles={['admin']} refusal={ta.refusal}>
        {() => <PlaylistAdmin />}
      </RequireRole>
    </div>
  );
}

function PlaylistAdmin() {
  const [draft, setDraft] = useState<Draft>(newDraft);
  return (
    <>
      <AdminNav />
      <div className="wf-grid-admin pl-grid">
        <Playlists editing={draft.id} onEdit={(p) => setDraft(draftOf(p))} onNew={() => setDraft(newDraft())} onDeleted={(id) => draft.id === id && setDraft(newDraft())} />
        <Editor draft={draft} setDraft={setDraft} />
      </div>
      <Links />
    </>
  );
}

function Playlists({ editing, onEdit, onNew, onDeleted }: { editing: number | null; onEdit: (p: PlaylistOut) => void; onNew: () => void; onDeleted: (id: number) => void }) {
  const list = useQuery(playlistQueries.list());
  const [deleting, setDeleting] = useState<PlaylistOut | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const del = useMutation(playlistMutations.remove());
  const rows = list.data?.playlists ?? [];
  return (
    <PanelFrame
      id="playlists"
      title={ta.playlists}
      state={panelState(list, rows.length === 0, ta.noPlaylists)}
      minHeight={160}
      actions={
        <button type="button" className="btn btn-small" onClick={onNew}>
          {ta.newPlaylist}
        </button>
      }
    >
      <WriteResult done={done} />
      <ul className="pl-list">
        {rows.map((p) => (
          <li key={p.id} data-playlist={p.id} aria-current={editing === p.id ? 'true' : undefined}>
            <div>
              <strong>{p.name}</strong>
              <span className="c-sub">
                {ta.slideCount(p.slides.length)} · {ta.secondsEach(p.defaultSeconds)} · {p.periodName ? ta.pinned(p.periodName) : ta.latest}
              </span>
            </div>
            <div className="wf-row-actions">
              <button type="button" className="btn btn-quiet btn-small" onClick={() => onEdit(p)} aria-label={`${ta.edit} ${p.name}`}>
                {ta.edit}
              </button>
              <a className="btn btn-quiet btn-small" href={`/trinh-chieu?playlist=${p.id}`} target="_blank" rel="noopener" aria-label={`${ta.preview} ${p.name}`}>
                {ta.preview}
              </a>
              <button
                type="button"
                className="btn btn-quiet btn-small"
                aria-label={`${ta.deletePlaylist} ${p.name}`}
                onClick={() => {
                  del.reset();
                  setDeleting(p);
                }}
              >
                {ta.deletePlaylist}
              </button>
            </div>
          </li>
        ))}
      </ul>
      <ConfirmDialog
        open={deleting !== null}
        title={deleting ? ta.deleteTitle(deleting.name) : ''}
        body={ta.deleteBody}
        confirmLabel={ta.deletePlaylist}
        danger
        busy={del.isPending}
        error={del.error?.message}
        onCancel={() => setDeleting(null)}
        onConfirm={() =>
          deleting &&
          del.mutate(deleting.id, {
            onSuccess: () => {
              setDone(ta.deleted(deleting.name));
              setDeleting(null);
              onDeleted(deleting.id);
            },
          })
        }
      />
    </PanelFrame>
  );
}

function Editor({ draft, setDraft }: { draft: Draft; setDraft: (d: Draft | ((d: Draft) => Draft)) => void }) {
  const id = useId();
  const catalogue = useQuery(catalogueQueries.indicators());
  const periods = useQuery(periodQueries.list());
  const indicators = catalogue.data?.indicators ?? [];
  const [problems, setProblems] = useState<string[]>([]);
  const [saved, setSaved] = useState<string | null>(null);
  const save = useMutation(playlistMutations.save());
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const error = problems.length ? problems : save.error ? [save.error.message] : [];

  return (
    <form
      className="panel wf-form pl-editor"
      aria-labelledby={`${id}-title`}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save.reset();
        setSaved(null);
        const { body, issues } = draftBody(draft, indicators.map((i) => i.code));
        setProblems(issues.map((i) => i.message));
        if (issues.length === 0)
          save.mutate(
            { id: draft.id, body },
            {
              onSuccess: (p) => {
                setDraft(draftOf(p));
                setSaved(ta.saved(p.name));
              },
            },
          );
      }}
    >
      <h2 id={`${id}-title`} className="panel-title">
        {draft.id === null ? ta.newPlaylist : `${ta.edit}: ${draft.name}`}
      </h2>
      <div className="wf-field">
        <label htmlFor={`${id}-name`}>{ta.name}</label>
        <input id={`${id}-name`} value={draft.name} maxLength={100} onChange={(e) => set({ name: e.target.value })} />
      </div>
      <div className="wf-row">
        <div className="wf-field">
          <label htmlFor={`${id}-secs`}>{ta.defaultSeconds}</label>
          <input id={`${id}-secs`} inputMode="numeric" value={draft.defaultSeconds} onChange={(e) => set({ defaultSeconds: e.target.value })} />
        </div>
        <div className="wf-field">
          <label htmlFor={`${id}-period`}>{ta.period}</label>
          <select id={`${id}-period`} value={draft.period} onChange={(e) => set({ period: e.target.value })}>
            <option value="">{ta.followLatest}</option>
            {(periods.data?.periods ?? []).map((p) => (
              <option key={p.code} value={p.code}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      <fieldset className="pl-slides">
        <legend>{ta.slides}</legend>
        <ol>
          {draft.slides.map((s, i) => (
            <li key={s.key} data-slide={i}>
              <span className="pl-n num" aria-hidden="true">
                {i + 1}
              </span>
              <div className="wf-field">
                <label htmlFor={`${id}-t${s.key}`}>
                  {ta.slideType} {i + 1}
                </label>
                <select id={`${id}-t${s.key}`} value={s.type} onChange={(e) => setDraft((d) => patchSlide(d, i, { type: e.target.value as SlideType }))}>
                  {SLIDE_TYPES.map((type) => (
                    <option key={type} value={type}>
                      {SLIDE_TYPE_LABEL[type]}
                    </option>
                  ))}
                </select>
              </div>
              {s.type === 'indicator' ? (
                <div className="wf-field">
                  <label htmlFor={`${id}-i${s.key}`}>
                    {ta.indicator} {i + 1}
                  </label>
                  <select id={`${id}-i${s.key}`} value={s.indicator} onChange={(e) => setDraft((d) => patchSlide(d, i, { indicator: e.target.value }))}>
                    <option value="">{ta.chooseIndicator}</option>
                    {indicators.map((ind) => (
                      <option key={ind.code} value={ind.code}>
                        {ind.name}
                      </option>
                    ))}
                  </select>
                </div>
              ) : (
                <span />
              )}
              <div className="wf-field pl-secs">
                <label htmlFor={`${id}-s${s.key}`}>
                  {ta.seconds} {i + 1}
                </label>
                <input id={`${id}-s${s.key}`} inputMode="numeric" placeholder={ta.secondsDefault} value={s.seconds} onChange={(e) => setDraft((d) => patchSlide(d, i, { seconds: e.target.value }))} />
              </div>
              <div className="pl-move">
                <button type="button" className="btn btn-quiet btn-small" disabled={i === 0} aria-label={ta.moveUp(i + 1)} onClick={() => setDraft((d) => moveSlide(d, i, -1))}>
                  ↑ {ta.up}
                </button>
                <button
                  type="button"
                  className="btn btn-quiet btn-small"
                  disabled={i === draft.slides.length - 1}
                  aria-label={ta.moveDown(i + 1)}
                  onClick={() => setDraft((d) => moveSlide(d, i, 1))}
                >
                  ↓ {ta.down}
                </button>
                <button type="button" className="btn btn-quiet btn-small" aria-label={ta.removeSlide(i + 1)} onClick={() => setDraft((d) => removeSlide(d, i))}>
                  ✕ {ta.remove}
                </button>
              </div>
            </li>
          ))}
        </ol>
        <button type="button" className="btn btn-small" onClick={() => setDraft((d) => addSlide(d))}>
          + {ta.addSlide}
        </button>
      </fieldset>
      <WriteResult error={error} done={saved} />
      <div className="wf-actions">
        <button type="submit" className="btn btn-primary" disabled={save.isPending}>
          {save.isPending ? ta.saving : ta.save}
        </button>
      </div>
    </form>
  );
}

function Links() {
  const id = useId();
  const playlists = useQuery(playlistQueries.list());
  const tokens = useQuery(playlistQueries.tokens());
  const [playlistId, setPlaylistId] = useState<string>('');
  const [label, setLabel] = useState('');
  const [created, setCreated] = useState<BriefingTokenCreated | null>(null);
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const [revoking, setRevoking] = useState<BriefingTokenOut | null>(null);
  const list = playlists.data?.playlists ?? [];
  const chosen = playlistId || (list[0] ? String(list[0].id) : '');

  const create = useMutation(playlistMutations.createLink());
  const revoke = useMutation(playlistMutations.revokeLink());
  const url = created ? linkUrl(window.location.origin, created.path) : '';
  const rows = tokens.data?.tokens ?? [];

  return (
    <PanelFrame id="briefing-links" title={ta.links} state={panelState(tokens)} minHeight={160}>
      <p className="wf-hint">{ta.linksIntro}</p>
      {list.length === 0 ? (
        <p className="wf-alert wf-alert-info">{ta.needPlaylist}</p>
      ) : (
        <form
          className="wf-row wf-row-3 pl-link-form"
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate(
              { playlistId: Number(chosen), label: label.trim() },
              {
                onSuccess: (t) => {
                  setCreated(t);
                  setCopied(null);
                  setLabel('');
                },
              },
            );
          }}
        >
          <div className="wf-field">
            <label htmlFor={`${id}-pl`}>{ta.linkFor}</label>
            <select id={`${id}-pl`} value={chosen} onChange={(e) => setPlaylistId(e.target.value)}>
              {list.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </div>
          <div className="wf-field">
            <label htmlFor={`${id}-label`}>{ta.label}</label>
            <input id={`${id}-label`} value={label} maxLength={100} placeholder={ta.labelPlaceholder} onChange={(e) => setLabel(e.target.value)} />
          </div>
          <div className="wf-actions pl-link-go">
            <button type="submit" className="btn btn-primary" disabled={create.isPending}>
              {ta.createLink}
            </button>
          </div>
        </form>
      )}
      <WriteResult error={create.error?.message} />
      {created ? (
        <div className="wf-alert wf-alert-ok pl-new-link" role="status">
          <p>
            <strong>{ta.newLink}</strong>
          </p>
          <div className="pl-copy">
            <label htmlFor={`${id}-url`} className="sr-only">
              {ta.links}
            </label>
            <input id={`${id}-url`} readOnly value={url} onFocus={(e) => e.currentTarget.select()} data-briefing-url />
            <button
              type="button"
              className="btn btn-small"
              onClick={() =>
                navigator.clipboard
                  .writeText(url)
                  .then(() => setCopied('yes'))
                  .catch(() => setCopied('failed'))
              }
            >
              {ta.copy}
            </button>
          </div>
          {copied ? <p className="wf-hint">{copied === 'yes' ? ta.copied : ta.copyFailed}</p> : null}
        </div>
      ) : null}
      {rows.length === 0 ? (
        <p className="wf-hint">{ta.noLinks}</p>
      ) : (
        <div className="wf-table-wrap">
          <table className="wf-table pl-links">
            <thead>
              <tr>
                <th scope="col">{ta.cols.playlist}</th>
                <th scope="col">{ta.cols.label}</th>
                <th scope="col">{ta.cols.createdBy}</th>
                <th scope="col">{ta.cols.createdAt}</th>
                <th scope="col">{ta.cols.status}</th>
                <th scope="col">{ta.cols.actions}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((tk) => (
                <tr key={tk.id} data-token={tk.id}>
                  <th scope="row">{tk.playlistName}</th>
                  <td>{tk.label || '—'}</td>
                  <td>{tk.createdBy}</td>
                  <td>{formatDateTime(tk.createdAt)}</td>
                  <td>{tk.revokedAt ? `${ta.revoked} ${formatDateTime(tk.revokedAt)}` : ta.active}</td>
                  <td className="wf-row-actions">
                    {tk.revokedAt ? null : (
                      <button
                        type="button"
                        className="btn btn-quiet btn-small"
                        aria-label={`${ta.revoke} ${tk.playlistName} ${tk.label}`.trim()}
                        onClick={() => {
                          revoke.reset();
                          setRevoking(tk);
                        }}
                      >
                        {ta.revoke}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ConfirmDialog
        open={revoking !== null}
        title={ta.revokeTitle}
        body={ta.revokeBody}
        confirmLabel={ta.revoke}
        danger
        busy={revoke.isPending}
        error={revoke.error?.message}
        onCancel={() => setRevoking(null)}
        onConfirm={() => revoking && revoke.mutate(revoking.id, { onSuccess: () => setRevoking(null) })}
      />
    </PanelFrame>
  );
}
