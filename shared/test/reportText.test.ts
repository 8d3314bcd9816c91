import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { detectCommune, findReportDate, foldWithMap, joinWrappedLines, looksLikeLegacyFont, placeTones, segmentReport } from '../src/index';
import { REPORT_FILES, REPORTS_DIR, communes, reportsPresent } from './readerScore';

const sentencesOf = (text: string) => {
  const seg = segmentReport(text);
  return seg.sentences.map((s) => text.slice(seg.ft.at[s.start], seg.ft.at[s.end]).replace(/\s+/g, ' '));
};

describe('foldWithMap', () => {
  it('folds case and diacritics, maps each folded character back, whatever the composition', () => {
    const nfd = 'Trưởng thôn'.normalize('NFD');
    const ft = foldWithMap(nfd);
    expect(ft.folded).toBe('truong thon');
    expect(ft.at).toHaveLength(ft.folded.length + 1);
    expect(nfd.slice(ft.at[0], ft.at[6]).normalize('NFC')).toBe('Trưởng');
    expect(foldWithMap('Đồng  “A”').folded).toBe('dong  "a"');
  });

  it('keeps the diacritics in `marked`, aligned with `folded`, tone placed one way', () => {
    const ft = foldWithMap('Hoá đơn, thuỷ lợi, quý, hoàng, Đổi mới, mỗi, Tỉ lệ');
    expect(ft.folded).toBe('hoa don, thuy loi, quy, hoang, doi moi, moi, ti le');
    expect(ft.marked).toBe('hóa đơn, thủy lợi, quý, hoàng, đổi mới, mỗi, tỷ lệ');
    expect(placeTones('hoà thuận, xoè, khuỷu')).toBe('hòa thuận, xòe, khuỷu');
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (s) => {
        const { folded, marked } = foldWithMap(s);
        expect(marked.length).toBe(folded.length);
      }),
    );
  });

  it('the map is increasing and stays inside the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (s) => {
        const { folded, at } = foldWithMap(s.normalize(Math.random() < 0.5 ? 'NFD' : 'NFC'));
        expect(at).toHaveLength(folded.length + 1);
        for (let i = 1; i < at.length; i++) expect(at[i]).toBeGreaterThanOrEqual(at[i - 1]);
      }),
    );
  });
});

describe('segmentReport: sentences, headings, lead-ins', () => {
  it('joins lines wrapped mid-sentence (a blank line after each line, as the exports have it)', () => {
    const text = 'Trên 95% văn bản trao đổi giữa các cơ quan hành chính nhà nước được thực \n\nhiện dưới dạng điện tử có ký số. \n\n100% cán bộ, công chức được cấp tài khoản. \n\n- Kết quả triển khai sử dụng chữ ký số. \n\n';
    expect(sentencesOf(text)).toEqual([
      'Trên 95% văn bản trao đổi giữa các cơ quan hành chính nhà nước được thực hiện dưới dạng điện tử có ký số.',
      '100% cán bộ, công chức được cấp tài khoản.',
      '- Kết quả triển khai sử dụng chữ ký số.',
    ]);
  });

  it('keeps one paragraph per line in Word text, and splits after a full stop before a capital or a figure', () => {
    const text = 'Tổng số nhiệm vụ được giao: 17 nhiệm vụ. Số nhiệm vụ đã hoàn thành: 11 nhiệm vụ\nUBND xã thực hiện tốt. 100% văn bản được ký số.Việc triển khai tốt.';
    expect(sentencesOf(text)).toEqual([
      'Tổng số nhiệm vụ được giao: 17 nhiệm vụ.',
      'Số nhiệm vụ đã hoàn thành: 11 nhiệm vụ',
      'UBND xã thực hiện tốt.',
      '100% văn bản được ký số.',
      'Việc triển khai tốt.',
    ]);
  });

  it('a number inside a figure or a heading number is no sentence end', () => {
    expect(sentencesOf('5.1. Về phát triển hạ tầng số\n+ Đạt trên 86.6% và 3.781 hồ sơ. TP. Quảng Ngãi có nhiều xã.')).toEqual([
      '5.1. Về phát triển hạ tầng số',
      '+ Đạt trên 86.6% và 3.781 hồ sơ.',
      'TP. Quảng Ngãi có nhiều xã.',
    ]);
  });

  it('knows headings by depth and list lead-ins', () => {
    const seg = segmentReport('I. KẾT QUẢ\n1. Chính quyền số\n1.2. Hạ tầng\na) Dịch vụ công\n* Dịch vụ công một phần:\n- Tổng số: 233 TTHC\nKết quả học tập đến ngày 03/11/2025:\n+ Số học viên: 3.118 học viên');
    expect(seg.sentences.map((s) => `${s.heading}${s.introducer ? ':' : ''}${s.bullet}`)).toEqual(['1', '2', '3', '5', '6:', '0-', '0:', '0+']);
  });

  it('a wrapped heading ends at the capital that starts the next paragraph', () => {
    const text = '1. Công tác lãnh đạo, chỉ đạo điều hành về phát triển khoa học, công \n\nnghệ và chuyển đổi số \n\nUBND xã ban hành 04 Quyết định. \n\na) Kinh phí đầu tư năm 2025 \n\nSau sáp nhập, nhu cầu lớn. \n\n- Một dòng khác của danh sách, viết \n\ntiếp ở dòng sau. \n\n';
    expect(sentencesOf(text)).toEqual([
      '1. Công tác lãnh đạo, chỉ đạo điều hành về phát triển khoa học, công nghệ và chuyển đổi số',
      'UBND xã ban hành 04 Quyết định.',
      'a) Kinh phí đầu tư năm 2025',
      'Sau sáp nhập, nhu cầu lớn.',
      '- Một dòng khác của danh sách, viết tiếp ở dòng sau.',
    ]);
  });
});

