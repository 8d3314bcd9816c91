// Issue 12: a page pinned to one release (?ban=ID) asks for that release, not for the round
// remembered in the tab as well: a release of another round was refused (400
// RELEASE_OF_ANOTHER_PERIOD) on a ?ban= link without ?ky=.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { communeQueries, overviewQueries, periodParam, rankingQueries, type Publication } from '../src/api/queries';

const REMEMBERED = 'q2-2026';
let asked: URL[] = [];

beforeEach(() => {
  asked = [];
  vi.stubGlobal('fetch', async (url: string) => {
    asked.push(new URL(url, 'http://localhost'));
    return new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } });
  });
});
afterEach(() => vi.unstubAllGlobals());

/** The query string of every read a page of the round makes, with this Publication. */
async function requests(pub: Publication) {
  const signal = new AbortController().signal;
  const reads = [
    rankingQueries.indicator(REMEMBERED, 'online_filing_rate', pub),
    rankingQueries.composite(REMEMBERED, pub),
    overviewQueries.byPeriod(REMEMBERED, pub),
    communeQueries.standing('21211', REMEMBERED, false, pub),
  ];
  for (const q of reads) await (q.queryFn as (ctx: { signal: AbortSignal }) => Promise<unknown>)({ signal });
  return asked.map((u) => Object.fromEntries(u.searchParams));
}

describe('the request of a read pinned to a release', () => {
  it('periodParam: no round with a release, the round otherwise', () => {
    expect(periodParam(REMEMBERED, { release: 7 })).toBeUndefined();
    expect(periodParam(REMEMBERED, {})).toBe(REMEMBERED);
    expect(periodParam(REMEMBERED, { live: true })).toBe(REMEMBERED);
    expect(periodParam(undefined, {})).toBeUndefined();
  });

  it('every read of a pinned page sends the release and not the remembered round', async () => {
    const sent = await requests({ release: 7 });
    expect(sent).toHaveLength(4);
    for (const q of sent) {
      expect(q.release).toBe('7');
      expect(q).not.toHaveProperty('period');
      expect(q).not.toHaveProperty('live');
    }
  });

  it('the default and live reads still send the round, in the same order as before', async () => {
    const sent = await requests({});
    for (const q of sent) {
      expect(q.period).toBe(REMEMBERED);
      expect(q).not.toHaveProperty('release');
    }
    expect(asked[0].search).toBe(`?period=${REMEMBERED}&indicator=online_filing_rate`);
    asked = [];
    expect((await requests({ live: true })).every((q) => q.period === REMEMBERED && q.live === 'true')).toBe(true);
  });
});
