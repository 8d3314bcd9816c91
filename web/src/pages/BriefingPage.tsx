// "/trinh-chieu": the briefing on the meeting room's big screen. Full screen, no site header;
// turns its slides by itself, follows the live stream (a change shows within a second; polling
// only where the stream cannot open), says how current the figures are, and keeps the last ones on
// screen (marked "Mất kết nối" within 5 s of losing the stream) while the server is away.
// Keys: → ← PageDown PageUp, space pauses, 1–9 jump, F full screen.
import { useEffect, useMemo, useState } from 'react';
import { useSearch } from 'wouter';
import { formatDate, isRevision, publicationLine, slideDurations } from '@nq57/shared';
import { ApiError } from '../api/client';
import { clockTime, kicker, slideModel } from '../briefing/model';
import { parseBriefingParams, takeTokenFromAddress } from '../briefing/params';
import { Progress } from '../briefing/Progress';
import { SlideBody } from '../briefing/Slides';
import { tb } from '../i18n/briefing';
import { useBriefingData } from '../briefing/useBriefingData';
import { useBriefingKeys, useRotation, useWakeLock } from '../briefing/useRotation';
import '../briefing/briefing.css';

function Notice({ title, body }: { title: string; body?: string }) {
  return (
    <div className="briefing" data-state="notice">
      <div className="bf-stage bf-notice" role="alert">
        <h1 className="bf-title">{title}</h1>
        {body ? <p className="bf-notice-body">{body}</p> : null}
      </div>
    </div>
  );
}

export default function BriefingPage() {
  const search = useSearch();
  const parsed = useMemo(() => parseBriefingParams(search), [search]);
  // the token leaves the address bar as soon as it is read (issue 16); the tab keeps it
  const [token] = useState(() => takeTokenFromAddress(parsed));
  const params = useMemo(() => ({ ...parsed, token: parsed.token ?? token }), [parsed, token]);
  const data = useBriefingData(params);
  const { slides } = data;
  const durations = useMemo(
    () => (data.playlist ? slideDurations(slides, data.playlist.defaultSeconds, params.seconds).map((s) => s * 1000) : []),
    [slides, data.playlist, params.seconds],
  );
  const controls = useRotation(durations);
  useBriefingKeys(controls);
  useWakeLock();
  const { rotation } = controls;

  useEffect(() => {
    document.title = data.playlist && params.playlistId !== null ? `${data.playlist.name} · ${tb.pageTitle}` : tb.pageTitle;
  }, [data.playlist, params.playlistId]);

  const index = Math.min(rotation.index, Math.max(0, slides.length - 1));
  const slide = slides[index];
  const model = slide
    ? slideModel(slide, { overview: data.overview, composite: data.composite, rankings: data.rankings, budgetRounds: data.budgetRounds, budgetLoading: data.budgetLoading })
    : null;

  if (data.fatal && !model) {
    const e = data.fatal;
    if (e instanceof ApiError && e.status === 401) return <Notice title={params.token ? tb.refused : tb.needAccess} body={params.token ? tb.refusedHint : tb.needAccessHint} />;
    if (e instanceof ApiError && e.status === 403) return <Notice title={tb.refused} body={tb.refusedHint} />;
    if (params.playlistId !== null && data.playlistQ.isError) return <Notice title={tb.playlistMissing(params.playlistId)} body={e.message} />;
    return <Notice title={tb.loadError} body={e.message} />;
  }

  const period = data.overview?.period;
  return (
    <div
      className="briefing"
      data-slide-type={slide?.type ?? 'loading'}
      data-slide-index={index}
      data-paused={rotation.paused ? 'true' : 'false'}
      data-connection={data.connection}
      data-stream={data.stream}
      data-refreshed-at={data.refreshedAt ?? ''}
      // a click (or a tap on a touch screen) moves on, like a clicker
      onClick={(e) => {
        if ((e.target as HTMLElement).closest('button, a')) return;
        controls.next();
      }}
    >
      <section className="bf-stage" aria-roledescription="trang trình chiếu" aria-label={slide ? tb.slideOf(index + 1, slides.length) : tb.loading}>
        <header className="bf-head">
          <p className="bf-kicker">{slide ? kicker(slide, model) : tb.title}</p>
          <h1 className="bf-title">{model?.title ?? tb.loading}</h1>
        </header>
        <div className="bf-body">{model ? <SlideBody model={model} period={period?.code} /> : null}</div>
        <footer className="bf-foot">
          <span className="bf-asof">
            {period ? (period.dataAsOf ? tb.dataAsOf(formatDate(period.dataAsOf)) : tb.dataAsOfOpen(formatDate(new Date(data.refreshedAt ?? Date.now())))) : '\u00a0'}
            {period ? <span className="bf-period"> · {period.name}</span> : null}
          </span>
          {/* which release the room is looking at (issue 12): the same words as every page */}
          {data.overview ? <span className="bf-release">{publicationLine(data.overview.release)}</span> : null}
          {isRevision(data.overview?.release) ? (
            <a className="bf-pill bf-pill-revised" href={`/cong-bo/${data.overview!.release!.id}`}>
              {tb.revised}
            </a>
          ) : null}
          {data.demo ? <span className="bf-pill bf-pill-demo">{tb.demo}</span> : null}
          {data.connection === 'lost' ? (
            <span className="bf-pill bf-pill-lost" role="status" title={tb.lostHint}>
              ⚠ {tb.lost}
            </span>
          ) : data.connection === 'refused' ? (
            <span className="bf-pill bf-pill-lost" role="status">
              ⚠ {tb.refused}
            </span>
          ) : null}
          {rotation.paused ? <span className="bf-pill bf-pill-paused">❚❚ {tb.paused}</span> : null}
          <span className="bf-refreshed">{data.refreshedAt ? tb.refreshedAt(clockTime(data.refreshedAt)) : '\u00a0'}</span>
          <span className="bf-count num" title={tb.keysHelp}>
            {slides.length ? tb.slideOf(index + 1, slides.length) : '\u00a0'}
          </span>
        </footer>
        <Progress rotation={rotation} />
      </section>
    </div>
  );
}