describe('joinWrappedLines', () => {
  it('joins wrapped lines, one paragraph per line, and drops footnote markers and bodies', () => {
    const text = [
      'UBND xã ban hành 04 Quyết định và kiện toàn 14 Tổ công nghệ \n\nsố cộng đồng1 và nhiều văn bản chỉ đạo. \n\n',
      '                                                           \n',
      '1 - Quyết định số 09/QĐ-UBND ngày 01/7/2025 của Chủ tịch UBND xã. \n\n',
      '- Quyết định số 632/QĐ-UBND ngày 31/7/2025. \n\n \n\n\n\n',
      ' - Đẩy mạnh công tác tuyên truyền trên Trang thông tin điện tử https://mocay.quangngai.gov.vn. \n\n',
    ].join('');
    expect(joinWrappedLines(text)).toBe(
      'UBND xã ban hành 04 Quyết định và kiện toàn 14 Tổ công nghệ số cộng đồng và nhiều văn bản chỉ đạo.\n- Đẩy mạnh công tác tuyên truyền trên Trang thông tin điện tử https://mocay.quangngai.gov.vn.',
    );
  });

  it('drops Word footnotes written inline ("[footnoteRef:1]", "[1: …]")', () => {
    const text = 'Ban Thường vụ Đảng ủy xã đã ban hành 01 Quyết định[footnoteRef:1]; 01 Kế hoạch[footnoteRef:2]. [1:  Số 14-QĐ/ĐU, ngày 12/8/2025, Quy định thành lập Ban Chỉ đạo.]  [2:  Số 04-KH/ĐU, ngày 14/8/2025, Kế hoạch hành động.] \n- Phát động phong trào Bình dân học vụ số.';
    expect(joinWrappedLines(text)).toBe('Ban Thường vụ Đảng ủy xã đã ban hành 01 Quyết định; 01 Kế hoạch.\n- Phát động phong trào Bình dân học vụ số.');
  });

  it('gives NFC text and is idempotent', () => {
    const text = 'Trưởng thôn báo \n\ncáo kết quả.'.normalize('NFD');
    const once = joinWrappedLines(text);
    expect(once).toBe('Trưởng thôn báo cáo kết quả.');
    expect(joinWrappedLines(once)).toBe(once);
  });

  it.skipIf(!reportsPresent())('is idempotent on the real reports and keeps their figures', () => {
    for (const file of Object.values(REPORT_FILES)) {
      const text = readFileSync(new URL(file, REPORTS_DIR), 'utf8');
      const once = joinWrappedLines(text);
      expect(joinWrappedLines(once)).toBe(once);
      expect(once).toContain(file.includes('mo-cay') ? 'Tổng số lượng hồ sơ tiếp nhận: 3.781 hồ sơ; trong đó: tiếp nhận trực tuyến: 3.276 hồ sơ (chiếm 86.6%)' : 'UBND');
      expect(once).not.toMatch(/footnoteRef|cộng đồng1/);
    }
  });
});

