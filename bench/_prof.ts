import { performance } from 'node:perf_hooks';
import { buildApp } from '../api/src/app';
import { loadConfig } from '../api/src/config';
import { openDatabase } from '../api/src/db/client';
const db = await openDatabase({ databaseUrl: 'postgres://postgres@127.0.0.1:5432/nq57_bench_national' });
const app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent' }), database: db, logger: false, webDist: null, responseCache: false });
const svc = app.rankings;
const snap = await svc.snapshot();
const periods = snap.periods.filter((p) => p.communesReported > 0).map((p) => p.code);
const codes = snap.communes.map((c) => c.code);
const what = process.argv[2] ?? 'composite';
const N = Number(process.argv[3] ?? 10);
const ts: number[] = [];
for (let i = 0; i < N; i++) {
  const t = performance.now();
  if (what === 'composite') await svc.composite({ period: periods[i % periods.length] });
  else if (what === 'standing') await svc.standing(codes[(i * 37) % codes.length], periods[0]);
  else await svc.rankings({ indicator: snap.indicators[i % snap.indicators.length].code, period: periods[i % periods.length] });
  ts.push(performance.now() - t);
}
console.log(what, ts.map((x) => Math.round(x)).join(' '));
if (process.argv[4] === 'route') {
  const t = performance.now();
  const r = await app.inject(`/api/rankings/composite?period=${periods[0]}`);
  console.log('route composite', Math.round(performance.now() - t), 'ms', r.rawPayload.length, 'bytes');
}
await app.close();
await db.close();
