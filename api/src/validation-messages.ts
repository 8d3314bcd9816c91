// Turns Ajv's validation errors into one Vietnamese sentence that names the field.
import type { FastifySchemaValidationError } from 'fastify';
import { formatNumber } from '@nq57/shared';

const where: Record<string, string> = { querystring: 'Tham số', params: 'Tham số đường dẫn', body: 'Trường', headers: 'Tiêu đề' };

export function validationMessage(errors: FastifySchemaValidationError[], context: string): string {
  const e = errors[0];
  const prefix = where[context] ?? 'Trường';
  const path = (e.instancePath || '').replace(/^\//, '').replace(/\//g, '.');
  const params = e.params as Record<string, unknown>;
  const field = path || (params.missingProperty as string) || '';
  const name = field ? `${prefix} "${field}"` : prefix;
  switch (e.keyword) {
    case 'required':
      return `${prefix} "${params.missingProperty}" là bắt buộc`;
    case 'pattern':
    case 'format':
      return `${name} sai định dạng`;
    case 'type':
      return `${name} phải là ${typeName(params.type as string)}`;
    case 'minLength':
      // a 5-letter password is not "empty": say what is asked
      return Number(params.limit) > 1 ? `${name} phải có ít nhất ${params.limit} ký tự` : `${name} không được để trống`;
    case 'maxLength':
      return `${name} quá dài (tối đa ${params.limit} ký tự)`;
    case 'minimum':
    case 'exclusiveMinimum':
      return `${name} phải lớn hơn hoặc bằng ${limit(params.limit)}`;
    case 'maximum':
    case 'exclusiveMaximum':
      return `${name} phải nhỏ hơn hoặc bằng ${limit(params.limit)}`;
    case 'additionalProperties':
      return `${prefix} "${params.additionalProperty}" không được hỗ trợ`;
    case 'anyOf':
    case 'enum':
    case 'const':
      return `${name} có giá trị không được chấp nhận`;
    default:
      return `${name} không hợp lệ`;
  }
}

/** limits the Vietnamese way: 1e15 → "1.000.000.000.000.000" (a reader would take "1000000000000000" for a typo) */
function limit(n: unknown) {
  return typeof n === 'number' && Number.isFinite(n) ? formatNumber(n, Number.isInteger(n) ? 0 : 2) : String(n);
}

function typeName(t: string) {
  return ({ number: 'một số', integer: 'một số nguyên', string: 'chuỗi ký tự', boolean: 'true hoặc false', object: 'một đối tượng', array: 'một danh sách' } as Record<string, string>)[t] ?? t;
}