describe('looksLikeLegacyFont', () => {
  it.each([
    ['TCVN3', 'Ch­¬ng tr×nh chuyÓn ®æi sè quèc gia, Uû ban nh©n d©n x· b¸o c¸o kÕt qu¶ thùc hiÖn nh­ sau'],
    ['VNI', 'Chöông trình chuyeån ñoåi soá quoác gia, UÛy ban nhaân daân xaõ baùo caùo keát quaû thöïc hieän nhö sau'],
  ])('flags %s mojibake', (_, text) => {
    expect(looksLikeLegacyFont(text)).toBe(true);
  });

  it.each([
    ['Unicode Vietnamese', 'Chương trình chuyển đổi số quốc gia, Ủy ban nhân dân xã báo cáo kết quả thực hiện như sau'],
    ['English', 'The commune reports its results as follows'],
    ['a stray sign', 'Kích thước 20 × 30 cm, nhiệt độ 25°C, «trích dẫn», Chương trình số'],
    ['empty', ''],
  ])('does not flag %s', (_, text) => {
    expect(looksLikeLegacyFont(text)).toBe(false);
  });

  it.skipIf(!reportsPresent())('does not flag the real reports', () => {
    for (const file of Object.values(REPORT_FILES)) expect(looksLikeLegacyFont(readFileSync(new URL(file, REPORTS_DIR), 'utf8'))).toBe(false);
  });
});

describe('detectCommune and findReportDate', () => {
  it('reads the header: "ỦY BAN NHÂN DÂN / XÃ …", "… , ngày"', () => {
    expect(detectCommune('ỦY BAN NHÂN DÂN\nXÃ XỐP\nSố: /BC-UBND\nXã  Xốp, ngày 06 tháng 12 năm 2025\nBÁO CÁO', communes)).toMatchObject({ code: '23356', name: 'Xã Xốp' });
    expect(detectCommune(' Số:         /BC-UBND Khánh Cường , ngày        tháng 12 năm 2025 \n\nBÁO CÁO', communes)).toMatchObject({ code: '21472' });
    expect(detectCommune('BÁO CÁO\nUBND xã Mỏ Cày báo cáo như sau. Gửi đến Văn phòng UBND tỉnh, số 52 Hùng Vương, xã Cẩm Thành. UBND xã Mỏ Cày kính báo cáo.', communes)).toMatchObject({ code: '21421' });
  });

  it('tells near-twin names apart by their marks, and asks when the marks are missing', () => {
    expect(detectCommune('ỦY BAN NHÂN DÂN\nXÃ BA TƠ\nBÁO CÁO', communes)).toMatchObject({ code: '21484', name: 'Xã Ba Tơ' });
    expect(detectCommune('ỦY BAN NHÂN DÂN\nXÃ BA TÔ\nBÁO CÁO', communes)).toMatchObject({ code: '21523', name: 'Xã Ba Tô' });
    expect(detectCommune('UY BAN NHAN DAN\nXA SON HA\nBAO CAO', communes)).toBeNull();
    expect(detectCommune('ỦY BAN NHÂN DÂN XÃ ĐĂK TỜ KAN\nBÁO CÁO', communes)).toMatchObject({ name: 'Xã Đăk Tờ Kan' });
  });

  it('null when no commune is named, or two equally', () => {
    expect(detectCommune('Báo cáo kết quả chuyển đổi số năm 2025.', communes)).toBeNull();
    expect(detectCommune('UBND xã Xốp và UBND xã Mỏ Cày báo cáo chung.', communes)).toBeNull();
  });

  it('the date the report is signed, or null when the day is left blank', () => {
    expect(findReportDate('Xã  Xốp, ngày 06 tháng 12 năm 2025')).toBe('2025-12-06');
    expect(findReportDate('Khánh Cường , ngày        tháng 12 năm 2025')).toBeNull();
  });

  it.skipIf(!reportsPresent())('recognises the three real reports', () => {
    for (const [code, file] of Object.entries(REPORT_FILES)) {
      expect(detectCommune(readFileSync(new URL(file, REPORTS_DIR), 'utf8'), communes)?.code).toBe(code);
    }
  });
});
