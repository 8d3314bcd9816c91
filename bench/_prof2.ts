import { performance } from 'node:perf_hooks';
import { openDatabase } from '../api/src/db/client';
import { createValuesRepository } from '../api/src/repositories/values';
const db = await openDatabase({ databaseUrl: 'postgres://postgres@127.0.0.1:5432/nq57_bench_national' });
const v = createValuesRepository(db);
const periods = (await db.query<{ id: number }>('select id from periods order by id desc limit 12')).map((r) => r.id);
const els = (await db.query<{ id: number }>('select id from data_elements order by id')).map((r) => r.id);
for (const n of [2, 10, 20, 27]) {
  const ts = [];
  for (let i = 0; i < 8; i++) { const t = performance.now(); await v.matrix([periods[i % 6], periods[(i % 6) + 1]], els.slice(0, n)); ts.push(performance.now() - t); }
  console.log('2 periods ×', n, 'elements', ts.map((x) => Math.round(x)).join(' '));
}
{ const ts = []; for (let i = 0; i < 5; i++) { const t = performance.now(); await v.matrix(periods.slice(0, 10), els.slice(0, 27)); ts.push(performance.now() - t); } console.log('10 periods × 27', ts.map(Math.round).join(' ')); }
console.log('elements', els.length);
await db.close();
