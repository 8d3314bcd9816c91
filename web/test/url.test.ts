import { describe, expect, it } from 'vitest';
import {
  COMPOSITE,
  DEFAULT_RANKING,
  parseRankingState,
  periodFromSearch,
  rankingSearch,
  serializeWeights,
  setParam,
  toggleSort,
  withPeriod,
  parsePublication,
  pinnedSearch,
  liveSearch,
} from '../src/url';

describe('ranking URL state', () => {
  it('reads an empty query string as the defaults (composite, by rank)', () => {
    expect(parseRankingState('')).toEqual(DEFAULT_RANKING);
    expect(parseRankingState('?')).toEqual(DEFAULT_RANKING);
  });

  it('reads every parameter', () => {
    const s = parseRankingState('?chi-tieu=on_time_rate&loai=phuong&huyen=Huy%E1%BB%87n+S%C6%A1n+T%E1%BB%8Bnh&q=tinh+khe&sap-xep=ten&chieu=giam&ky=q1-2026');
    expect(s).toEqual({
      indicator: 'on_time_rate',
      type: 'phuong',
      district: 'Huyện Sơn Tịnh',
      q: 'tinh khe',
      sort: 'ten',
      dir: 'giam',
      weights: null,
    });
  });

  it('falls back to defaults on values it does not know, never throws', () => {
    const s = parseRankingState('chi-tieu=<script>&loai=tinh&sap-xep=bogus&chieu=sideways');
    expect(s.indicator).toBe(COMPOSITE);
    expect(s.type).toBeNull();
    expect(s.sort).toBe('hang');
    expect(s.dir).toBe('tang');
  });

  it('gives each column its natural first direction: rank and names ascending, values descending', () => {
    expect(parseRankingState('sap-xep=gia-tri').dir).toBe('giam');
    expect(parseRankingState('sap-xep=thay-doi').dir).toBe('giam');
    expect(parseRankingState('sap-xep=ten').dir).toBe('tang');
  });

  it('writes short links: defaults left out, the round kept', () => {
    expect(rankingSearch(DEFAULT_RANKING)).toBe('');
    expect(rankingSearch(DEFAULT_RANKING, '?ky=q1-2026')).toBe('?ky=q1-2026');
    const s = rankingSearch({ ...DEFAULT_RANKING, indicator: 'on_time_rate', q: 'tịnh khê', sort: 'gia-tri', dir: 'giam' }, 'ky=q1-2026');
    const p = new URLSearchParams(s.slice(1));
    expect(p.get('ky')).toBe('q1-2026');
    expect(p.get('chi-tieu')).toBe('on_time_rate');
    expect(p.get('q')).toBe('tịnh khê');
    expect(p.get('sap-xep')).toBe('gia-tri');
    expect(p.has('chieu')).toBe(false); // descending is the default for values
  });

  it('round-trips any state through the URL', () => {
    const states = [
      { ...DEFAULT_RANKING, type: 'dac-khu' as const, district: 'Huyện Lý Sơn' },
      { ...DEFAULT_RANKING, weights: 'on_time_rate:40', sort: 'thay-doi' as const, dir: 'tang' as const },
      { ...DEFAULT_RANKING, indicator: 'cdt_coverage', q: 'đăk', sort: 'huyen' as const, dir: 'giam' as const },
    ];
    for (const s of states) expect(parseRankingState(rankingSearch(s))).toEqual(s);
  });

  it('drops the weights when the view is not the composite index', () => {
    expect(rankingSearch({ ...DEFAULT_RANKING, indicator: 'on_time_rate', weights: 'a:1' })).toBe('?chi-tieu=on_time_rate');
  });

  it('toggles a column: same column flips, another starts in its default direction', () => {
    expect(toggleSort({ sort: 'hang', dir: 'tang' }, 'hang')).toEqual({ sort: 'hang', dir: 'giam' });
    expect(toggleSort({ sort: 'hang', dir: 'tang' }, 'gia-tri')).toEqual({ sort: 'gia-tri', dir: 'giam' });
    expect(toggleSort({ sort: 'gia-tri', dir: 'giam' }, 'ten')).toEqual({ sort: 'ten', dir: 'tang' });
  });
});

describe('weights in the URL', () => {
  const official = { online_filing_rate: 20, on_time_rate: 20, cdt_coverage: 15 };
  it('is null when every weight is official', () => {
    expect(serializeWeights({ ...official }, official)).toBeNull();
  });
  it('lists only the changed weights, in code order', () => {
    expect(serializeWeights({ ...official, on_time_rate: 40, cdt_coverage: 0 }, official)).toBe('cdt_coverage:0,on_time_rate:40');
  });
});

describe('round and other parameters', () => {
  it('adds the round to a link', () => {
    expect(withPeriod('/xep-hang', 'q1-2026')).toBe('/xep-hang?ky=q1-2026');
    expect(withPeriod('/xep-hang?q=a', 'q1-2026')).toBe('/xep-hang?q=a&ky=q1-2026');
    expect(withPeriod('/xa/21211', undefined)).toBe('/xa/21211');
  });
  it('reads the round, refusing what cannot be a period code', () => {
    expect(periodFromSearch('?ky=q1-2026')).toBe('q1-2026');
    expect(periodFromSearch('ky=')).toBeUndefined();
    expect(periodFromSearch('ky=../../etc')).toBeUndefined();
  });
  it('sets and removes one parameter', () => {
    expect(setParam('?a=1&b=2', 'a', '3')).toBe('?a=3&b=2');
    expect(setParam('?a=1', 'a', null)).toBe('');
  });
});

describe('which figures a page shows (issue 12)', () => {
  it('?ban= pins one release; ?hien-tai=1 is live only for someone who may see it', () => {
    expect(parsePublication('?ky=q3-2026', true)).toEqual({ release: undefined, live: false });
    expect(parsePublication('?ban=7', false)).toEqual({ release: 7, live: false });
    expect(parsePublication('?hien-tai=1', true)).toEqual({ release: undefined, live: true });
    expect(parsePublication('?hien-tai=1', false)).toEqual({ release: undefined, live: false });
    // a pinned release wins over the live switch; a broken id is no pin
    expect(parsePublication('?ban=7&hien-tai=1', true)).toEqual({ release: 7, live: false });
    expect(parsePublication('?ban=abc', true)).toEqual({ release: undefined, live: false });
    expect(parsePublication('?ban=-2', true)).toEqual({ release: undefined, live: false });
  });

  it('pinning drops the live switch and the switch drops the pin; the rest of the address stays', () => {
    expect(pinnedSearch('?ky=q3-2026&hien-tai=1', 3)).toBe('?ky=q3-2026&ban=3');
    expect(pinnedSearch('?ky=q3-2026&ban=3', null)).toBe('?ky=q3-2026');
    expect(liveSearch('?ky=q3-2026&ban=3', true)).toBe('?ky=q3-2026&hien-tai=1');
    expect(liveSearch('?ky=q3-2026&hien-tai=1', false)).toBe('?ky=q3-2026');
  });
});
