// The provincial summary report as a Word document, laid out as a Vietnamese administrative
// report (Nghị định 30/2020/NĐ-CP: A4, Times New Roman 13–14, margins top/bottom 20 mm, left
// 30 mm, right 15 mm; the issuing body and the national motto side by side; number, place and
// date; "BÁO CÁO" with its subject; sections I, II, … and 1., 2., …). Every number comes from
// the ranking service, the same figures the dashboard shows; the Sở edits the words around them.
import { Packer, type Document, type Paragraph, type Table } from 'docx';
import { coverageLabel, formatDate, formatNumber, formatRound, formatShare, formatValue, formatVnd, publicationLine, type Unit } from '@nq57/shared';
import type { CompositeResponse, OverviewResponse, RankingsResponse } from '@nq57/shared/schemas';
import { loadRankings, type PublishedReads } from './rankings';
import { adminDocument, body, centered, heading, letterhead, run, signature, spacer, subheading, table } from './layout';

export interface ReportInput {
  overview: OverviewResponse;
  composite: CompositeResponse;
  indicators: RankingsResponse[];
  now?: Date;
}

/** The same reads the web shows (the newest release by default): who reported comes from the overview (one count of "đã báo cáo"). */
export async function loadReport(reads: PublishedReads, period: string, release?: number): Promise<ReportInput> {
  const [overview, rankings] = await Promise.all([reads.overview({ period, release }), loadRankings(reads, period, release)]);
  return { overview, ...rankings };
}

// ── Words ─────────────────────────────────────────────────────────────────────────────────

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'];

/** "+2,3 điểm %" for percentages, "+1.234" for counts, "+12,5 triệu đ"-style through formatValue otherwise. */
function change(current: number | null, previous: number | null, unit: Unit): string {
  if (current === null || previous === null) return '—';
  const d = current - previous;
  const abs = Math.abs(d);
  const text =
    unit === 'percent' ? `${formatNumber(abs, 1)} điểm %` : unit === 'vnd' ? formatVnd(abs) : unit === 'per_1000' ? formatNumber(abs, 1) : formatNumber(abs, 0);
  // the sign of what is shown: a change that rounds to 0,0 is no change, never "−0,0"
  const shownZero = !/[1-9]/.test(text);
  const sign = shownZero ? '' : d > 0 ? '+' : '−';
  return `${sign}${text}`;
}

const list = (names: string[]) => (names.length ? names.join(', ') : 'không có');

// ── The report ────────────────────────────────────────────────────────────────────────────

