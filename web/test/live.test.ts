import { describe, expect, it } from 'vitest';
import { QueryClient } from '@tanstack/react-query';
import { communeQueries, completenessQueries, catalogueQueries, overviewQueries, periodQueries, playlistQueries, rankingQueries, releaseQueries, roundQueries, submissionQueries } from '../src/api/queries';
import { briefingQueries } from '../src/briefing/queries';
import { applyChange, applyPlaylistChange, showsAnotherDefault, touchedBy, touchedByPlaylist } from '../src/live/invalidate';

const A = { token: null, refreshMs: 60_000, pushed: true };
const ROUND = 'm10-2026';
const answer = (code: string) => ({ period: { code } });

describe('what a change of the figures touches', () => {
  const round = { period: ROUND };

  it("a round's own reads, on every page and on the big screen", () => {
    for (const key of [
      rankingQueries.indicator(ROUND, 'online_filing_rate').queryKey,
      rankingQueries.indicator(ROUND, 'online_filing_rate', { includeSubmitted: true, type: 'xa' }).queryKey,
      rankingQueries.composite(ROUND).queryKey,
      overviewQueries.byPeriod(ROUND).queryKey,
      communeQueries.standing('21211', ROUND).queryKey,
      communeQueries.standing('21211', ROUND, true).queryKey,
      completenessQueries.byPeriod(ROUND).queryKey,
      roundQueries.detail(ROUND).queryKey,
      periodQueries.list().queryKey,
      briefingQueries.overview(A, ROUND).queryKey,
      briefingQueries.composite(A, ROUND).queryKey,
      briefingQueries.ranking(A, ROUND, 'on_time_rate').queryKey,
      briefingQueries.periods(A).queryKey,
    ]) {
      expect(touchedBy(round, key, undefined), JSON.stringify(key)).toBe(true);
    }
  });

  it("another round's reads are left alone", () => {
    for (const key of [
      rankingQueries.indicator('q3-2026', 'online_filing_rate').queryKey,
      rankingQueries.composite('q3-2026').queryKey,
      overviewQueries.byPeriod('q3-2026').queryKey,
      communeQueries.standing('21211', 'q3-2026').queryKey,
      completenessQueries.byPeriod('q3-2026').queryKey,
      briefingQueries.ranking(A, 'q3-2026', 'on_time_rate').queryKey,
    ]) {
      expect(touchedBy(round, key, answer('q3-2026')), JSON.stringify(key)).toBe(false);
    }
  });

  it("another round's reads that show this round's figures: compared with it, or a trend through it", () => {
    const comparedWithRound = { period: { code: 'm11-2026' }, comparedWith: { code: ROUND } };
    for (const key of [
      rankingQueries.indicator('m11-2026', 'online_filing_rate').queryKey,
      rankingQueries.composite('m11-2026').queryKey,
      overviewQueries.byPeriod('m11-2026').queryKey,
      briefingQueries.composite(A, 'm11-2026').queryKey,
      briefingQueries.ranking(A, 'm11-2026', 'on_time_rate').queryKey,
    ]) {
      expect(touchedBy(round, key, comparedWithRound), JSON.stringify(key)).toBe(true);
      expect(touchedBy(round, key, { period: { code: 'm11-2026' }, comparedWith: { code: 'm9-2026' } }), JSON.stringify(key)).toBe(false);
    }
    const standing = (periods: string[]) => ({ period: { code: 'm11-2026' }, comparedWith: null, indicators: [{ history: periods.map((p) => ({ period: p })) }] });
    const key = communeQueries.standing('21211', 'm11-2026').queryKey;
    expect(touchedBy(round, key, standing(['m9-2026', ROUND, 'm11-2026']))).toBe(true);
    expect(touchedBy(round, key, standing(['m11-2026']))).toBe(false);
  });

  it('the "latest round" reads only when their answer shows that round (or has not come yet)', () => {
    const latest = overviewQueries.byPeriod(undefined).queryKey;
    expect(touchedBy(round, latest, answer('q3-2026'))).toBe(false);
    expect(touchedBy(round, latest, answer(ROUND))).toBe(true);
    expect(touchedBy(round, latest, undefined)).toBe(true);
    expect(touchedBy(round, briefingQueries.composite(A, undefined).queryKey, answer('q3-2026'))).toBe(false);
    expect(touchedBy({ period: 'q3-2026' }, briefingQueries.composite(A, undefined).queryKey, answer('q3-2026'))).toBe(true);
  });

  it('never the catalogue, the accounts, a form being edited, or the playlists', () => {
    for (const key of [
      catalogueQueries.indicators().queryKey,
      communeQueries.list().queryKey,
      submissionQueries.detail(ROUND, '21211').queryKey,
      submissionQueries.ofCommune('21211').queryKey,
      playlistQueries.list().queryKey,
      briefingQueries.indicators(A).queryKey,
      briefingQueries.playlist(A, 1).queryKey,
    ]) {
      expect(touchedBy(round, key, undefined), JSON.stringify(key)).toBe(false);
      expect(touchedBy({ period: null }, key, undefined), JSON.stringify(key)).toBe(false);
    }
  });

  it('a change of anything (a round opened or closed, a stream back after a loss) touches every figure', () => {
    for (const key of [rankingQueries.composite('q3-2026').queryKey, overviewQueries.byPeriod(undefined).queryKey, completenessQueries.byPeriod('q1-2025').queryKey]) {
      expect(touchedBy({ period: null }, key, answer('q3-2026'))).toBe(true);
    }
  });

  it("a publish (announced as any change) reads a round's releases again; a release's changes never", () => {
    expect(touchedBy({ period: null }, releaseQueries.byPeriod('q3-2026').queryKey, undefined)).toBe(true);
    expect(touchedBy({ period: 'q3-2026' }, releaseQueries.byPeriod('q3-2026').queryKey, undefined)).toBe(true);
    expect(touchedBy({ period: ROUND }, releaseQueries.byPeriod('q3-2026').queryKey, undefined)).toBe(false);
    expect(touchedBy({ period: null }, releaseQueries.changes(3).queryKey, undefined)).toBe(false);
  });

  it('applyChange marks exactly those queries stale, keeping their data', async () => {
    const client = new QueryClient();
    const mine = overviewQueries.byPeriod(ROUND).queryKey;
    const other = overviewQueries.byPeriod('q3-2026').queryKey;
    client.setQueryData(mine, answer(ROUND) as never);
    client.setQueryData(other, answer('q3-2026') as never);
    await applyChange(client, round);
    expect(client.getQueryState(mine)?.isInvalidated).toBe(true);
    expect(client.getQueryData(mine)).toEqual(answer(ROUND));
    expect(client.getQueryState(other)?.isInvalidated).toBe(false);
  });

  it('a change that makes its round the latest reads the "latest round" reads again, on the pages and the big screen', async () => {
    // the first figures of a closed round: the list of rounds, read again, names it the default
    const client = new QueryClient();
    const list = (defaultPeriod: string) => ({ periods: [], defaultPeriod, demo: false });
    client.setQueryData(periodQueries.list().queryKey, list(ROUND) as never);
    client.setQueryData(briefingQueries.periods(A).queryKey, list(ROUND) as never);
    const latest = [overviewQueries.byPeriod(undefined).queryKey, briefingQueries.composite(A, undefined).queryKey, communeQueries.standing('21211', undefined).queryKey];
    for (const key of latest) client.setQueryData(key, answer('q3-2026') as never);
    const named = overviewQueries.byPeriod('q3-2026').queryKey;
    client.setQueryData(named, answer('q3-2026') as never);
    await applyChange(client, round);
    for (const key of latest) expect(client.getQueryState(key)?.isInvalidated, JSON.stringify(key)).toBe(true);
    expect(client.getQueryState(named)?.isInvalidated).toBe(false);
  });

  it('a change to another round leaves the "latest round" reads alone while the default stays', async () => {
    const client = new QueryClient();
    client.setQueryData(periodQueries.list().queryKey, { periods: [], defaultPeriod: 'q3-2026', demo: false } as never);
    const latest = overviewQueries.byPeriod(undefined).queryKey;
    client.setQueryData(latest, answer('q3-2026') as never);
    await applyChange(client, round);
    expect(client.getQueryState(latest)?.isInvalidated).toBe(false);
    expect(showsAnotherDefault(latest, answer('q3-2026'), 'q3-2026')).toBe(false);
    expect(showsAnotherDefault(latest, answer('q3-2026'), ROUND)).toBe(true);
    expect(showsAnotherDefault(overviewQueries.byPeriod('q3-2026').queryKey, answer('q3-2026'), ROUND)).toBe(false);
  });
});

