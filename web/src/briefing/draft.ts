// The playlist being edited on /quan-tri/trinh-chieu, as the form holds it (seconds as typed),
// and the body the API takes. Pure; see web/test/briefing-draft.test.ts. The same checks as the
// server (checkPlaylist from @nq57/shared), so a mistake is shown before anything is sent.
import { checkPlaylist, DEFAULT_PLAYLIST, DEFAULT_SECONDS, type PlaylistIssue, type SlideSpec, type SlideType } from '@nq57/shared';
import type { PlaylistBody, PlaylistOut } from '@nq57/shared/schemas';

export interface DraftSlide {
  /** stable React key while slides move up and down */
  key: number;
  type: SlideType;
  indicator: string;
  /** as typed; '' = the playlist's default */
  seconds: string;
}

export interface Draft {
  /** null = a new playlist */
  id: number | null;
  name: string;
  defaultSeconds: string;
  /** '' = follow the latest round */
  period: string;
  slides: DraftSlide[];
}

let nextKey = 1;
const slide = (s: SlideSpec): DraftSlide => ({ key: nextKey++, type: s.type, indicator: s.indicator ?? '', seconds: s.seconds != null ? String(s.seconds) : '' });

/** A new playlist starts from the built-in one: every slide type, in the usual order. */
export function newDraft(): Draft {
  return { id: null, name: '', defaultSeconds: String(DEFAULT_SECONDS), period: '', slides: DEFAULT_PLAYLIST.slides.map(slide) };
}

export function draftOf(p: PlaylistOut): Draft {
  return { id: p.id, name: p.name, defaultSeconds: String(p.defaultSeconds), period: p.period ?? '', slides: (p.slides as SlideSpec[]).map(slide) };
}

export function addSlide(d: Draft, type: SlideType = 'overview'): Draft {
  return { ...d, slides: [...d.slides, slide({ type })] };
}

/** Moves slide `i` one place up (−1) or down (+1); at either end nothing moves. */
export function moveSlide(d: Draft, i: number, delta: -1 | 1): Draft {
  const j = i + delta;
  if (i < 0 || i >= d.slides.length || j < 0 || j >= d.slides.length) return d;
  const slides = [...d.slides];
  [slides[i], slides[j]] = [slides[j], slides[i]];
  return { ...d, slides };
}

export function removeSlide(d: Draft, i: number): Draft {
  return { ...d, slides: d.slides.filter((_, k) => k !== i) };
}

export function patchSlide(d: Draft, i: number, patch: Partial<Omit<DraftSlide, 'key'>>): Draft {
  return {
    ...d,
    slides: d.slides.map((s, k) => {
      if (k !== i) return s;
      const next = { ...s, ...patch };
      // only a ranking slide has an indicator
      if (next.type !== 'indicator') next.indicator = '';
      return next;
    }),
  };
}

/** "20" → 20; "" → undefined; "2,5" or "abc" → NaN, which the checks then refuse in words. */
function seconds(s: string): number | undefined {
  const v = s.trim();
  if (v === '') return undefined;
  return /^\d{1,4}$/.test(v) ? Number(v) : Number.NaN;
}

export function draftBody(d: Draft, indicators: string[]): { body: PlaylistBody; issues: PlaylistIssue[] } {
  const body: PlaylistBody = {
    name: d.name.trim(),
    defaultSeconds: seconds(d.defaultSeconds) ?? Number.NaN,
    period: d.period === '' ? null : d.period,
    slides: d.slides.map((s) => {
      const secs = seconds(s.seconds);
      return { type: s.type, ...(s.type === 'indicator' && s.indicator ? { indicator: s.indicator } : {}), ...(secs !== undefined ? { seconds: secs } : {}) };
    }),
  };
  return { body, issues: checkPlaylist(body, { indicators }) };
}

/** The full address of a briefing link, on whatever address the admin reached the app by. */
export function linkUrl(origin: string, path: string): string {
  return new URL(path, origin).toString();
}