export function buildReport(input: ReportInput): Document {
  const { overview: o, composite: c, indicators } = input;
  const now = input.now ?? new Date();
  const period = o.period;
  const asOf = period.dataAsOf ? formatDate(period.dataAsOf) : formatDate(now);
  const compared = o.comparedWith;
  const children: (Paragraph | Table)[] = [];
  let section = 0;
  const roman = () => ROMAN[section++];

  children.push(letterhead({ number: 'Số:        /BC-SKHCN', now }));
  children.push(centered([run('BÁO CÁO', { bold: true })], { spacing: { before: 360, after: 0 } }));
  children.push(centered([run('Kết quả thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị', { bold: true })]));
  children.push(centered([run(`tại các xã, phường, đặc khu — ${period.name}`, { bold: true })], { spacing: { after: 240 } }));
  children.push(
    body([
      `Thực hiện chức năng theo dõi, tổng hợp việc triển khai Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia và Nghị quyết số 71/NQ-CP của Chính phủ, Sở Khoa học và Công nghệ báo cáo kết quả ${period.name} của ${o.communesTotal} xã, phường, đặc khu trên địa bàn tỉnh (số liệu đến ngày ${asOf}; ${publicationLine(o.release).replace(/^C/, 'c')}) như sau:`,
    ]),
  );

  // I. who reported
  children.push(heading(`${roman()}. TÌNH HÌNH BÁO CÁO CỦA CÁC XÃ, PHƯỜNG, ĐẶC KHU`));
  // the words and counts of /tien-do and the overview: "đã báo cáo" = đã nộp or đã duyệt
  const sc = o.reporting.byState;
  const waiting = [
    sc.returned ? `${sc.returned} đơn vị bị trả lại để bổ sung` : '',
    sc.draft ? `${sc.draft} đơn vị đang nhập` : '',
    sc.not_started ? `${sc.not_started} đơn vị chưa bắt đầu` : '',
  ].filter(Boolean);
  children.push(
    body([
      `1. Có ${o.communesReported}/${o.communesTotal} đơn vị đã báo cáo (đạt ${formatShare(o.communesReported, o.communesTotal)}): ${sc.approved} đơn vị đã được duyệt, ${sc.submitted} đơn vị đã nộp đang chờ duyệt.` +
        (waiting.length ? ` Chưa báo cáo: ${waiting.join(', ')}.` : '') +
        (o.reporting.late ? ` Có ${o.reporting.late} đơn vị nộp muộn hoặc quá hạn chưa nộp.` : ''),
    ]),
  );
  children.push(
    body([
      `2. Đơn vị chưa báo cáo (${o.notReported.length}): ${list(o.notReported.map((n) => n.communeName))}.`,
    ]),
  );

  // II. the province against the previous round
  children.push(heading(`${roman()}. KẾT QUẢ CHỦ YẾU TOÀN TỈNH`));
  children.push(
    body([
      compared
        ? `Các chỉ tiêu toàn tỉnh được tính từ tổng số liệu của các xã (tổng tử số chia tổng mẫu số, không lấy bình quân các tỷ lệ), so sánh với ${compared.name}:`
        : 'Các chỉ tiêu toàn tỉnh được tính từ tổng số liệu của các xã (tổng tử số chia tổng mẫu số, không lấy bình quân các tỷ lệ); chưa có kỳ trước để so sánh:',
    ]),
  );
  // a figure the round does not ask for: no empty row, one sentence instead
  const collected = o.indicators.filter((x) => x.indicator.collected);
  const notCollected = o.indicators.filter((x) => !x.indicator.collected).map((x) => x.indicator.name);
  children.push(
    table(
      ['TT', 'Chỉ tiêu', period.name, compared ? compared.name : 'Kỳ trước', 'Tăng (+), giảm (−)', 'Số xã'],
      collected.map((x, i) => [
        String(i + 1),
        x.indicator.name + (x.indicator.target !== null ? ` (mục tiêu ${formatRound(x.indicator.target, x.indicator.unit)})` : ''),
        formatValue(x.province.value, x.indicator.unit),
        formatValue(x.previous?.value ?? null, x.indicator.unit),
        change(x.province.value, x.previous?.value ?? null, x.indicator.unit),
        String(x.province.communes),
      ]),
      // "TT" in bold 12 pt is 5,6 mm plus 2 mm of padding: 0,5 of 10,7 (7,7 mm) split it into T / T
      [0.8, 3.7, 1.8, 1.8, 1.8, 0.8],
      ['center', 'left', 'right', 'right', 'right', 'center'],
    ),
  );
  if (notCollected.length) children.push(body([`Kỳ này không thu số liệu của các chỉ tiêu: ${list(notCollected)}.`]));
  // compared with a round published under another catalogue or weights (decision 019)
  if (compared && o.comparisonWarning) children.push(body([run(`Lưu ý: ${o.comparisonWarning}`, { italics: true })]));

  // III. rankings: the composite index, then each indicator of the index
  children.push(heading(`${roman()}. XẾP HẠNG CÁC XÃ, PHƯỜNG, ĐẶC KHU`));
  const ranked = c.rows.filter((r) => r.rank !== null);
  const topN = (n: number) => ranked.slice(0, n);
  const bottomN = (n: number) => ranked.slice(-n).reverse();
  children.push(subheading('1. Chỉ số tổng hợp'));
  const weighted = c.indicators.filter((i) => (c.weights[i.code] ?? 0) > 0 && i.collected);
  const unranked = c.rows.length - c.rankedCount;
  children.push(
    body([
      `Chỉ số tổng hợp (thang điểm 100) gồm ${weighted.length} chỉ tiêu kỳ này thu: ${weighted.map((i) => `${i.name} (trọng số ${c.weights[i.code]})`).join('; ')}. ` +
        `Chỉ tiêu đơn vị chưa báo cáo được tính 0 điểm; đơn vị có số liệu dưới một nửa tổng trọng số chưa được xếp hạng. ` +
        `Có ${c.rankedCount} đơn vị được xếp hạng${unranked > 0 ? `, ${unranked} đơn vị chưa đủ số liệu hoặc chưa báo cáo` : ''}. Trong ngoặc là số chỉ tiêu có số liệu và phần trọng số của chúng.`,
    ]),
  );
  children.push(
    sideBySide('Dẫn đầu', 'Cuối bảng', topN(10), bottomN(10), (r) => (r.score === null ? '—' : `${formatNumber(r.score, 1)} (${coverageLabel(r)})`), 'Điểm'),
  );

  const inIndex = indicators.filter((r) => (c.weights[r.indicator.code] ?? 0) > 0 && r.indicator.collected);
  inIndex.forEach((r, k) => {
    const ind = r.indicator;
    const rows = r.rows.filter((x) => x.rank !== null);
    children.push(subheading(`${k + 2}. ${ind.name}`));
    const target = ind.target !== null ? `, mục tiêu ${formatRound(ind.target, ind.unit)}` : '';
    children.push(
      body([
        `Toàn tỉnh đạt ${formatValue(r.province.value, ind.unit)}${target}; ${r.rankedCount} đơn vị được xếp hạng${
          r.rows.length - r.rankedCount > 0 ? `, ${r.rows.length - r.rankedCount} đơn vị chưa báo cáo hoặc chưa đủ số liệu` : ''
        }.`,
      ]),
    );
    children.push(
      sideBySide(
        'Dẫn đầu',
        'Cuối bảng',
        rows.slice(0, 5),
        rows.slice(-5).reverse(),
        (x) => formatValue(x.value, ind.unit),
        'Giá trị',
      ),
    );
  });

  // IV. communes needing attention
  children.push(heading(`${roman()}. CÁC ĐƠN VỊ CẦN QUAN TÂM`));
  children.push(body([`- Chưa báo cáo số liệu: ${list(o.notReported.map((n) => n.communeName))}.`]));
  children.push(body([`- Điểm tổng hợp thấp nhất: ${list(bottomN(5).map((r) => `${r.communeName} (${formatNumber(r.score, 1)} điểm; ${coverageLabel(r)})`))}.`]));
  const fell = ranked.filter((r) => r.rankChange !== null && r.rankChange <= -10).sort((a, b) => a.rankChange! - b.rankChange!);
  children.push(
    body([
      compared
        ? `- Giảm từ 10 bậc trở lên so với ${compared.name}: ${list(fell.map((r) => `${r.communeName} (giảm ${-r.rankChange!} bậc)`))}.`
        : '- Giảm hạng: chưa có kỳ trước để so sánh.',
    ]),
  );
  // only what the round collects: an indicator it does not ask for can be missed by no one
  const withTarget = c.indicators.filter((i) => i.target !== null && (c.weights[i.code] ?? 0) > 0 && i.collected);
  const current = new Map((c.inputs?.current ?? []).map((x) => [x.communeCode, x.values]));
  const misses = c.rows
    .map((r) => {
      const v = current.get(r.communeCode) ?? {};
      const missed = withTarget.filter((i) => {
        const x = v[i.code]?.value;
        return x !== null && x !== undefined && (i.direction === 'higher' ? x < i.target! : x > i.target!);
      });
      return { name: r.communeName, missed: missed.length };
    })
    .filter((x) => withTarget.length > 0 && x.missed === withTarget.length);
  children.push(
    body([
      `- Chưa đạt mục tiêu ở tất cả ${withTarget.length} chỉ tiêu có mục tiêu trong chỉ số tổng hợp kỳ này thu (${withTarget.map((i) => i.name).join('; ')}): ${list(misses.map((m) => m.name))}.`,
    ]),
  );

  // V. budget requested
  const budget = indicators.find((r) => r.indicator.code === 'budget_requested_vnd');
  children.push(heading(`${roman()}. KINH PHÍ CÁC XÃ ĐỀ XUẤT`));
  const requests = budget ? budget.rows.filter((r) => r.value !== null) : [];
  if (budget && !budget.indicator.collected) {
    children.push(body([`Kỳ ${period.name} không yêu cầu các đơn vị báo cáo kinh phí đề xuất.`]));
  } else if (budget && requests.length) {
    const total = budget.province.numerator ?? 0;
    children.push(
      body([
        `Tổng kinh phí ${requests.length} đơn vị đề xuất: `,
        run(formatVnd(total), { bold: true }),
        `; bình quân ${formatVnd(total / requests.length)} mỗi đơn vị. Các đơn vị đề xuất nhiều nhất:`,
      ]),
    );
    const top = [...requests].sort((a, b) => b.value! - a.value!).slice(0, 10);
    children.push(
      table(
        ['TT', 'Đơn vị', 'Kinh phí đề xuất'],
        top.map((r, i) => [String(i + 1), r.communeName, formatVnd(r.value)]),
        [0.6, 5, 3],
        ['center', 'left', 'right'],
      ),
    );
  } else {
    children.push(body([`Trong ${period.name} chưa có đơn vị nào đề xuất kinh phí.`]));
  }

  // VI. the Sở's own words, left for the person who signs
  children.push(heading(`${roman()}. ĐỀ XUẤT, KIẾN NGHỊ`));
  children.push(body([run('(Sở Khoa học và Công nghệ bổ sung nội dung đề xuất, kiến nghị.)', { italics: true })]));
  children.push(spacer());

  children.push(
    signature(['- UBND tỉnh (b/c);', '- Ban Chỉ đạo tỉnh (b/c);', '- UBND các xã, phường, đặc khu;', '- Lưu: VT, KH&ĐMST.'], ['GIÁM ĐỐC']),
  );

  return adminDocument(`Báo cáo kết quả thực hiện NQ 57 — ${period.name}`, children);
}

