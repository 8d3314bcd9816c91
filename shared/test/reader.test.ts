import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { formatNumber, joinWrappedLines, parseViNumber, readReport, type Candidate, type ReadOptions } from '../src/index';
import { REPORT_FILES, REPORTS_DIR, communes, ratio, readerCatalogue, realFigures, reportsPresent, scoreReport, scoreSynthetic, syntheticReports, syntheticText } from './readerScore';

// The cues come from the catalogue that ships (seed/catalogue.json), as the API will load them.
const read = (text: string, opts: ReadOptions = {}) => readReport(text, readerCatalogue, { year: 2025, ...opts });

/** "element=value", "~" when hedged, "@date" when dated: short enough to compare whole lists. */
const short = (c: Pick<Candidate, 'element' | 'value' | 'approximate' | 'asOf'>) =>
  `${c.element}=${c.value}${c.approximate ? '~' : ''}${c.asOf ? '@' + c.asOf : ''}`;
const figures = (text: string, opts: ReadOptions = {}) => read(text, opts).candidates.map(short).sort();

/** Every candidate points at its figure inside its sentence, and the figure reads back to its value. */
function expectTraceable(text: string, candidates: Candidate[]) {
  for (const c of [...candidates, ...candidates.flatMap((x) => (x.alternatives ?? []).map((a) => ({ ...a, element: x.element })))]) {
    expect(text.slice(c.quoteStart, c.quoteEnd)).toBe(c.quote);
    expect(c.quoteStart).toBeLessThanOrEqual(c.start);
    expect(c.start).toBeLessThan(c.end);
    expect(c.end).toBeLessThanOrEqual(c.quoteEnd);
    if (c.source === 'sum') {
      expect(c.parts!.reduce((s, p) => s + p.value, 0)).toBe(c.value);
      for (const p of c.parts!) expect(parseViNumber(text.slice(p.start, p.end))?.value).toBe(p.value);
    } else {
      expect(parseViNumber(text.slice(c.start, c.end))).toEqual({ value: c.value, approximate: c.approximate });
    }
  }
}

describe('readReport: number forms', () => {
  it.each([
    ['Tổng số lượng hồ sơ tiếp nhận: 3.781 hồ sơ.', ['dossiers_received=3781']],
    ['Tỷ lệ hồ sơ được số hóa đạt 97,4%.', ['dossiers_digitised_pct=97.4']],
    ['Tỷ lệ thanh toán trực tuyến đạt 86.6%.', ['online_payment_pct=86.6']],
    ['UBND xã đã phân công 01 công chức chuyên trách về công tác chuyển đổi số.', ['it_staff=1']],
    ['Đăng ký vốn triển khai Nghị quyết số 57: 5.687,4 triệu đồng.', ['budget_requested_vnd=5687400000']],
    ['Nhu cầu kinh phí năm 2026 với tổng kinh phí là 7.630.404.000 đồng, từ nguồn ngân sách tỉnh.', ['budget_requested_vnd=7630404000']],
    ['Xã đề xuất kinh phí 100.000.000đ cho năm 2026.', ['budget_requested_vnd=100000000']],
    ['Kinh phí đề xuất thực hiện năm 2026 là 1,2 tỷ.', ['budget_requested_vnd=1200000000']],
    ['Nhu cầu kinh phí năm 2026 là 2 tỷ 350 triệu đồng.', ['budget_requested_vnd=2350000000']],
    ['Tổng số hồ sơ tiếp nhận: 3 781 hồ sơ.', ['dossiers_received=3781']],
    ['Thành lập Tổ công nghệ số cộng đồng xã và 14 Tổ công nghệ số cộng đồng tại 14 thôn.', ['cdt_village_teams=14', 'villages=14']],
    ['Phong trào Bình dân học vụ số: số học viên tham gia: 3.118 học viên, xếp hạng 7/96 xã.', ['bdhvs_learners=3118']],
    ['Phát triển hạ tầng viễn thông băng rộng di động đạt trên 90%.', ['mobile_broadband_pct=90~']],
    ['Trên nền tảng Bình dân học vụ số có gần 56.000 học viên.', ['bdhvs_learners=56000~']],
    ['Duy trì 14 Tổ công nghệ số cộng đồng với hơn 80 thành viên.', ['cdt_members=80~', 'cdt_village_teams=14']],
    ['Với chi phí đầu tư khoảng 479.000.000 đồng, nhưng chưa có kinh phí để chi trả.', ['budget_spent_unfunded_vnd=479000000~']],
  ])('%s', (text, expected) => {
    expect(figures(text)).toEqual([...expected].sort());
    expectTraceable(text, read(text).candidates);
  });

  it('a pair "a/b" gives both elements, and the rate beside it is not proposed (it is computed)', () => {
    const text = 'Tổng số hồ sơ đã giải quyết: 3.681 hồ sơ; trong đó giải quyết trước hạn, đúng hạn: 3.679/3.681 hồ sơ (chiếm 99,95%).';
    expect(figures(text)).toEqual(['dossiers_on_time=3679', 'dossiers_resolved=3681']);
    const den = 'Qua đánh giá theo Kế hoạch số 02, UBND xã hoàn thành 29/34 tiêu chí, đạt 85,3%.';
    expect(figures(den)).toEqual(['kh02_criteria_met=29', 'kh02_criteria_total=34']);
    expect(read(den).candidates.find((c) => c.element === 'kh02_criteria_total')!.source).toBe('denominator');
  });

  it('the counts beside their rate are proposed, not the rate', () => {
    const text = 'Tổng số lượng hồ sơ tiếp nhận: 3.781 hồ sơ; trong đó: tiếp nhận trực tuyến: 3.276 hồ sơ (chiếm 86.6%), tiếp nhận trực tiếp và dịch vụ bưu chính: 505 hồ sơ (chiếm 13.4%).';
    expect(figures(text)).toEqual(['dossiers_online=3276', 'dossiers_received=3781']);
  });

  it('a figure written without its noun takes the noun the sentence gave', () => {
    expect(figures('Tổng số hồ sơ tiếp nhận: 1.234; trực tuyến: 1.100.')).toEqual(['dossiers_online=1100', 'dossiers_received=1234']);
  });

  it('parts of one element in one sentence add up, unless one is the total of the others', () => {
    const parts = 'Tổng số chứng thư số đã cấp cho các cơ quan, đơn vị: 05 chứng thư số và cấp cho các cán bộ, công chức: 33 chứng thư số.';
    const [c] = read(parts).candidates;
    expect(short(c)).toBe('digital_certificates=38');
    expect(c.source).toBe('sum');
    expect(c.parts!.map((p) => parts.slice(p.start, p.end))).toEqual(['05', '33']);
    expectTraceable(parts, [c]);
    expect(figures('Tổng số chứng thư số: 40, gồm 07 chứng thư số của tổ chức và 33 chứng thư số của cá nhân.')).toEqual(['digital_certificates=40']);
  });
});

