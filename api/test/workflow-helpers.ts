// Helpers for the write-side tests (rounds, submissions, permissions).
import { expect } from 'vitest';
import type { FastifyInstance, InjectOptions } from 'fastify';
import type { Database } from '../src/db/client';
import { login, type Session } from './helpers';

/**
 * A fingerprint of every table a refused request could have touched: if it is unchanged,
 * nothing was written (not even half).
 */
export async function fingerprint(database: Database) {
  const [row] = await database.query<Record<string, string | number>>(`
    select
      (select count(*)::int from periods) as periods,
      (select md5(coalesce(string_agg(code || status || coalesce(deadline::text, '') || name, ',' order by id), '')) from periods) as periods_md5,
      (select count(*)::int from period_elements) as period_elements,
      (select md5(coalesce(string_agg(id || status || version || coalesce(first_submitted_at::text, ''), ',' order by id), '')) from submissions) as submissions,
      (select md5(coalesce(string_agg(submission_id || ':' || element_id || ':' || coalesce(value::text, '') || ':' || coalesce(explanation, ''), ',' order by submission_id, element_id), '')) from submission_values) as submission_values,
      (select count(*)::int from submission_comments) as comments,
      (select count(*)::int from audit_log) as audit,
      (select md5(coalesce(string_agg(period_id || ':' || element_id || ':' || commune_id || ':' || value::text, ',' order by period_id, element_id, commune_id), '')) from data_values) as data_values`);
  return row;
}

export interface Who {
  admin: Session;
  leader: Session;
  /** xa.tinhkhe, officer of 21211 */
  tinhKhe: Session;
  /** xa.xop, officer of 23356 */
  xop: Session;
  mocay: Session;
}

export async function sessions(app: FastifyInstance): Promise<Who> {
  return {
    admin: await login(app, 'admin'),
    leader: await login(app, 'lanhdao'),
    tinhKhe: await login(app, 'xa.tinhkhe'),
    xop: await login(app, 'xa.xop'),
    mocay: await login(app, 'xa.mocay'),
  };
}

/** inject with a session (or anonymous), assert the status, return the JSON body */
export function caller(app: () => FastifyInstance) {
  return async (
    who: Session | null,
    method: InjectOptions['method'],
    url: string,
    payload: unknown,
    status: number,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read error and success bodies alike
  ): Promise<any> => {
    const headers = who ? (method === 'GET' ? { cookie: who.cookie } : who.headers) : {};
    const res = await app().inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
    expect(res.statusCode, `${method} ${url}: ${res.body.slice(0, 400)}`).toBe(status);
    return res.body ? res.json() : {};
  };
}

/** true when the text is Vietnamese with diacritics (not an English fallback) */
export const vietnamese = /[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/i;
