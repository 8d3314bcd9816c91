// Files out: rankings (xlsx, csv), a round's raw figures (csv, xlsx) and the provincial summary
// report (docx). Read like the rankings: open unless READ_REQUIRES_LOGIN (the auth plugin's hook).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorResponse, ExportFormatQuery, ExportReleaseQuery, PeriodParams, RankingsCsvQuery } from '@nq57/shared/schemas';
import { currentFiguresLine, vnDay } from '@nq57/shared';
import { ApiError } from '../../errors';
import { fileCache } from '../../services/export/file-cache';
import { CSV_TYPE, DOCX_TYPE, XLSX_TYPE, sendFile } from '../../services/export/format';
import { loadRankings, rankingsCsv, rankingsXlsx, releaseSuffix } from '../../services/export/rankings';
import { loadReport, reportDocx } from '../../services/export/report';
import { valuesCsvWide, valuesXlsx } from '../../services/export/values';
import { findRound } from '../../services/rounds';

const file = (type: string, description: string) => ({
  description,
  content: { [type]: { schema: { type: 'string', format: 'binary' } } },
});
const errors = { 400: ErrorResponse, 401: ErrorResponse, 404: ErrorResponse };

const exportsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db;
  /** the ranking service answers 404 itself; this keeps the file name tied to a real round */
  const round = (code: string) => findRound(db, code);
  // a file is kept for one day of the app's one clock (BuildOptions.now, which tests fix)
  const cached = fileCache(() => app.dataVersion.current, 64, () => vnDay(app.now()));

  app.get(
    '/:period/rankings.xlsx',
    {
      schema: {
        tags: ['Xuất tệp'],
        summary: 'Bảng xếp hạng của một kỳ (Excel; CSV với format=csv)',
        description:
          'Một trang cho chỉ số tổng hợp và một trang cho mỗi chỉ tiêu; dòng tiêu đề có tên kỳ và "Số liệu đến ngày"; tiêu đề cột cố định; số lưu dạng số với định dạng hiển thị kiểu Việt Nam.',
        params: PeriodParams,
        querystring: ExportFormatQuery,
        response: { 200: file(XLSX_TYPE, 'Tệp .xlsx (hoặc .csv)'), ...errors },
      },
    },
    async (req, reply) => {
      const r = await round(req.params.period);
      const { release } = req.query;
      const csv = req.query.format === 'csv';
      const ext = csv ? 'csv' : 'xlsx';
      const { body, data } = await cached(`rankings.${ext}|${r.code}|${release ?? ''}`, async () => {
        const data = await loadRankings(app.releases, r.code, release);
        return { data, body: csv ? rankingsCsv(data) : await rankingsXlsx(data, app.now()) };
      });
      const s = releaseSuffix(data.composite.release);
      return sendFile(reply, body, csv ? CSV_TYPE : XLSX_TYPE, `xep-hang-${r.code}${s.file}.${ext}`, `Xếp hạng ${r.name}${s.vi}.${ext}`);
    },
  );

  app.get(
    '/:period/rankings.csv',
    {
      schema: {
        tags: ['Xuất tệp'],
        summary: 'Bảng xếp hạng của một kỳ (CSV UTF-8 có BOM)',
        description: 'Dạng dài: mỗi dòng một xã trong một chỉ tiêu (và chỉ số tổng hợp); indicator= để lấy một chỉ tiêu.',
        params: PeriodParams,
        querystring: RankingsCsvQuery,
        response: { 200: file(CSV_TYPE, 'Tệp .csv'), ...errors },
      },
    },
    async (req, reply) => {
      const r = await round(req.params.period);
      const data = await loadRankings(app.releases, r.code, req.query.release);
      if (req.query.indicator && !data.indicators.some((x) => x.indicator.code === req.query.indicator)) {
        throw new ApiError(404, 'INDICATOR_NOT_FOUND', `Không có chỉ tiêu "${req.query.indicator}"`);
      }
      const s = releaseSuffix(data.composite.release);
      return sendFile(reply, rankingsCsv(data, req.query.indicator), CSV_TYPE, `xep-hang-${r.code}${s.file}.csv`, `Xếp hạng ${r.name}${s.vi}.csv`);
    },
  );

  const valuesSchema = (type: string, summary: string) => ({
    tags: ['Xuất tệp'],
    summary,
    description:
      'Số liệu đã duyệt hiện tại của một kỳ: mỗi dòng một xã, mỗi cột một dữ liệu, tiêu đề tiếng Việt kèm đơn vị. Dòng đầu ghi bản công bố mới nhất của kỳ ("Công bố lần N ngày dd/mm/yyyy"), hoặc "Số liệu hiện tại, có thể khác Công bố lần N …" khi số liệu đã điều chỉnh sau lần công bố đó, hoặc "Chưa công bố"; tên tệp cũng ghi như vậy. Cùng bố cục với mẫu nhập, nên có thể sửa rồi nhập lại. Ô trống = chưa báo cáo.',
    params: PeriodParams,
    response: { 200: file(type, 'Tệp số liệu'), ...errors },
  });

  /** The raw figures are the approved ones now: named by the round's newest release, "sau" it when they may differ. */
  const figuresNamed = async (period: string) => {
    const r = await round(period);
    const { release, differs } = await app.releases.figuresState(r.code);
    const s = releaseSuffix(release);
    const suffix = release && differs ? { file: `-sau-cong-bo-${release.version}`, vi: ` (sau Công bố lần ${release.version})` } : s;
    return { r, published: currentFiguresLine(release, differs), suffix };
  };

  app.get('/:period/values.csv', { schema: valuesSchema(CSV_TYPE, 'Số liệu gốc của một kỳ (CSV UTF-8 có BOM)') }, async (req, reply) => {
    const { r, published, suffix: s } = await figuresNamed(req.params.period);
    const { body } = await valuesCsvWide(db, r.code, published);
    return sendFile(reply, body, CSV_TYPE, `so-lieu-${r.code}${s.file}.csv`, `Số liệu ${r.name}${s.vi}.csv`);
  });

  app.get('/:period/values.xlsx', { schema: valuesSchema(XLSX_TYPE, 'Số liệu gốc của một kỳ (Excel)') }, async (req, reply) => {
    const { r, published, suffix: s } = await figuresNamed(req.params.period);
    const { body } = await valuesXlsx(db, r.code, published, app.now());
    return sendFile(reply, body, XLSX_TYPE, `so-lieu-${r.code}${s.file}.xlsx`, `Số liệu ${r.name}${s.vi}.xlsx`);
  });

  app.get(
    '/:period/report.docx',
    {
      schema: {
        tags: ['Xuất tệp'],
        summary: 'Báo cáo tổng hợp của tỉnh (Word)',
        description:
          'Thể thức văn bản hành chính (Nghị định 30/2020/NĐ-CP): quốc hiệu, tiêu ngữ, cơ quan ban hành, số, địa danh và ngày, "BÁO CÁO" và trích yếu, các phần I, II, …: tình hình báo cáo, số liệu toàn tỉnh so với kỳ trước, xã dẫn đầu và cuối bảng từng chỉ tiêu, các đơn vị cần quan tâm, tổng kinh phí đề xuất. Sửa được trong Word.',
        params: PeriodParams,
        querystring: ExportReleaseQuery,
        response: { 200: file(DOCX_TYPE, 'Tệp .docx'), ...errors },
      },
    },
    async (req, reply) => {
      const r = await round(req.params.period);
      const { release } = req.query;
      const { body, input } = await cached(`report.docx|${r.code}|${release ?? ''}`, async () => {
        // dated by the app's one clock, as the file cache's day is
        const input = { ...(await loadReport(app.releases, r.code, release)), now: app.now() };
        return { input, body: await reportDocx(input) };
      });
      const s = releaseSuffix(input.overview.release);
      return sendFile(reply, body, DOCX_TYPE, `bao-cao-${r.code}${s.file}.docx`, `Báo cáo ${r.name}${s.vi}.docx`);
    },
  );
};
export default exportsRoutes;