describe('readReport: as-of dates', () => {
  it('reads "tính đến ngày", "đến ngày" without a year (year from the options), "đến tháng"', () => {
    expect(figures('Tính đến ngày 11/11/2025, có 2.450 học viên tham gia Bình dân học vụ số.')).toEqual(['bdhvs_learners=2450@2025-11-11']);
    expect(figures('Đến ngày 18/11, nền tảng Bình dân học vụ số có 4.365 học viên.', { year: 2025 })).toEqual(['bdhvs_learners=4365@2025-11-18']);
    expect(figures('Tính đến tháng 11/2025, xã có 5.200 học viên trên nền tảng Bình dân học vụ số.')).toEqual(['bdhvs_learners=5200@2025-11-30']);
  });

  it('takes the year of a date written without one from the report header when not given', () => {
    const text = 'Xã Xốp, ngày 06 tháng 12 năm 2025\nĐến ngày 18/11, nền tảng Bình dân học vụ số có 4.365 học viên.';
    expect(readReport(text, readerCatalogue).candidates.map(short)).toEqual(['bdhvs_learners=4365@2025-11-18']);
  });

  it('a date in the heading or the list lead-in dates the figures under it', () => {
    const text = [
      'a) Tình hình tiếp nhận, giải quyết TTHC (từ ngày 01/7/2025 đến ngày 30/10/2025)',
      '- Tổng số lượng hồ sơ tiếp nhận: 3.781 hồ sơ.',
      '- Phát động phong trào Bình dân học vụ số. Kết quả học tập đến ngày 03/11/2025:',
      '+ Số học viên tham gia: 3.118 học viên',
    ].join('\n');
    expect(figures(text)).toEqual(['bdhvs_learners=3118@2025-11-03', 'dossiers_received=3781@2025-10-30']);
  });

  it('"đến thời điểm báo cáo" is the date the report is signed', () => {
    const text = 'Xã Xốp, ngày 06 tháng 12 năm 2025\n2. Kết quả thực hiện Nghị quyết 71/NQ-CP:\nKết quả đến thời điểm báo cáo như sau: Tổng số nhiệm vụ được giao: 17 nhiệm vụ.';
    expect(readReport(text, readerCatalogue).candidates.map(short)).toEqual(['nq71_tasks_assigned=17@2025-12-06']);
  });
});

describe('readReport: a figure given twice', () => {
  it('proposes the latest by date and lists the other as an alternative', () => {
    const text = [
      '- Phát động phong trào Bình dân học vụ số. Kết quả học tập đến ngày 03/11/2025:',
      '+ Số học viên tham gia: 3.118 học viên, xếp hạng 7/96 xã',
      'Nhằm tiếp tục triển khai Bình dân học vụ số, UBND xã gia hạn đến hết ngày 20/11/2025. Kết quả học tập đến ngày 18/11/2025 như sau:',
      '+ Số học viên tham gia: 4.365 học viên, xếp hạng 11/96 xã',
    ].join('\n');
    const [c] = read(text).candidates;
    expect(short(c)).toBe('bdhvs_learners=4365@2025-11-18');
    expect(c.alternatives![0]).toMatchObject({ value: 3118, asOf: '2025-11-03' });
    expectTraceable(text, [c]);
  });

  it('undated: the later in the text, the other as an alternative; the same value twice is one proposal', () => {
    const text = 'Trên 95% văn bản trao đổi giữa các cơ quan được thực hiện dưới dạng điện tử có ký số. Các đơn vị thực hiện tốt. 100% văn bản điện tử được ký số (trừ văn bản mật).';
    const [c] = read(text).candidates;
    expect(short(c)).toBe('esigned_docs_pct=100');
    expect(c.alternatives).toMatchObject([{ value: 95, approximate: true }]);
    const twice = 'Tổng số hồ sơ số hóa TTHC khi tiếp nhận đạt 100%. Tổng số hồ sơ số hóa kết quả giải quyết TTHC đạt 100%.';
    const got = read(twice).candidates;
    expect(got.map(short)).toEqual(['dossiers_digitised_pct=100']);
    expect(got[0].alternatives).toBeUndefined();
  });

  it('a figure stated outright wins over the same element read off a pair', () => {
    const text = 'Tổng số lượng hồ sơ tiếp nhận: 3.781 hồ sơ. Tổng số hồ sơ đã giải quyết: 3.681/3.750 hồ sơ.';
    const got = read(text).candidates;
    expect(got.map(short).sort()).toEqual(['dossiers_received=3781', 'dossiers_resolved=3681']);
    expect(got.find((c) => c.element === 'dossiers_received')!.alternatives).toMatchObject([{ value: 3750, source: 'denominator' }]);
  });
});

