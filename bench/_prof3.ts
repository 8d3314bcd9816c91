import { performance } from 'node:perf_hooks';
import { openDatabase } from '../api/src/db/client';
const db = await openDatabase({ databaseUrl: 'postgres://postgres@127.0.0.1:5432/nq57_bench_national' });
const periods = (await db.query<{ id: number }>('select id from periods order by id desc limit 12')).map((r) => r.id);
const els = (await db.query<{ id: number }>('select id from data_elements order by id')).map((r) => r.id).slice(0, 20);
const A = `select period_id as p, element_id as e, array_agg(commune_id order by commune_id) as c, array_agg(value::float8 order by commune_id) as v, array_agg(approximate order by commune_id) as a from data_values where period_id = any($1::int[]) and element_id = any($2::int[]) group by period_id, element_id`;
const B = `select period_id as p, element_id as e, string_agg(commune_id::text, ',' order by commune_id) as c, string_agg(value::float8::text, ',' order by commune_id) as v, string_agg(case when approximate then commune_id::text end, ',') as a from data_values where period_id = any($1::int[]) and element_id = any($2::int[]) group by period_id, element_id`;
for (const [name, q] of [['arrays', A], ['strings', B]] as const) {
  for (const np of [2, 10]) {
    const ts = [];
    for (let i = 0; i < 8; i++) {
      const t = performance.now();
      const rows = await db.query<any>(q, [periods.slice(i % 2, (i % 2) + np), els]);
      let n = 0;
      if (name === 'strings') for (const r of rows) { const c = r.c.split(','); const v = r.v.split(','); for (let k = 0; k < c.length; k++) n += Number(c[k]) + Number(v[k]); }
      else for (const r of rows) n += r.c.length + r.v.length;
      ts.push(performance.now() - t);
    }
    console.log(name, np, 'periods', ts.map(Math.round).join(' '));
  }
}
await db.close();
