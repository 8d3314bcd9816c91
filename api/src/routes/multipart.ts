// The one way a route reads an uploaded file (multipart/form-data: one file in the field "file",
// a few text fields), with the same Vietnamese refusals wherever files are accepted: the figures'
// import (routes/imports), the contacts' import (routes/contacts) and the report reader
// (routes/reports). Each registers @fastify/multipart in its own scope; no other route accepts files.
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { MAX_BYTES } from '../services/import/read';
import { ApiError } from '../errors';
import { controlCharacterAt } from '../hardening';

/** A spreadsheet's limits (the figures' and the contacts' import), registered in the calling plugin only. */
export const registerUploads = (app: FastifyInstance) =>
  app.register(multipart, {
    limits: { fileSize: MAX_BYTES, files: 1, fields: 10, fieldSize: 100_000, parts: 12 },
    throwFileSizeLimit: true,
  });

export const SPREADSHEET_TOO_LARGE = 'Tệp lớn hơn 10 MB. Hãy bỏ các trang, hình ảnh không cần thiết hoặc chia nhỏ tệp.';

export interface Upload {
  file: { name: string; bytes: Buffer };
  fields: Record<string, string>;
}

/** The file and the fields; `tooLarge` is the 413's message (the limit is the scope's). */
export async function readUpload(req: FastifyRequest, tooLarge: string): Promise<Upload> {
  if (!req.isMultipart()) {
    throw new ApiError(400, 'NOT_MULTIPART', 'Hãy gửi tệp dạng multipart/form-data, trong trường "file".');
  }
  let file: Upload['file'] | null = null;
  const fields: Record<string, string> = {};
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file' || file) {
          await part.toBuffer();
          throw new ApiError(400, 'BAD_FILE_FIELD', 'Chỉ gửi một tệp, trong trường "file".');
        }
        // a file name is shown and stored: no control characters in it (PostgreSQL refuses NUL)
        file = { name: part.filename.replace(/[\u0000-\u001F\u007F]/g, '').trim() || 'tep-khong-ten', bytes: await part.toBuffer() };
      } else {
        fields[part.fieldname] = String(part.value ?? '');
      }
    }
  } catch (e) {
    if (e instanceof ApiError) throw e;
    const err = e as { statusCode?: number; code?: string };
    if (err.code === 'FST_REQ_FILE_TOO_LARGE') throw new ApiError(413, 'FILE_TOO_LARGE', tooLarge);
    throw new ApiError(400, 'BAD_MULTIPART', 'Dữ liệu gửi lên không đọc được (multipart/form-data hỏng hoặc quá nhiều trường).');
  }
  if (!file) throw new ApiError(400, 'NO_FILE', 'Chưa chọn tệp: gửi tệp trong trường "file".');
  // the fields skip the preValidation hook (multipart is read here): the same refusal
  const bad = controlCharacterAt(fields, false);
  if (bad !== null) throw new ApiError(400, 'CONTROL_CHARACTER', `Trường "${bad}" chứa ký tự điều khiển (ví dụ ký tự rỗng) không được chấp nhận`);
  return { file, fields };
}