describe('what a playlist edited touches', () => {
  const edited = { id: 4 };

  it("that playlist on the big screen and the admin page's lists; nothing else", () => {
    expect(touchedByPlaylist(edited, briefingQueries.playlist(A, 4).queryKey)).toBe(true);
    expect(touchedByPlaylist(edited, playlistQueries.list().queryKey)).toBe(true);
    expect(touchedByPlaylist(edited, playlistQueries.tokens().queryKey)).toBe(true);
    for (const key of [
      briefingQueries.playlist(A, 5).queryKey,
      briefingQueries.overview(A, ROUND).queryKey,
      briefingQueries.indicators(A).queryKey,
      overviewQueries.byPeriod(ROUND).queryKey,
      catalogueQueries.indicators().queryKey,
    ]) {
      expect(touchedByPlaylist(edited, key), JSON.stringify(key)).toBe(false);
    }
    // a stream back after a loss: any playlist may have been edited meanwhile
    expect(touchedByPlaylist('any', briefingQueries.playlist(A, 5).queryKey)).toBe(true);
  });

  it('applyPlaylistChange marks the screen\'s playlist stale, keeping it on screen', async () => {
    const client = new QueryClient();
    const mine = briefingQueries.playlist(A, 4).queryKey;
    const other = briefingQueries.playlist(A, 5).queryKey;
    client.setQueryData(mine, { id: 4 } as never);
    client.setQueryData(other, { id: 5 } as never);
    await applyPlaylistChange(client, edited);
    expect(client.getQueryState(mine)?.isInvalidated).toBe(true);
    expect(client.getQueryData(mine)).toEqual({ id: 4 });
    expect(client.getQueryState(other)?.isInvalidated).toBe(false);
  });
});
