// Downloads built once: a file is made once per key (round, format, release), data version and
// Vietnam day (files carry today's date), and shared by concurrent downloads: rankings.xlsx costs
// ~0,3 s of CPU, and ten leaders downloading it before a meeting must not build it ten times
// while everyone else waits (issue 16). A failed build is forgotten, so the next download tries
// again; at most `max` files are kept, the oldest dropped first.
import { vnDay } from '@nq57/shared';

export function fileCache(version: () => number, max = 64, today: () => string = () => vnDay(new Date())) {
  const built = new Map<string, Promise<unknown>>();
  return <T>(key: string, make: () => Promise<T>): Promise<T> => {
    const k = `${key}|${version()}|${today()}`;
    let p = built.get(k);
    if (!p) {
      p = make();
      built.set(k, p);
      p.catch(() => built.delete(k));
      if (built.size > max) built.delete(built.keys().next().value!);
    }
    return p as Promise<T>;
  };
}