describe('readReport: the traps of the data (issue 11), nothing proposed', () => {
  it.each([
    // money allocated or spent is not money requested
    ['Năm 2025 xã đã được cấp 350 triệu đồng cho chuyển đổi số.'],
    ['Kinh phí được phân bổ năm 2025: 300.000.000 đồng.'],
    ['Tổng kinh phí đã giải ngân 500 triệu đồng.'],
    ['UBND xã đã đầu tư 200 triệu đồng mua sắm thiết bị.'],
    ['Kinh phí thực hiện năm 2025 là 250 triệu đồng.'],
    // people at an event are not course learners
    ['Lễ ra quân phong trào Bình dân học vụ số thu hút 300 người tham gia.'],
    ['Ngày 20/10/2025, tổ chức lễ phát động phong trào Bình dân học vụ số với 150 người tham gia.'],
    ['Tổ chức 05 lớp tập huấn Bình dân học vụ số cho 250 học viên.'],
    ['Tổ chức 03 buổi tuyên truyền tại các thôn với tổng số trên 500 lượt người tham dự.'],
    // a share is not a count
    ['100% các cơ quan, đơn vị được cấp chứng thư chữ ký số và mail công vụ.'],
    ['100% cán bộ, công chức liên quan đến giải quyết TTHC được cấp chứng thư số chuyên dùng để thực hiện số hóa hồ sơ.'],
    ['100% cán bộ, công chức sử dụng chữ ký số chuyên dùng, văn bản điện tử.'],
    // dates and document numbers are never figures
    ['Quyết định số 846/QĐ-UBND ngày 12/8/2025 về việc thành lập Tổ công nghệ số cộng đồng.'],
    ['Kế hoạch hành động số 08-KH/ĐU ngày 15/8/2025 về thực hiện Nghị quyết số 57-NQ/TW.'],
    ['Đăng ký vốn triển khai Nghị quyết số 57 và Kế hoạch số 02/KH-BCĐTW.'],
    ['Theo quy định tại Điều 25, 26 và 27 của Luật An toàn thông tin mạng về hồ sơ.'],
    ['Ngày 06 tháng 12 năm 2025, xã tiếp nhận hồ sơ.'],
    ['Tỷ lệ hồ sơ tiếp nhận giai đoạn 2021-2025.'],
    // the population and area of the commune are not catalogue figures
    ['Sau sáp nhập, xã Khánh Cường có tổng dân số trên 18.009 người, nên nhu cầu thực hiện thủ tục hành chính lớn.'],
    ['Dân số toàn xã khoảng 12.500 người, diện tích tự nhiên 85,3 km2.'],
    // rates are computed from counts, never taken as written
    ['Tỷ lệ giải quyết TTHC đúng hẹn, trước hẹn đạt 99,9%.'],
    ['Tỷ lệ hồ sơ trực tuyến đạt 86,6%.'],
    // targets are not results
    ['Phấn đấu đến năm 2026, 100% hồ sơ được số hóa.'],
    ['Phấn đấu đạt các chỉ tiêu:\n+ Đối với CBCCVC: Đến hết ngày 20/11/2025, 100% CBCCVC tham gia khóa học Bình dân học vụ số và được cấp chứng nhận.'],
    // ranks, phone numbers, headings
    ['Bình dân học vụ số: xếp hạng 11/96 xã.'],
    ['Số điện thoại chuyên dùng: 0382.234.000 (Trung tâm Phục vụ hành chính công xã).'],
    ['6.2. Tiếp nhận, giải quyết thủ tục hành chính, hồ sơ'],
    // in-progress and withdrawn dossiers are none of the elements
    ['Tổng số hồ sơ đang giải quyết: 66/3.781 hồ sơ (chiếm 1,75%); trong đó: hồ sơ đang giải quyết trong hạn: 66/66 hồ sơ, hồ sơ đang giải quyết nhưng quá hạn: 0 hồ sơ.'],
    ['Tổng số hồ sơ cá nhân, tổ chức rút hồ sơ: 34 hồ sơ.'],
    // requested certificates are not issued ones
    ['Đã đề nghị cấp chứng thư số chuyên dùng cho 06 tổ chức và 25 cá nhân do Ban Cơ yếu Chính phủ cấp.'],
    // a part after "Trong đó" is not the total; one village's figure is not the commune's
    ['Trong đó: Người hoạt động không chuyên trách CNTT: 01 người; Phụ trách chuyển đổi số kiêm nhiệm: 01 người.'],
    ['Thôn 3 có 45 người tham gia học Bình dân học vụ số.'],
    // an earlier year's figure; a Steering Committee's members are not the teams'
    ['Năm 2024, xã tiếp nhận 1.986 hồ sơ.'],
    ['UBND xã thành lập Ban Chỉ đạo với 21 đồng chí; Ban Chỉ đạo gồm 15 thành viên.'],
    ['Tổ chức 01 lớp tập huấn cho các Tổ công nghệ số cộng đồng.'],
    // another scope than the commune's total: the province, one field, per unit, an allocation
    ['Toàn tỉnh có 1.500 Tổ công nghệ số cộng đồng.'],
    ['Mỗi Tổ công nghệ số cộng đồng có 8 thành viên.'],
    ['Lĩnh vực hộ tịch tiếp nhận 640 hồ sơ.'],
    ['Dự toán được giao năm 2026: 500 triệu đồng cho chuyển đổi số.'],
    ['Thành lập 15 Tổ công nghệ số cộng đồng (01 tổ cấp xã, 14 tổ ở thôn).'],
    // a target governs its whole list
    ['Phấn đấu 100% hồ sơ được số hóa, 100% văn bản được ký số.'],
    // "đặt ra" (set) is not "đạt" (reached), though the letters are the same without their marks
    ['Kế hoạch số 02-KH/BCĐTW đặt ra 34 tiêu chí cho cấp xã.'],
    // teams trained are not the number of teams; another kind of "tổ"; 4G and 5G together
    ['Tổ chức 14 lớp tập huấn cho 14 Tổ công nghệ số cộng đồng.'],
    ['Tổ công nghệ số cộng đồng phối hợp với 14 tổ bảo vệ an ninh trật tự.'],
    ['Tỷ lệ phủ sóng 4G/5G đạt 100%.'],
    ['Toàn tỉnh có 150.000 học viên Bình dân học vụ số, xã đứng thứ 7.'],
    // found by the audit: words between "được" and "giao"; a target said as "chỉ tiêu (được) giao"
    ['Dự toán kinh phí chuyển đổi số năm 2026 được UBND tỉnh giao là 900 triệu đồng.'],
    ['Chỉ tiêu được giao năm 2025: 95% hồ sơ được số hóa.'],
    ['Chỉ tiêu giao: 3.000 học viên Bình dân học vụ số; kết quả chưa đạt.'],
    // money allocated, approved or this year's, said other ways
    ['Dự toán năm 2026 tỉnh giao cho xã để thực hiện chuyển đổi số là 600 triệu đồng.'],
    ['Dự toán năm 2025 đã giao 700 triệu đồng, xã thực hiện đạt 95%.'],
    ['Dự toán được duyệt năm 2026 là 900 triệu đồng.'],
    ['Xã đã đề xuất và được tỉnh cấp 500 triệu đồng.'],
    ['Dự toán chi chuyển đổi số năm 2025 là 300 triệu đồng, đã giải ngân 100%.'],
    // people at a contest or in a few classes are not the platform's learners
    ['Chương trình Bình dân học vụ số thu hút 2.000 lượt học viên tham gia hội thi.'],
    ['Hội thi Bình dân học vụ số có 250 học viên tham gia.'],
    ['Mở 10 lớp Bình dân học vụ số với 300 học viên.'],
    // targets, pledges and plans, a later year, a share of the plan
    ['Chỉ tiêu tỉnh giao năm 2025: 4.000 học viên Bình dân học vụ số.'],
    ['Kế hoạch giao năm 2025: 85% hồ sơ tiếp nhận trực tuyến, 90% hồ sơ được số hóa.'],
    ['Xã được giao chỉ tiêu 2.500 học viên Bình dân học vụ số.'],
    ['Chỉ tiêu năm 2025 là 100% hồ sơ được số hóa.'],
    ['Chỉ tiêu được giao: 70% hộ gia đình có internet cáp quang.'],
    ['Đăng ký thi đua năm 2025: 100% hồ sơ được số hóa.'],
    ['Xã cam kết đến cuối năm có 90% văn bản được ký số.'],
    ['Đến năm 2026, 100% hồ sơ được số hóa.'],
    ['Năm 2026, xã tiếp nhận khoảng 4.000 hồ sơ.'],
    ['Xã sẽ thành lập 5 Tổ công nghệ số cộng đồng.'],
    ['Kế hoạch năm 2026: thành lập thêm 3 Tổ công nghệ số cộng đồng.'],
    ['Tỷ lệ hồ sơ được số hóa đạt 100% so với kế hoạch.'],
    // a change is not a level; new teams are not all the teams
    ['Tỷ lệ phủ sóng di động 4G tăng 5%.'],
    ['Hộ gia đình có cáp quang tăng 12%.'],
    ['Trong năm 2025, xã thành lập mới 3 Tổ công nghệ số cộng đồng, nâng tổng số lên 14 tổ.'],
    // percentages of another base: people or households paying, villages or land reached by fibre
    ['Tỷ lệ người dân thanh toán trực tuyến đạt 60%.'],
    ['Tỷ lệ hộ gia đình thanh toán trực tuyến đạt 45%.'],
    ['100% thôn có cáp quang.'],
    ['Tỷ lệ thôn có internet cáp quang đạt 100%.'],
    ['Cáp quang đã phủ đến 100% địa bàn xã.'],
  ])('%s', (text) => {
    expect(figures(text)).toEqual([]);
  });

  it('counts of one level of online service are not the totals (heading "một phần")', () => {
    const text = [
      'c) Về chất lượng cung cấp DVCTT trên Cổng DVCQG:',
      '* Dịch vụ công trực tuyến một phần:',
      '- Tổng số thủ tục hành chính đã cung cấp: 233 TTHC',
      '- Tổng số hồ sơ đã tiếp nhận: 2.858 hồ sơ; trong đó: tiếp nhận trực tuyến: 2.458/2.858 hồ sơ (chiếm 86%).',
      '* Dịch vụ công trực tuyến toàn trình:',
      '- Tổng số thủ tục hành chính đã cung cấp: 143 TTHC',
    ].join('\n');
    expect(figures(text)).toEqual(['procedures_full_online=143', 'procedures_partial_online=233']);
  });

  it('the members of the commune-level team alone are a part of cdt_members (all teams), not proposed', () => {
    const res = read('Thành lập 01 Tổ công nghệ số cộng đồng cấp xã gồm 15 thành viên.');
    expect(res.candidates).toEqual([]);
    expect(res.warnings.join(' ')).toContain('chỉ là một phần của chỉ tiêu cdt_members');
    expect(figures('Tổ công nghệ số cộng đồng xã có 12 thành viên.')).toEqual([]);
    // the village teams' members alone are still read (Mỏ Cày: "14 Tổ … /14 thôn, với 112 thành viên")
    expect(figures('Duy trì 14 Tổ công nghệ số cộng đồng ở thôn với 98 thành viên.')).toEqual(['cdt_members=98', 'cdt_village_teams=14']);
  });

  it('two values for one element in one sentence: neither, with a warning', () => {
    const res = read('Có 2 công chức phụ trách CNTT, 1 công chức phụ trách văn hóa.');
    expect(res.candidates).toEqual([]);
    expect(res.warnings.join(' ')).toContain('nêu nhiều số cho cùng một chỉ tiêu (it_staff: 2, 1)');
  });

  it('a list of village kinds gives no total; a pair "a/b thôn" does', () => {
    expect(figures('Xã có 12 thôn, 3 tổ dân phố.')).toEqual([]);
    expect(figures('Xã có 12 thôn.')).toEqual(['villages=12']);
    expect(figures('Lồng ghép tuyên truyền trong ngày hội đại đoàn kết 11/11 thôn, với 904 lượt người tiếp cận.')).toEqual(['villages=11']);
    expect(figures('Tổ chức tuyên truyền tại 5 thôn.')).toEqual([]);
  });

  it('a text in an old font (TCVN3, VNI) is flagged and never read', () => {
    const tcvn3 = 'Tæng sè hå s¬ tiÕp nhËn: 3.781 hå s¬; trong ®ã tiÕp nhËn trùc tuyÕn 3.276 hå s¬. Ch­¬ng tr×nh chuyÓn ®æi sè cña x·.';
    const res = read(tcvn3);
    expect(res.candidates).toEqual([]);
    expect(res.warnings[0]).toContain('phông chữ cũ (TCVN3 hoặc VNI)');
    expect(read('Toång soá hoà sô tieáp nhaän: 3.781 hoà sô; Chöông trình chuyeån ñoåi soá cuûa xaõ.').candidates).toEqual([]);
  });

  it('an empty text is said so', () => {
    expect(read('  \n ').warnings).toEqual(['Văn bản trống: không có chữ nào để đọc.']);
  });
});