interface Placed {
  rank: number | null;
  communeName: string;
}

/** Leaders and laggards side by side: Hạng | Đơn vị | value, twice. */
function sideBySide<T extends Placed>(leftTitle: string, rightTitle: string, top: T[], bottom: T[], value: (r: T) => string, valueTitle: string) {
  const n = Math.max(top.length, bottom.length);
  const rows: string[][] = [];
  for (let i = 0; i < n; i++) {
    const a = top[i];
    const b = bottom[i];
    rows.push([
      a ? String(a.rank) : '',
      a ? a.communeName : '',
      a ? value(a) : '',
      b ? String(b.rank) : '',
      b ? b.communeName : '',
      b ? value(b) : '',
    ]);
  }
  if (!rows.length) rows.push(['', 'Chưa có đơn vị được xếp hạng', '', '', '', '']);
  return table(
    [`Hạng (${leftTitle.toLowerCase()})`, 'Đơn vị', valueTitle, `Hạng (${rightTitle.toLowerCase()})`, 'Đơn vị', valueTitle],
    rows,
    // "(dẫn đầu)", "(cuối bảng)" in bold 12 pt need about 19 mm: 0,9 of 10 broke them mid-phrase
    [1.2, 2.5, 1.3, 1.2, 2.5, 1.3],
    ['center', 'left', 'right', 'center', 'left', 'right'],
  );
}

export async function reportDocx(input: ReportInput): Promise<Buffer> {
  return Packer.toBuffer(buildReport(input));
}
