import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  CompletenessOut,
  CompletenessQuery,
  ErrorResponse,
  PeriodCreateBody,
  PeriodList,
  PeriodParams,
  PeriodPatchBody,
  RoundOut,
  type CompletenessOut as Completeness,
} from '@nq57/shared/schemas';
import { csvText, formatDateTime } from '@nq57/shared';
import { ApiError } from '../../errors';
import { roundsRepo, type RoundRecord } from '../../repositories/rounds';
import { submissionsRepo } from '../../repositories/submissions';
import { statusName, writeOnTimeFigures } from '../../services/submissions';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse };

const periods: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.database;
  const service = app.submissions;

  async function roundOut(r: RoundRecord) {
    return {
      code: r.code,
      name: r.name,
      kind: r.kind,
      startDate: r.startDate,
      endDate: r.endDate,
      deadline: r.deadline,
      status: r.status,
      elements: await roundsRepo.elementCodes(db, r.id),
    };
  }

  async function roundByCode(code: string) {
    const r = await roundsRepo.byCode(db, code);
    if (!r) throw new ApiError(404, 'PERIOD_NOT_FOUND', `Không có kỳ báo cáo "${code}"`);
    return r;
  }

  app.get(
    '/',
    {
      schema: {
        tags: ['Danh mục'],
        summary: 'Các kỳ báo cáo, mới nhất trước',
        response: { 200: PeriodList, 400: ErrorResponse },
      },
    },
    (req, reply) =>
      app.responses.reply(req, reply, '/periods', async () => {
        const s = await app.rankings.snapshot();
        return { periods: s.periods.map(({ id: _id, ...p }) => p), demo: s.demo };
      }),
  );

  app.post(
    '/',
    {
      schema: {
        tags: ['Kỳ báo cáo'],
        summary: 'Mở một kỳ báo cáo (quản trị)',
        description:
          'Kỳ mới ở trạng thái open. Bỏ trống `elements` = mọi dữ liệu xã nhập (không gồm dữ liệu hệ thống tự tính). 409 khi trùng mã; 400 khi dữ liệu không có, ngày kết thúc trước ngày bắt đầu, hoặc hạn nộp trước ngày bắt đầu.',
        body: PeriodCreateBody,
        response: { 201: RoundOut, 409: ErrorResponse, ...errors },
      },
      onRequest: app.requireRole('admin'),
    },
    async (req, reply) => {
      const b = req.body;
      if (b.endDate < b.startDate) throw new ApiError(400, 'BAD_DATES', 'Trường "endDate": ngày kết thúc không được trước ngày bắt đầu');
      if (b.deadline < b.startDate) throw new ApiError(400, 'BAD_DATES', 'Trường "deadline": hạn nộp không được trước ngày bắt đầu kỳ');
      const all = await submissionsRepo.elements(db);
      const byCode = new Map(all.map((e) => [e.code, e]));
      let elementIds: number[];
      if (b.elements) {
        elementIds = [];
        for (const code of new Set(b.elements)) {
          const e = byCode.get(code);
          if (!e) throw new ApiError(400, 'UNKNOWN_ELEMENT', `Trường "elements": không có dữ liệu mã "${code}"`);
          if (e.computed) throw new ApiError(400, 'COMPUTED_ELEMENT', `Trường "elements": "${e.name}" do hệ thống tự tính, không đưa vào biểu nhập`);
          elementIds.push(e.id);
        }
      } else {
        elementIds = all.filter((e) => !e.computed).map((e) => e.id);
      }
      const id = await db.transaction(async (tx) => {
        const newId = await roundsRepo.create(tx, { ...b, elementIds });
        if (newId === null) return null;
        await submissionsRepo.audit(tx, [
          { actor: req.user!.username, periodId: newId, communeId: null, elementId: null, oldValue: null, newValue: null, how: 'round', comment: `Mở kỳ ${b.name}` },
        ]);
        return newId;
      });
      if (id === null) throw new ApiError(409, 'PERIOD_EXISTS', `Đã có kỳ báo cáo mã "${b.code}"`);
      await app.dataVersion.changed();
      return reply.code(201).send(await roundOut((await roundsRepo.byId(db, id))!));
    },
  );

  app.patch(
    '/:period',
    {
      schema: {
        tags: ['Kỳ báo cáo'],
        summary: 'Đóng / mở lại kỳ, đổi hạn nộp hoặc tên (quản trị)',
        description:
          'Khi kỳ được đóng, hệ thống tính cho mọi xã số kỳ phải nộp (reports_due) và số kỳ nộp đúng hạn (reports_on_time) tính đến kỳ này, theo lần nộp đầu tiên, để chỉ tiêu tỷ lệ báo cáo đúng hạn được xếp hạng như các chỉ tiêu khác.',
        params: PeriodParams,
        body: PeriodPatchBody,
        response: { 200: RoundOut, 404: ErrorResponse, ...errors },
      },
      onRequest: app.requireRole('admin'),
    },
    async (req) => {
      const current = await roundByCode(req.params.period);
      const b = req.body;
      if (b.deadline !== undefined && b.deadline < current.startDate) {
        throw new ApiError(400, 'BAD_DATES', 'Trường "deadline": hạn nộp không được trước ngày bắt đầu kỳ');
      }
      await db.transaction(async (tx) => {
        const r = (await roundsRepo.lock(tx, current.id, 'update'))!;
        await roundsRepo.patch(tx, r.id, { ...(b.status && { status: b.status }), ...(b.deadline && { deadline: b.deadline }), ...(b.name && { name: b.name.trim() }) });
        const status = b.status ?? r.status;
        const events: string[] = [];
        if (b.name && b.name.trim() !== r.name) events.push(`Đổi tên kỳ thành "${b.name.trim()}"`);
        if (b.deadline && b.deadline !== r.deadline) events.push(`Đổi hạn nộp ${r.deadline ?? '—'} → ${b.deadline}`);
        if (b.status && b.status !== r.status) events.push(b.status === 'closed' ? `Đóng kỳ ${r.name}` : `Mở lại kỳ ${r.name}`);
        if (events.length) {
          await submissionsRepo.audit(tx, [
            { actor: req.user!.username, periodId: r.id, communeId: null, elementId: null, oldValue: null, newValue: null, how: 'round', comment: events.join('; ') },
          ]);
        }
        // closing (or changing the deadline of a closed round) settles who reported on time
        if (status === 'closed' && (r.status !== 'closed' || (b.deadline && b.deadline !== r.deadline))) {
          await writeOnTimeFigures(tx, r.id, req.user!.username);
        }
      });
      await app.dataVersion.changed();
      return roundOut((await roundsRepo.byId(db, current.id))!);
    },
  );

  app.get(
    '/:period/round',
    {
      schema: {
        tags: ['Kỳ báo cáo'],
        summary: 'Một kỳ báo cáo và các dữ liệu kỳ đó yêu cầu',
        params: PeriodParams,
        response: { 200: RoundOut, 400: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (req) => roundOut(await roundByCode(req.params.period)),
  );

  app.get(
    '/:period/completeness',
    {
      schema: {
        tags: ['Kỳ báo cáo'],
        summary: 'Tiến độ nộp báo cáo của các xã trong một kỳ (format=csv để xuất Excel)',
        description:
          'Quản trị và lãnh đạo: mọi xã. Cán bộ xã: chỉ dòng của xã mình (số đếm ở đầu vẫn là của toàn tỉnh). Muộn / quá hạn tính theo lần nộp ĐẦU TIÊN so với hạn nộp (ngày theo giờ Việt Nam); chưa nộp mà đã quá hạn thì tính số ngày quá hạn đến hôm nay.',
        params: PeriodParams,
        querystring: CompletenessQuery,
        response: {
          200: { content: { 'application/json': { schema: CompletenessOut }, 'text/csv': { schema: { type: 'string' } } } },
          404: ErrorResponse,
          ...errors,
        },
      },
      onRequest: app.requireRole(),
    },
    async (req, reply) => {
      const u = req.user!;
      const out = await service.completeness(req.params.period, u.role === 'commune' ? u.communeCode! : undefined);
      if (req.query.format === 'csv') {
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="tien-do-${out.period.code}.csv"`)
          .send(completenessCsv(out));
      }
      return out;
    },
  );
};
export default periods;

/** The progress table as the Sở's own CSV (shared csvText), with Vietnamese headers. */
export function completenessCsv(c: Completeness): string {
  const head = ['Mã xã', 'Tên xã', 'Huyện cũ', 'Trạng thái', 'Nộp lần đầu', 'Số ngày muộn', 'Số ô đã nhập', 'Số ô yêu cầu', 'Cán bộ liên hệ'];
  return csvText([
    head,
    ...c.rows.map((r) => [
      r.communeCode,
      r.communeName,
      r.formerDistrict,
      statusName(r.status),
      r.submittedAt ? formatDateTime(r.submittedAt) : '',
      r.daysLate ?? '',
      r.filled,
      r.required,
      r.contacts.map((x) => (x.displayName ? `${x.displayName} (${x.username})` : x.username)).join(', '),
    ]),
  ]);
}
