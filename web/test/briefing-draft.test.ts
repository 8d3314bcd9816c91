import { describe, expect, it } from 'vitest';
import type { PlaylistOut } from '@nq57/shared/schemas';
import { addSlide, draftBody, draftOf, linkUrl, moveSlide, newDraft, patchSlide, removeSlide } from '../src/briefing/draft';
import { chosenPeriod, parseBriefingParams } from '../src/briefing/params';

const INDICATORS = ['online_filing_rate', 'on_time_rate'];
const saved: PlaylistOut = {
  id: 7,
  name: 'Họp BCĐ tháng 12',
  slides: [{ type: 'overview' }, { type: 'indicator', indicator: 'on_time_rate', seconds: 30 }, { type: 'movers' }],
  defaultSeconds: 15,
  period: 'year-2025',
  periodName: 'Năm 2025',
  updatedBy: 'admin',
  updatedAt: '2026-10-11T02:00:00.000Z',
};

describe('playlist draft', () => {
  it('a saved playlist round-trips through the form unchanged', () => {
    const { body, issues } = draftBody(draftOf(saved), INDICATORS);
    expect(issues).toEqual([]);
    expect(body).toEqual({ name: saved.name, slides: saved.slides, defaultSeconds: 15, period: 'year-2025' });
  });

  it('a new playlist starts with every slide type and follows the latest round', () => {
    const d = { ...newDraft(), name: 'Mới' };
    const { body, issues } = draftBody(d, INDICATORS);
    expect(issues).toEqual([]);
    expect(body.period).toBeNull();
    expect(new Set(body.slides.map((s) => s.type))).toEqual(new Set(['overview', 'top', 'bottom', 'indicator', 'movers', 'not_reported', 'budget']));
  });

  it('moves slides up and down, keeps them at the ends, adds and removes', () => {
    let d = draftOf(saved);
    const keys = d.slides.map((s) => s.key);
    d = moveSlide(d, 2, -1);
    expect(d.slides.map((s) => s.type)).toEqual(['overview', 'movers', 'indicator']);
    expect(d.slides.map((s) => s.key)).toEqual([keys[0], keys[2], keys[1]]);
    expect(moveSlide(d, 0, -1)).toBe(d);
    expect(moveSlide(d, 2, 1)).toBe(d);
    d = addSlide(d, 'budget');
    expect(d.slides.at(-1)?.type).toBe('budget');
    d = removeSlide(d, 0);
    expect(d.slides.map((s) => s.type)).toEqual(['movers', 'indicator', 'budget']);
  });

  it('changing a slide away from a ranking drops its indicator', () => {
    const d = patchSlide(draftOf(saved), 1, { type: 'top' });
    expect(draftBody(d, INDICATORS).body.slides[1]).toEqual({ type: 'top', seconds: 30 });
  });

  it('finds the mistakes before sending, in Vietnamese', () => {
    let d = { ...newDraft(), name: ' ', defaultSeconds: 'hai mươi' };
    d = patchSlide(d, 0, { seconds: '2,5' });
    d = addSlide(d, 'indicator');
    const { issues } = draftBody(d, INDICATORS);
    expect(issues.map((i) => i.message)).toEqual([
      'Tên danh sách trình chiếu không được để trống',
      'Thời gian mặc định mỗi trang phải từ 2 đến 600 giây (số nguyên)',
      'Trang 1: thời gian phải từ 2 đến 600 giây (số nguyên)',
      `Trang ${d.slides.length}: hãy chọn chỉ tiêu để xếp hạng`,
    ]);
  });

  it('the link is the full address on the server the admin is using', () => {
    expect(linkUrl('https://nq57.quangngai.gov.vn', '/trinh-chieu?token=abc&playlist=7')).toBe('https://nq57.quangngai.gov.vn/trinh-chieu?token=abc&playlist=7');
  });
});

describe('/trinh-chieu parameters', () => {
  it('reads a briefing link and the settings', () => {
    const token = 'A'.repeat(43);
    expect(parseBriefingParams(`?token=${token}&playlist=7&giay=2&ky=q3-2026&lam-moi=5`)).toEqual({
      token,
      playlistId: 7,
      seconds: 2,
      period: 'q3-2026',
      refreshSeconds: 5,
    });
  });

  it('ignores what is not valid instead of failing', () => {
    expect(parseBriefingParams('?token=x&playlist=-1&giay=0&ky=%3Cscript%3E&lam-moi=abc')).toEqual({
      token: null,
      playlistId: null,
      seconds: null,
      period: undefined,
      refreshSeconds: 60,
    });
  });

  it('?ky= wins over the playlist\'s round; neither = the latest', () => {
    expect(chosenPeriod('q2-2026', 'year-2025')).toBe('q2-2026');
    expect(chosenPeriod(undefined, 'year-2025')).toBe('year-2025');
    expect(chosenPeriod(undefined, null)).toBeUndefined();
  });
});
