import { performance } from 'node:perf_hooks';
import { openDatabase } from '../api/src/db/client';
import { createValuesRepository } from '../api/src/repositories/values';
const db = await openDatabase({ databaseUrl: 'postgres://postgres@127.0.0.1:5432/nq57_bench_national' });
const v = createValuesRepository(db);
const periods = (await db.query<{ id: number }>('select id from periods order by id desc limit 12')).map((r) => r.id);
const els = [2, 1, 4, 3, 11, 10, 13, 15, 21, 22, 24, 23];
const B = `select period_id as "p", commune_id as "c", array_agg(element_id) as e, array_agg(value::float8) as v, bool_or(approximate) as a from data_values where period_id = any($1::int[]) and element_id = any($2::int[]) group by period_id, commune_id`;
const C = `select period_id as "p", commune_id as "c", string_agg(element_id || ':' || value::float8, ',') as ev from data_values where period_id = any($1::int[]) and element_id = any($2::int[]) group by period_id, commune_id`;
for (let round = 0; round < 2; round++) {
  const t = [[], [], []] as number[][];
  for (let i = 0; i < 8; i++) {
    const ps = [periods[i % 6], periods[(i % 6) + 1]];
    let s = performance.now(); await v.matrix(ps, els); t[0].push(performance.now() - s);
    s = performance.now(); await db.query(B, [ps, els]); t[1].push(performance.now() - s);
    s = performance.now(); await db.query(C, [ps, els]); t[2].push(performance.now() - s);
  }
  console.log('pivot', t[0].map(Math.round).join(' '), '| arrays', t[1].map(Math.round).join(' '), '| strings', t[2].map(Math.round).join(' '));
}
await db.close();
