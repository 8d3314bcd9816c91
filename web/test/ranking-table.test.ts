import { describe, expect, it } from 'vitest';
import { buildRankingTable, fromCompositeRows, fromIndicatorRows } from '../src/panels/ranking-table/transform';
import { ranked, row } from './fixtures';

const rows = fromIndicatorRows([
  ranked('1', 'Xã Tịnh Khê', 99, 1),
  ranked('2', 'Xã Đức Phổ', 97, 2, { rankChange: 3 }),
  ranked('3', 'Xã Ba Tơ', 97, 2, { rankChange: -1 }),
  ranked('4', 'Xã Dục Nội', 90, 4, { formerDistrict: 'Huyện Ba Tơ' }),
  row('5', 'Xã Mô Rai'),
  row('6', 'Xã Ân Nghĩa', { status: 'insufficient', value: 100, numerator: 3, denominator: 3 }),
]);

describe('ranking table transform', () => {
  it('lists the unranked apart, never ranked last', () => {
    const m = buildRankingTable(rows, { q: '', sort: 'hang', dir: 'tang' });
    expect(m.ranked.map((r) => r.communeCode)).toEqual(['1', '3', '2', '4']);
    expect(m.unranked.map((r) => r.status)).toEqual(['insufficient', 'not_reported']);
    expect(m.rankedTotal).toBe(4);
    expect(m.unrankedTotal).toBe(2);
  });

  it('marks shared ranks as ties ("đồng hạng") and lists tied communes by name', () => {
    const m = buildRankingTable(rows, { q: '', sort: 'hang', dir: 'tang' });
    expect([...m.tiedRanks]).toEqual([2]);
    expect(m.ranked.slice(1, 3).map((r) => r.communeName)).toEqual(['Xã Ba Tơ', 'Xã Đức Phổ']);
  });

  it('finds communes typed without diacritics, in both lists', () => {
    expect(buildRankingTable(rows, { q: 'tinh khe', sort: 'hang', dir: 'tang' }).ranked.map((r) => r.communeName)).toEqual(['Xã Tịnh Khê']);
    const m = buildRankingTable(rows, { q: 'an nghia', sort: 'hang', dir: 'tang' });
    expect(m.ranked).toHaveLength(0);
    expect(m.unranked.map((r) => r.communeName)).toEqual(['Xã Ân Nghĩa']);
    // a search narrows what is shown, but the ties are those of the whole table
    expect([...buildRankingTable(rows, { q: 'duc pho', sort: 'hang', dir: 'tang' }).tiedRanks]).toEqual([2]);
  });

  it('sorts names in Vietnamese order: Đ after D', () => {
    const m = buildRankingTable(rows, { q: '', sort: 'ten', dir: 'tang' });
    expect(m.ranked.map((r) => r.communeName)).toEqual(['Xã Ba Tơ', 'Xã Dục Nội', 'Xã Đức Phổ', 'Xã Tịnh Khê']);
    expect(m.unranked.map((r) => r.communeName)).toEqual(['Xã Ân Nghĩa', 'Xã Mô Rai']);
    const desc = buildRankingTable(rows, { q: '', sort: 'ten', dir: 'giam' });
    expect(desc.ranked.map((r) => r.communeName)).toEqual(['Xã Tịnh Khê', 'Xã Đức Phổ', 'Xã Dục Nội', 'Xã Ba Tơ']);
  });

  it('sorts by value and by rank change with missing figures last in both directions', () => {
    const withGap = fromIndicatorRows([ranked('a', 'A', 5, 2, { rankChange: null }), ranked('b', 'B', 9, 1, { rankChange: 2 }), ranked('c', 'C', 1, 3, { rankChange: -4 })]);
    expect(buildRankingTable(withGap, { q: '', sort: 'thay-doi', dir: 'giam' }).ranked.map((r) => r.communeCode)).toEqual(['b', 'c', 'a']);
    expect(buildRankingTable(withGap, { q: '', sort: 'thay-doi', dir: 'tang' }).ranked.map((r) => r.communeCode)).toEqual(['c', 'b', 'a']);
    expect(buildRankingTable(withGap, { q: '', sort: 'gia-tri', dir: 'tang' }).ranked.map((r) => r.communeCode)).toEqual(['c', 'a', 'b']);
  });

  it('sorts by former district, then rank', () => {
    const m = buildRankingTable(rows, { q: '', sort: 'huyen', dir: 'tang' });
    expect(m.ranked[0].communeName).toBe('Xã Dục Nội');
  });

  it('shows composite rows with the score as the value', () => {
    const v = fromCompositeRows([
      { communeCode: 'x', communeName: 'Xã X', communeType: 'xã', formerDistrict: 'H', score: 81.5, rank: 1, previousRank: 2, rankChange: 1, status: 'ranked', coverage: 0.8, indicatorsReported: 6, indicatorsApplicable: 7 },
    ]);
    // coverage beside every score (decision 009)
    expect(v[0]).toMatchObject({ value: 81.5, numerator: null, denominator: null, rank: 1, rankChange: 1, coverage: '6/7 chỉ tiêu · 80% trọng số' });
  });
});

describe('commune name order', () => {
  it('ignores the unit prefix, so wards and communes interleave', () => {
    const v = fromIndicatorRows([ranked('1', 'Xã Đức Nhuận', 1, 1), ranked('2', 'Phường Đức Phổ', 1, 1), ranked('3', 'Xã Ba Tơ', 1, 1), ranked('4', 'Đặc khu Lý Sơn', 1, 1)]);
    expect(buildRankingTable(v, { q: '', sort: 'ten', dir: 'tang' }).ranked.map((r) => r.communeName)).toEqual(['Xã Ba Tơ', 'Xã Đức Nhuận', 'Phường Đức Phổ', 'Đặc khu Lý Sơn']);
  });
});
