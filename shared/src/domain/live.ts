// Live updates (issue 13): what a change of the figures says, how it travels between instances
// (PostgreSQL NOTIFY's payload) and how it is written on and read from the event stream
// (GET /api/events, text/event-stream). Pure; the API writes frames, the browser parses them, and
// both sides agree because the format lives here once.
//
// A change names the round whose figures or report states moved, never a figure: everyone who may
// read the figures may know that round "m10-2026" changed. `period: null` means "anything may have
// changed" (a round opened or closed, the default round may move, or an instance missed
// notifications): the reader refreshes every figure it shows.
//
// A playlist edited (its slides, their order, their seconds) is announced too, by its id: the big
// screens showing it turn to the new slides without a reload. It moves no figure.

export interface DataChange {
  /** the round's code, or null: anything may have changed */
  period: string | null;
}

export const ANY_CHANGE: DataChange = { period: null };

export interface PlaylistChange {
  /** the playlist's id */
  id: number;
}

/** What one instance tells the others, and the streams tell the browsers. */
export type LiveNotice = { type: 'change'; change: DataChange } | { type: 'playlist'; playlist: PlaylistChange };

/** The notice of a change of the figures (`ANY_CHANGE` when none is named). */
export const figuresChanged = (change: DataChange = ANY_CHANGE): LiveNotice => ({ type: 'change', change });

/** Seconds between the stream's heartbeats: the issue asks for at most 2. */
export const LIVE_HEARTBEAT_MS = 1000;
/**
 * A reader that has heard nothing (not even a heartbeat) for this long counts the stream as lost.
 * Four missed heartbeats: a busy server does not flap the marker, and the big screen still says
 * "mất kết nối" within 5 s of the loss.
 */
export const LIVE_SILENCE_MS = 4000;

// ── Between instances: the NOTIFY payload ──────────────────────────────────────────────────

/**
 * `origin` names the instance that wrote, so it can ignore its own notification. A playlist goes as
 * `pl`: an older instance reads that as a change of anything (an extra refresh, never a missed one).
 */
export function encodeNotification(notice: LiveNotice, origin: string): string {
  return JSON.stringify(notice.type === 'playlist' ? { o: origin, pl: notice.playlist.id } : { o: origin, p: notice.change.period });
}

const isId = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;

/**
 * Reads a notification; anything unreadable (an older instance sent a timestamp) is a change of
 * anything, never an error: a missed refresh is worse than an extra one.
 */
export function decodeNotification(payload: string | null | undefined): { origin: string | null; notice: LiveNotice } {
  try {
    const v = JSON.parse(payload ?? '') as unknown;
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const { o, p, pl } = v as Record<string, unknown>;
      const origin = typeof o === 'string' ? o : null;
      if (isId(pl)) return { origin, notice: { type: 'playlist', playlist: { id: pl } } };
      return { origin, notice: figuresChanged({ period: typeof p === 'string' && p ? p : null }) };
    }
  } catch {
    // not ours
  }
  return { origin: null, notice: figuresChanged(ANY_CHANGE) };
}

// ── On the stream: server-sent events ──────────────────────────────────────────────────────

export type LiveEvent =
  | { type: 'hello'; heartbeatMs: number }
  | LiveNotice
  /** the stream's right to read ended (a revoked briefing link, a session signed out) */
  | { type: 'refused'; message: string };

/** One event as the stream writes it (`event:` and one `data:` line of JSON). */
export function sseFrame(e: LiveEvent): string {
  const data =
    e.type === 'change' ? e.change : e.type === 'playlist' ? e.playlist : e.type === 'hello' ? { heartbeatMs: e.heartbeatMs } : { message: e.message };
  return `event: ${e.type}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** The heartbeat: a comment line, which EventSource ignores and a reader's watchdog counts. */
export const SSE_HEARTBEAT = ': ping\n\n';

/**
 * A parser for the text of an event stream as it arrives in pieces: feed it each chunk, get the
 * complete events. Follows the format's rules that matter here (lines end in \n, \r\n or \r; a
 * blank line ends an event; `:` starts a comment; several data lines join with \n); events it does
 * not know are skipped.
 */
export function createSseParser() {
  let buffer = '';
  let event = '';
  let data: string[] = [];
  return function feed(chunk: string): LiveEvent[] {
    buffer += chunk;
    const out: LiveEvent[] = [];
    // a \r at the very end may be the first half of \r\n: wait for the next chunk
    const lines = buffer.split(/\r\n|\r(?!$)|\n/);
    buffer = lines.pop() ?? '';
    for (const line of lines) {
      if (line === '') {
        const e = toEvent(event || 'message', data.join('\n'));
        if (e) out.push(e);
        event = '';
        data = [];
        continue;
      }
      if (line.startsWith(':')) continue;
      const i = line.indexOf(':');
      const field = i < 0 ? line : line.slice(0, i);
      const value = i < 0 ? '' : line.slice(i + 1).replace(/^ /, '');
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
    return out;
  };
}

function toEvent(type: string, data: string): LiveEvent | null {
  let v: Record<string, unknown>;
  try {
    v = JSON.parse(data) as Record<string, unknown>;
  } catch {
    return null;
  }
  if (!v || typeof v !== 'object') return null;
  if (type === 'hello') return { type, heartbeatMs: typeof v.heartbeatMs === 'number' ? v.heartbeatMs : LIVE_HEARTBEAT_MS };
  if (type === 'change') return { type, change: { period: typeof v.period === 'string' && v.period ? v.period : null } };
  if (type === 'playlist') return isId(v.id) ? { type, playlist: { id: v.id } } : null;
  if (type === 'refused') return { type, message: typeof v.message === 'string' ? v.message : '' };
  return null;
}
