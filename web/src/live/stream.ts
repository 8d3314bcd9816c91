// The browser's side of GET /api/events (issue 13, decision 020). Read with fetch, not EventSource:
// a big screen's briefing link sends its token as the x-briefing-token header, which EventSource
// cannot send (the token would have to go in the address, into proxies' logs). fetch also lets
// this module own the watchdog: a stream that says nothing, not even its heartbeat, for
// LIVE_SILENCE_MS is lost, which is how a dropped network shows (no error ever comes).
//
// States: 'connecting' (first attempt), 'live' (the server said hello; changes arrive), 'lost' (the
// server or the network is away; tries again, every few seconds), 'refused' (the session or the
// link may no longer read: not tried again), 'unavailable' (the stream cannot be opened here: a
// proxy that buffers, too many streams, an older server; pages fall back to polling and the stream
// is tried again now and then).
import { createSseParser, LIVE_SILENCE_MS, type DataChange, type PlaylistChange } from '@nq57/shared';
import { apiUrl } from '../api/client';
import { apiPaths } from '../api/paths';

export type LiveState = 'connecting' | 'live' | 'lost' | 'refused' | 'unavailable';

export interface LiveOptions {
  headers?: Record<string, string>;
  /** a briefing link's playlist (the token opens the stream for it only) */
  playlist?: number | null;
  /** the round a briefing link's screen pins in its address (?ky=): its stream hears of that round */
  period?: string;
  onChange(change: DataChange): void;
  /** a playlist was edited (only a session, or the link of that playlist, is told) */
  onPlaylist(playlist: PlaylistChange): void;
  /** the stream is back after a loss: what changed meanwhile is unknown, read everything again */
  onResync(): void;
  onState(state: LiveState, message?: string): void;
  /** ms of silence after which the stream counts as lost (tests shorten it) */
  silenceMs?: number;
}

/** Waits between attempts after a loss: quick first, then every 5 s at most. */
const RETRY_MS = [500, 1000, 2000, 4000, 5000];
/** How long a page polls before it tries the stream again. */
const UNAVAILABLE_RETRY_MS = 60_000;

/** Opens the stream and keeps it open until `stop` is called. */
export function connectLive(opts: LiveOptions): () => void {
  const silenceMs = opts.silenceMs ?? LIVE_SILENCE_MS;
  let stopped = false;
  let everLive = false;
  let failures = 0;
  let state: LiveState | null = null;
  let abort: AbortController | null = null;
  let retry: ReturnType<typeof setTimeout> | null = null;

  const set = (s: LiveState, message?: string) => {
    if (s === state && s !== 'refused') return;
    state = s;
    opts.onState(s, message);
  };

  function again(ms: number) {
    if (stopped) return;
    retry = setTimeout(attempt, ms);
  }

  async function attempt() {
    retry = null;
    if (stopped) return;
    if (state === null) set('connecting');
    const ac = new AbortController();
    abort = ac;
    let watchdog: ReturnType<typeof setTimeout> | null = null;
    let silent = false;
    const quiet = () => {
      if (watchdog) clearTimeout(watchdog);
      watchdog = setTimeout(() => {
        silent = true;
        ac.abort();
      }, silenceMs);
    };
    let heard = false;
    let answered = false;
    let openedAt = 0;
    try {
      quiet();
      const res = await fetch(apiUrl(apiPaths.events, { playlist: opts.playlist ?? undefined, period: opts.period }), {
        headers: { ...opts.headers, accept: 'text/event-stream' },
        signal: ac.signal,
        cache: 'no-store',
      });
      answered = true;
      if (res.status === 401 || res.status === 403) {
        const body = (await res.json().catch(() => null)) as { message?: string } | null;
        set('refused', body?.message);
        return;
      }
      if (!res.ok || !res.body || !(res.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
        await res.body?.cancel().catch(() => undefined);
        set('unavailable');
        again(UNAVAILABLE_RETRY_MS);
        return;
      }
      const feed = createSseParser();
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        quiet();
        for (const e of feed(value)) {
          if (e.type === 'hello') {
            heard = true;
            openedAt = Date.now();
            failures = 0;
            const back = everLive;
            everLive = true;
            set('live');
            if (back) opts.onResync();
          } else if (e.type === 'change') {
            opts.onChange(e.change);
          } else if (e.type === 'playlist') {
            opts.onPlaylist(e.playlist);
          } else if (e.type === 'refused') {
            set('refused', e.message);
            return;
          }
        }
      }
    } catch {
      // the network failed, the server went, or the watchdog gave up on a silent stream
    } finally {
      if (watchdog) clearTimeout(watchdog);
      if (abort === ac) abort = null;
    }
    if (stopped || state === 'refused' || state === 'unavailable') return;
    // Answered, but no hello before the silence: something between (a proxy) holds the text back.
    if (!heard && answered && silent && !everLive) {
      set('unavailable');
      again(UNAVAILABLE_RETRY_MS);
      return;
    }
    // A stream that was live a while and ended (a restart, a balancer) is tried again at once, and
    // lost only if that fails; a failed attempt or a silent stream is lost now.
    if (heard && !silent && Date.now() - openedAt > 2000) {
      failures++;
      again(0);
      return;
    }
    set('lost');
    again(RETRY_MS[Math.min(failures++, RETRY_MS.length - 1)]);
  }

  void attempt();
  return () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    abort?.abort();
  };
}
