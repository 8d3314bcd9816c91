import { performance } from 'node:perf_hooks';
import { openDatabase } from '../api/src/db/client';
import { createValuesRepository } from '../api/src/repositories/values';
const db = await openDatabase({ databaseUrl: 'postgres://postgres@127.0.0.1:5432/nq57_bench_national' });
const v = createValuesRepository(db);
const periods = (await db.query<{ id: number }>('select id from periods order by id desc limit 12')).map((r) => r.id);
const els = [2, 1, 4, 3, 11, 10, 13, 15, 21, 22, 24, 23];
const n = els.length;
const scalar = `select period_id as "periodId", commune_id as "communeId",
  bit_or(case when approximate then (1 << (array_position($2::int[], element_id) - 1)) else 0 end)::int as "approxMask",
  ${els.map((_, k) => `max(value::float8) filter (where element_id = $${k + 3}::int) as e${k}`).join(',')}
  from data_values where period_id = any($1::int[]) and element_id = any($2::int[]) group by period_id, commune_id`;
const noMask = `select period_id as "periodId", commune_id as "communeId",
  ${els.map((_, k) => `max(value::float8) filter (where element_id = $${k + 3}::int) as e${k}`).join(',')}
  from data_values where period_id = any($1::int[]) and element_id = any($2::int[]) group by period_id, commune_id`;
for (let round = 0; round < 3; round++) {
  const t = [[], [], []] as number[][];
  for (let i = 0; i < 8; i++) {
    const ps = [periods[i % 6], periods[(i % 6) + 1]];
    let s = performance.now(); await v.matrix(ps, els); t[0].push(performance.now() - s);
    s = performance.now(); await db.query(scalar, [ps, els, ...els]); t[1].push(performance.now() - s);
    s = performance.now(); await db.query(noMask, [ps, els, ...els]); t[2].push(performance.now() - s);
  }
  const med = (x: number[]) => Math.round([...x].sort((a, b) => a - b)[4]);
  console.log('current', med(t[0]), '| scalar params', med(t[1]), '| scalar no mask', med(t[2]));
}
await db.close();
