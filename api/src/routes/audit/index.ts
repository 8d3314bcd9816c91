import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AuditOut, AuditQuery, ErrorResponse } from '@nq57/shared/schemas';
import { ApiError } from '../../errors';
import { auditRepo } from '../../repositories/audit';
import { roundsRepo } from '../../repositories/rounds';
import { submissionsRepo } from '../../repositories/submissions';

const audit: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.database;
  app.get(
    '/',
    {
      schema: {
        tags: ['Nhật ký'],
        summary: 'Nhật ký thay đổi số liệu, mới nhất trước (ai, khi nào, cũ → mới, cách nào, ghi chú)',
        description:
          'Quản trị và lãnh đạo: mọi xã. Cán bộ xã: chỉ xã mình (bỏ trống commune = xã mình; xã khác → 403). how: form (nhập trên biểu), import (nhập tệp), approval (duyệt, số liệu được công bố), submit, return, reopen, system (hệ thống tự tính), round (mở / đóng kỳ).',
        querystring: AuditQuery,
        response: { 200: AuditOut, 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse },
      },
      onRequest: app.requireRole(),
    },
    async (req) => {
      const u = req.user!;
      const q = req.query;
      let communeCode = q.commune;
      if (u.role === 'commune') {
        if (communeCode && communeCode !== u.communeCode) throw new ApiError(403, 'FORBIDDEN', 'Bạn chỉ được xem nhật ký của xã mình');
        communeCode = u.communeCode!;
      }
      let communeId: number | undefined;
      if (communeCode) {
        const c = await submissionsRepo.commune(db, communeCode);
        if (!c) throw new ApiError(404, 'COMMUNE_NOT_FOUND', `Không có xã, phường, đặc khu mã "${communeCode}"`);
        communeId = c.id;
      }
      let periodId: number | undefined;
      if (q.period) {
        const p = await roundsRepo.byCode(db, q.period);
        if (!p) throw new ApiError(404, 'PERIOD_NOT_FOUND', `Không có kỳ báo cáo "${q.period}"`);
        periodId = p.id;
      }
      let elementId: number | undefined;
      if (q.element) {
        const e = (await submissionsRepo.elements(db)).find((x) => x.code === q.element);
        if (!e) throw new ApiError(404, 'ELEMENT_NOT_FOUND', `Không có dữ liệu mã "${q.element}"`);
        elementId = e.id;
      }
      return { entries: await auditRepo.list(db, { communeId, periodId, elementId, limit: q.limit ?? 200 }) };
    },
  );
};
export default audit;
