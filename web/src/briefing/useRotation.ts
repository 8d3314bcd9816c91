// The slide timer in React: the state machine is the pure one in @nq57/shared (tested with a fake
// clock); this hook only schedules its next tick and wires the keys and full screen to it.
import { useCallback, useEffect, useRef, useState } from 'react';
import { jump, keyAction, remaining, startRotation, step, tick, togglePause, withDurations, type Rotation } from '@nq57/shared';

export interface RotationControls {
  rotation: Rotation;
  next: () => void;
  prev: () => void;
  goTo: (index: number) => void;
  togglePause: () => void;
}

export function useRotation(durationsMs: number[]): RotationControls {
  const [rotation, setRotation] = useState<Rotation>(() => startRotation(durationsMs, Date.now()));
  const durationsKey = durationsMs.join(',');

  // The playlist arrived or was edited: keep the slide on screen (the first real slides start now).
  useEffect(() => {
    setRotation((r) => (r.durations.length === 0 ? startRotation(durationsMs, Date.now()) : withDurations(r, durationsMs, Date.now())));
    // keyed on the numbers (durationsKey): a new array with the same numbers changes nothing
  }, [durationsKey]);

  // One timeout per slide, set for the moment its time is up.
  useEffect(() => {
    if (rotation.paused || rotation.durations.length === 0) return;
    const id = window.setTimeout(() => {
      setRotation((r) => {
        const next = tick(r, Date.now());
        // a timer that fires a hair early changes nothing; a fresh object schedules it again
        return next === r ? { ...r } : next;
      });
    }, remaining(rotation, Date.now()) + 10);
    return () => window.clearTimeout(id);
  }, [rotation]);

  const next = useCallback(() => setRotation((r) => step(r, 1, Date.now())), []);
  const prev = useCallback(() => setRotation((r) => step(r, -1, Date.now())), []);
  const goTo = useCallback((i: number) => setRotation((r) => jump(r, i, Date.now())), []);
  const pause = useCallback(() => setRotation((r) => togglePause(r, Date.now())), []);
  return { rotation, next, prev, goTo, togglePause: pause };
}

export function toggleFullscreen() {
  if (document.fullscreenElement) {
    void document.exitFullscreen().catch(() => {});
  } else {
    // refused without a user gesture or in a kiosk that forbids it: the briefing runs windowed
    void document.documentElement.requestFullscreen?.().catch(() => {});
  }
}

/** → ← PageDown PageUp space 1–9 0 Home F, from a keyboard or a presentation clicker. */
export function useBriefingKeys(c: RotationControls) {
  const ref = useRef(c);
  ref.current = c;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const target = e.target as HTMLElement | null;
      if (target && (target.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName))) return;
      const action = keyAction(e.key);
      if (!action) return;
      // space and the arrows would otherwise scroll or press a focused button
      e.preventDefault();
      const k = ref.current;
      if (action.type === 'next') k.next();
      else if (action.type === 'prev') k.prev();
      else if (action.type === 'pause') k.togglePause();
      else if (action.type === 'jump') k.goTo(action.index);
      else toggleFullscreen();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

/**
 * Keeps the meeting-room screen from dimming or sleeping while the briefing runs (Screen Wake
 * Lock API). The browser drops the lock when the tab is hidden; it is asked for again on return.
 * Where the API is missing or refused, the screen's own power settings apply.
 */
export function useWakeLock() {
  useEffect(() => {
    type Sentinel = { release: () => Promise<void> };
    const nav = navigator as Navigator & { wakeLock?: { request: (type: 'screen') => Promise<Sentinel> } };
    if (!nav.wakeLock) return;
    let sentinel: Sentinel | null = null;
    let stopped = false;
    const ask = () => {
      if (document.visibilityState !== 'visible') return;
      nav.wakeLock!.request('screen').then(
        (s) => {
          if (stopped) void s.release().catch(() => {});
          else sentinel = s;
        },
        () => {},
      );
    };
    ask();
    document.addEventListener('visibilitychange', ask);
    return () => {
      stopped = true;
      document.removeEventListener('visibilitychange', ask);
      void sentinel?.release().catch(() => {});
    };
  }, []);
}
