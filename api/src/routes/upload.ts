// A spreadsheet sent as multipart/form-data: one file in the field "file", and a few text fields.
// The routes that take files (the figures' import, the contacts' import) register @fastify/multipart
// in their own plugin with these limits and read the request with readUpload, so a file that is
// too large, a second file or a broken body gets the same Vietnamese answer everywhere.
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../errors';
import { MAX_BYTES } from '../services/import/read';

/** Registers multipart in the calling plugin only: no other route accepts files. */
export const registerUploads = (app: FastifyInstance) =>
  app.register(multipart, {
    limits: { fileSize: MAX_BYTES, files: 1, fields: 10, fieldSize: 100_000, parts: 12 },
    throwFileSizeLimit: true,
  });

export interface Upload {
  file: { name: string; bytes: Buffer };
  fields: Record<string, string>;
}

export async function readUpload(req: FastifyRequest): Promise<Upload> {
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
        file = { name: part.filename || 'tep-khong-ten', bytes: await part.toBuffer() };
      } else {
        fields[part.fieldname] = String(part.value ?? '');
      }
    }
  } catch (e) {
    if (e instanceof ApiError) throw e;
    const err = e as { statusCode?: number; code?: string };
    if (err.code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new ApiError(413, 'FILE_TOO_LARGE', 'Tệp lớn hơn 10 MB. Hãy bỏ các trang, hình ảnh không cần thiết hoặc chia nhỏ tệp.');
    }
    throw new ApiError(400, 'BAD_MULTIPART', 'Dữ liệu gửi lên không đọc được (multipart/form-data hỏng hoặc quá nhiều trường).');
  }
  if (!file) throw new ApiError(400, 'NO_FILE', 'Chưa chọn tệp: gửi tệp trong trường "file".');
  return { file, fields };
}