// Real sentences said another way, with other words and number forms: the reader must not rely
// on the three reports' exact wording.
describe('readReport: words are read with their diacritics', () => {
  it('"đổi mới" is not "mỗi" (per unit), whatever the folding would say', () => {
    expect(figures('Nhu cầu kinh phí đổi mới sáng tạo năm 2026 là 1,5 tỷ đồng.')).toEqual(['budget_requested_vnd=1500000000']);
    expect(figures('Duy trì 20 Tổ công nghệ số cộng đồng với 142 thành viên; mỗi tổ từ 5 đến 9 thành viên.')).toEqual(['cdt_members=142', 'cdt_village_teams=20']);
  });

  it('old and new tone placement and i/y spellings read alike', () => {
    expect(figures('Tỉ lệ số hoá hồ sơ đạt 98%.')).toEqual(['dossiers_digitised_pct=98']);
    expect(figures('Tỷ lệ số hóa hồ sơ đạt 98%.')).toEqual(['dossiers_digitised_pct=98']);
    expect(figures('Tỷ lệ số hóa hồ sơ đạt 98%.'.normalize('NFD'))).toEqual(['dossiers_digitised_pct=98']);
  });
});

describe('readReport: paraphrases of real sentences', () => {
  it.each([
    ['Tính đến ngày 15/12/2025, toàn xã có 2.450 người tham gia học trên nền tảng Bình dân học vụ số, trong đó 1.120 người đã được cấp giấy chứng nhận.', ['bdhvs_certificates=1120@2025-12-15', 'bdhvs_learners=2450@2025-12-15']],
    ['Số hồ sơ tiếp nhận trong kỳ là 1.254 hồ sơ, trong đó nộp trực tuyến 1.003 hồ sơ, đạt 80%.', ['dossiers_online=1003', 'dossiers_received=1254']],
    ['Trong kỳ, Trung tâm tiếp nhận 2.310 hồ sơ, đã giải quyết 2.298 hồ sơ, trong đó đúng hạn 2.290 hồ sơ, trễ hạn 8 hồ sơ.', ['dossiers_late=8', 'dossiers_on_time=2290', 'dossiers_received=2310', 'dossiers_resolved=2298']],
    ['Đã chi 120.000.000đ để mua máy tính nhưng chưa được bố trí kinh phí.', ['budget_spent_unfunded_vnd=120000000']],
    ['Xã có 9/9 thôn thành lập Tổ công nghệ số cộng đồng với 63 thành viên.', ['cdt_members=63', 'cdt_village_teams=9', 'villages=9']],
    ['Có 14/16 thôn đã thành lập Tổ công nghệ số cộng đồng.', ['cdt_village_teams=14', 'villages=16']],
    ['Theo Quyết định số 846/QĐ-UBND ngày 12/8/2025, UBND xã thành lập 12 Tổ công nghệ số cộng đồng.', ['cdt_village_teams=12']],
    ['Hạ tầng mạng di động 4G phủ sóng gần 95% dân cư.', ['mobile_broadband_pct=95~']],
    ['Tỷ lệ phủ sóng 5G đạt 45%, tỷ lệ hộ gia đình có internet cáp quang đạt 70%.', ['coverage_5g_pct=45', 'fixed_broadband_pct=70']],
    ['Đến ngày 30/11/2025, xã đã hoàn thành 30/34 tiêu chí theo Kế hoạch 02-KH/BCĐTW.', ['kh02_criteria_met=30@2025-11-30', 'kh02_criteria_total=34@2025-11-30']],
    ['Tổng số tiêu chí theo Kế hoạch 02: 34 tiêu chí, đã đạt 29 tiêu chí.', ['kh02_criteria_met=29', 'kh02_criteria_total=34']],
    ['Số thủ tục hành chính cung cấp dịch vụ công trực tuyến toàn trình là 150 thủ tục; một phần là 240 thủ tục.', ['procedures_full_online=150', 'procedures_partial_online=240']],
    ['Có 120 dịch vụ công trực tuyến mức độ 4 và 85 dịch vụ công mức độ 3.', ['procedures_full_online=120', 'procedures_partial_online=85']],
    ['Xã được giao 20 nhiệm vụ theo Nghị quyết 71/NQ-CP, đã hoàn thành 15 nhiệm vụ, 5 nhiệm vụ đang triển khai.', ['nq71_tasks_assigned=20', 'nq71_tasks_done=15']],
    ['Đã hoàn thành 11/17 nhiệm vụ được giao tại Nghị quyết số 71/NQ-CP.', ['nq71_tasks_assigned=17', 'nq71_tasks_done=11']],
    ['Đã cấp 12 chứng thư số cho tổ chức và 45 chứng thư số cho cá nhân.', ['digital_certificates=57']],
    ['Hiện có 03 công chức phụ trách công nghệ thông tin, chuyển đổi số.', ['it_staff=3']],
    ['Tỷ lệ thanh toán trực tuyến trên Cổng dịch vụ công đạt trên 85%.', ['online_payment_pct=85~']],
    ['Tỷ lệ văn bản đi được ký số đạt 98%.', ['esigned_docs_pct=98']],
    ['Nhu cầu kinh phí năm 2026: 850 triệu đồng.', ['budget_requested_vnd=850000000']],
    ['Đề nghị tỉnh hỗ trợ 2 tỷ đồng để đầu tư hạ tầng số.', ['budget_requested_vnd=2000000000']],
    ['Tổng kinh phí dự kiến năm 2026 là 3,5 tỷ đồng.', ['budget_requested_vnd=3500000000']],
    ['Có 1.500 người dân tham gia khóa học Bình dân học vụ số, 900 người hoàn thành và được cấp giấy chứng nhận.', ['bdhvs_certificates=900', 'bdhvs_learners=1500']],
    ['Tổ công nghệ số cộng đồng xã gồm 09 thành viên; các tổ ở thôn có 98 thành viên.', ['cdt_members=107']],
    ['Năm 2025 tiếp nhận 3.781 hồ sơ, năm 2024 tiếp nhận 3.200 hồ sơ.', ['dossiers_received=3781']],
    ['Tổ công nghệ số cộng đồng: 14 tổ/14 thôn; 98 thành viên.', ['cdt_members=98', 'cdt_village_teams=14', 'villages=14']],
    ['UBND xã đã thành lập 14 Tổ công nghệ số cộng đồng, trong đó 13 tổ hoạt động hiệu quả.', ['cdt_village_teams=14']],
    ['Tỷ lệ hộ gia đình có cáp quang: 70% (tăng 5% so với năm 2024).', ['fixed_broadband_pct=70']],
    ['Đề nghị UBND tỉnh hỗ trợ kinh phí 500 triệu đồng để xây dựng hạ tầng số.', ['budget_requested_vnd=500000000']],
    // what the traps' rules must leave: results against the targets, a level reached, next year's request
    ['Kết quả thực hiện các chỉ tiêu được giao: tỷ lệ hồ sơ được số hóa đạt 98%.', ['dossiers_digitised_pct=98']],
    ['Tỷ lệ hộ gia đình có cáp quang tăng lên 75%.', ['fixed_broadband_pct=75']],
    ['Nhu cầu kinh phí chuyển đổi số năm 2026 đề nghị tỉnh hỗ trợ: 1,5 tỷ đồng.', ['budget_requested_vnd=1500000000']],
    ['Tổ công nghệ số cộng đồng cấp xã gồm 15 thành viên, 14 tổ ở thôn có 98 thành viên.', ['cdt_members=113']],
  ])('%s', (text, expected) => {
    expect(figures(text)).toEqual([...expected].sort());
  });
});

