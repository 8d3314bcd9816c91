// `npm run bench reports`: how well the report reader (shared/src/domain/reader.ts) reads the three
// real commune reports in ../shared/reports, against the figures written out by hand in
// seed/real-figures.json. Precision = correct proposals / proposals; recall = figures found /
// figures the report states. Also the time one reading takes and whether the commune was
// recognised. Runs without a database.
import { performance } from 'node:perf_hooks';
import { readFileSync } from 'node:fs';
import { readReport } from '../shared/src/index';
import { REPORT_FILES, REPORTS_DIR, communes, ratio, readerCatalogue, reportsPresent, scoreReport, scoreSynthetic, syntheticReports, type ReportScore } from '../shared/test/readerScore';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export async function reports(results: Record<string, unknown>) {
  if (!reportsPresent()) {
    console.log('reports: ../shared/reports is absent, nothing to measure');
    return;
  }
  const rows = [];
  let proposals = 0;
  let correct = 0;
  let stated = 0;
  let found = 0;
  for (const code of Object.keys(REPORT_FILES)) {
    const s = scoreReport(code);
    const text = readFileSync(new URL(s.file, REPORTS_DIR), 'utf8');
    const t0 = performance.now();
    for (let i = 0; i < 5; i++) readReport(text, readerCatalogue, { communes });
    const ms = (performance.now() - t0) / 5;
    proposals += s.proposals;
    correct += s.correct;
    stated += s.stated;
    found += s.found;
    const row = {
      report: s.file,
      commune: s.result.commune?.code === code ? 'recognised' : `NOT recognised (${s.result.commune?.name ?? 'none'})`,
      proposals: s.proposals,
      correct: s.correct,
      precision: ratio(s.correct, s.proposals),
      stated: s.stated,
      found: s.found,
      recall: ratio(s.found, s.stated),
      asOf: `${s.asOfAgree}/${s.asOfCompared}`,
      ms: Math.round(ms),
      wrong: s.wrong.map((c) => `${c.element}=${c.value} «${c.quote.replace(/\s+/g, ' ').slice(0, 80)}»`),
      missed: s.missed.map((e) => `${e.element}=${e.value}`),
    };
    rows.push(row);
    console.log(
      `${s.file.padEnd(32)} precision ${pct(row.precision)} (${s.correct}/${s.proposals})  recall ${pct(row.recall)} (${s.found}/${s.stated})  as-of ${row.asOf}  commune ${row.commune}  ${row.ms} ms`,
    );
    for (const w of row.wrong) console.log(`    wrong:  ${w}`);
    for (const m of row.missed) console.log(`    missed: ${m}`);
  }
  const overall = { proposals, correct, precision: ratio(correct, proposals), stated, found, recall: ratio(found, stated) };
  console.log(`${'overall'.padEnd(32)} precision ${pct(overall.precision)} (${correct}/${proposals})  recall ${pct(overall.recall)} (${found}/${stated})`);
  // the synthetic reports of the tests, apart: written by the hand that wrote the cues, they
  // catch regressions but prove nothing about unseen reports
  console.log('synthetic reports (shared/test/fixtures/reports, written for the tests):');
  const synthetic = syntheticReports.map((r) => line(scoreSynthetic(r.file)));
  console.log('time on texts no report looks like:');
  // texts no report looks like, which must still come back in time (the upload size limit bounds
  // the rest): no regular expression may backtrack over them
  const worst: Record<string, number> = {};
  for (const [name, text] of [
    ['20 reports in one text', readFileSync(new URL(REPORT_FILES['21421'], REPORTS_DIR), 'utf8').repeat(20)],
    ['300 000 letters, no space', 'a'.repeat(300_000)],
    ['"1." 50 000 times', '1.'.repeat(50_000)],
    ['3 000 figures in one sentence', Array.from({ length: 3000 }, (_, i) => `${i} hồ sơ tiếp nhận`).join(', ')],
  ] as const) {
    const t0 = performance.now();
    readReport(text, readerCatalogue, { communes });
    worst[name] = Math.round(performance.now() - t0);
    console.log(`  ${name.padEnd(32)} ${worst[name]} ms`);
  }
  results.reports = { rows, overall, synthetic, worst };
}

function line(s: ReportScore) {
  console.log(`  ${s.file.padEnd(32)} precision ${pct(ratio(s.correct, s.proposals))} (${s.correct}/${s.proposals})  recall ${pct(ratio(s.found, s.stated))} (${s.found}/${s.stated})`);
  for (const c of s.wrong) console.log(`      wrong:  ${c.element}=${c.value}`);
  for (const e of s.missed) console.log(`      missed: ${e.element}=${e.value}`);
  return { report: s.file, proposals: s.proposals, correct: s.correct, stated: s.stated, found: s.found };
}
