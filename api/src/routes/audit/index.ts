// Every change to a commune's figures, newest first (/nhat-ky). Who may read which commune is
// decided here; the lookup of the codes is services/audit.ts.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AuditOut, AuditQuery, ErrorResponse } from '@nq57/shared/schemas';
import { ApiError } from '../../errors';
import { auditEntries } from '../../services/audit';

const audit: FastifyPluginAsyncTypebox = async (app) => {
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
      return auditEntries(app.database.db, { ...q, commune: communeCode });
    },
  );
};
export default audit;