describe('readReport: properties', () => {
  const sentences = [
    'Tổng số lượng hồ sơ tiếp nhận: 3.781 hồ sơ; trong đó: tiếp nhận trực tuyến: 3.276 hồ sơ (chiếm 86.6%).',
    'Tổng số hồ sơ đã giải quyết: 3.681/3.781 hồ sơ (chiếm 97,4%); trong đó: giải quyết trước hạn, đúng hạn: 3.679/3.681 hồ sơ (chiếm 99,95%), đã giải quyết nhưng quá hạn 02/3.681 hồ sơ (chiếm 0,05%).',
    'Tổng số chứng thư số đã cấp cho các cơ quan, đơn vị: 05 chứng thư số và cấp cho các cán bộ, công chức: 33 chứng thư số.',
    'Phát triển Hạ tầng viễn thông băng rộng di động đạt trên 90%.',
    'Đăng ký vốn triển khai Nghị quyết số 57 và Kế hoạch số 02/KH-BCĐTW: 5.687,4 triệu đồng.',
    'Duy trì và hoạt động có hiệu quả 14 Tổ công nghệ số cộng đồng/14 thôn, với 112 thành viên giúp Ban chỉ đạo xã triển khai Nghị quyết số 57-NQ/TW.',
    'Với chi phí đầu tư khoảng 479.000.000 đồng (bằng chữ: Bốn trăm bảy mươi chín triệu đồng), nhưng chưa có kinh phí để chi trả.',
    'Tính đến ngày 18/11/2025, nền tảng Bình dân học vụ số có 4.365 học viên, 16.275 chuyên đề hoàn thành, 2.993 giấy chứng nhận.',
    'Qua đánh giá theo kế hoạch số 02 (đến ngày 28/12/2025), UBND xã hoàn thành 29/34 tiêu chí, đạt 85,3%.',
    'Tổ chức 03 buổi tuyên truyền tại các thôn với tổng số trên 500 lượt người tham dự.',
  ];
  const words = ['hồ sơ', 'tiếp nhận', 'trực tuyến', '%', 'đồng', 'triệu', '/', 'Quyết định số', 'ngày', 'thôn', 'tiêu chí', ',', ';', '.', '\n', 'trên', 'gần'];
  const noise = fc.array(fc.oneof(fc.constantFrom(...words), fc.integer({ min: 0, max: 99999 }).map((n) => formatNumber(n))), { maxLength: 30 }).map((xs) => xs.join(' '));

  it('every candidate lies in its sentence and reads back to its value, whatever the text', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...sentences), noise), { minLength: 1, maxLength: 8 }), fc.constantFrom('\n', '\n\n', ' '), (parts, sep) => {
        const text = parts.join(sep);
        expectTraceable(text, read(text).candidates);
      }),
      { numRuns: 300 },
    );
  });

  it('a document number is never a figure, whatever its number and kind', () => {
    const doc = fc.record({
      kind: fc.constantFrom('Quyết định', 'Kế hoạch', 'Công văn', 'Nghị quyết', 'Thông báo', 'Kế hoạch hành động'),
      n: fc.integer({ min: 1, max: 9999 }),
      sign: fc.constantFrom('/QĐ-UBND', '-KH/ĐU', '/NQ-CP', '/UBND-VX', '/KH-BCĐTW', '-NQ/TW', '/2025/NQ-CP'),
      lead: fc.constantFrom('Tổng số hồ sơ tiếp nhận theo', 'Thành lập Tổ công nghệ số cộng đồng theo', 'Nhu cầu kinh phí theo', 'Số học viên Bình dân học vụ số theo'),
    });
    fc.assert(
      fc.property(doc, ({ kind, n, sign, lead }) => {
        expect(figures(`${lead} ${kind} số ${n}${sign} ngày 12/8/2025.`)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('a date is never a figure', () => {
    const date = fc.record({ d: fc.integer({ min: 1, max: 28 }), m: fc.integer({ min: 1, max: 12 }), y: fc.integer({ min: 2020, max: 2030 }) });
    fc.assert(
      fc.property(date, fc.boolean(), ({ d, m, y }, words) => {
        const when = words ? `ngày ${d} tháng ${m} năm ${y}` : `ngày ${d}/${m}/${y}`;
        expect(figures(`Số hồ sơ tiếp nhận ${when}.`)).toEqual([]);
        expect(figures(`Tổ công nghệ số cộng đồng thôn họp ${when}.`)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('a count, an amount and a percent as Vietnamese write them read back exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999 }), fc.integer({ min: 1, max: 999_999_999_999 }), fc.integer({ min: 0, max: 1000 }), (n, money, tenths) => {
        expect(figures(`Tổng số hồ sơ tiếp nhận: ${formatNumber(n)} hồ sơ.`)).toEqual([`dossiers_received=${n}`]);
        expect(figures(`Nhu cầu kinh phí năm 2026 là ${formatNumber(money)} đồng.`)).toEqual([`budget_requested_vnd=${money}`]);
        const p = tenths / 10;
        expect(figures(`Tỷ lệ hồ sơ được số hóa đạt ${formatNumber(p, 1)}%.`)).toEqual([`dossiers_digitised_pct=${p}`]);
      }),
      { numRuns: 200 },
    );
  });

  it('wrapping the lines of a text (as a PDF does) changes no proposal', () => {
    const text = sentences.join('\n');
    const expected = figures(text);
    expect(expected.length).toBeGreaterThan(10);
    fc.assert(
      fc.property(fc.integer({ min: 40, max: 100 }), fc.constantFrom('\n', '\n\n'), (width, nl) => {
        const wrapped = sentences.map((s) => wrap(s, width).join(nl)).join(nl);
        expect(figures(wrapped)).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  });
});

/** Cuts a paragraph into lines of at most `width` characters at spaces, as a PDF text layer does. */
function wrap(s: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const w of s.split(' ')) {
    if (line && (line + ' ' + w).length > width) {
      lines.push(line + ' ');
      line = w;
    } else line = line ? line + ' ' + w : w;
  }
  if (line) lines.push(line);
  return lines;
}

// Reports written for the tests in other words and forms (PDF text, Word text): regressions show
// here. They are no proof of reading unseen reports (the same hand wrote them and the cues).
describe('readReport on the synthetic reports (fixtures/reports)', () => {
  const knownMisses: Record<string, string[]> = {
    // "Xã chưa có sóng 5G": a zero said in words is not read
    'xa-mang-den-synthetic.txt': ['coverage_5g_pct=0'],
  };
  it.each(syntheticReports.map((r) => r.file))('%s: no wrong figure, the figures it states, the commune', (file) => {
    const s = scoreSynthetic(file);
    expect(s.wrong.map(short)).toEqual([]);
    expect(s.missed.map((e) => `${e.element}=${e.value}`)).toEqual(knownMisses[file] ?? []);
    expect(s.result.commune?.code).toBe(s.communeCode);
    expectTraceable(syntheticText(file), s.result.candidates);
  });

  it('the same report as Word text (a paragraph per line) and as PDF text (wrapped) gives the same figures', () => {
    const pdf = syntheticText('xa-ba-to-synthetic-pdf.txt');
    const word = joinWrappedLines(pdf).split('\n').join('\n\n');
    expect(figures(word)).toEqual(figures(pdf));
  });
});

// The three real reports against the figures a person wrote out by hand (seed/real-figures.json).
describe.skipIf(!reportsPresent())('readReport on the real commune reports', () => {
  it.each(Object.keys(REPORT_FILES))('commune %s: no wrong figure, at least 2/3 of the figures, the commune recognised', (code) => {
    const s = scoreReport(code);
    expect(s.wrong.map(short)).toEqual([]);
    expect(ratio(s.found, s.stated)).toBeGreaterThanOrEqual(2 / 3);
    expect(s.result.commune?.code).toBe(code);
    const text = readFileSync(new URL(s.file, REPORTS_DIR), 'utf8');
    expectTraceable(text, s.result.candidates);
  });

  it('misses only what it should not claim: certificates Mỏ Cày "đã đề nghị cấp" (requested, not said to be issued)', () => {
    const missed = Object.keys(REPORT_FILES).flatMap((code) => scoreReport(code).missed.map((e) => `${code}:${e.element}=${e.value}`));
    expect(missed).toEqual(['21421:digital_certificates=31']);
  });

  it('the quotes written out by hand are in the reports (the expected figures are checkable)', () => {
    const squash = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ');
    for (const r of realFigures.reports) {
      const text = squash(readFileSync(new URL(REPORT_FILES[r.communeCode], REPORTS_DIR), 'utf8'));
      for (const f of r.figures) expect(text, `${r.communeName}: ${f.quote}`).toContain(squash(f.quote).trim());
    }
  });

  it('reads a wrapped report the same with or without a blank line after each line', () => {
    const text = readFileSync(new URL(REPORT_FILES['21421'], REPORTS_DIR), 'utf8');
    const spaced = readReport(text, readerCatalogue, { communes }).candidates.map(short).sort();
    const tight = text.split(/\n[ \t]*\n/).join('\n');
    expect(readReport(tight, readerCatalogue, { communes }).candidates.map(short).sort()).toEqual(spaced);
  });
});
