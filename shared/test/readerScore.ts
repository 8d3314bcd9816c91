// Scoring the report reader against the figures a person wrote out by hand from the three real
// reports (seed/real-figures.json). Used by reader.test.ts and by `npm run bench reports`.
//
// precision = correct proposals / proposals; recall = figures found / figures the report states.
// A proposal is correct when its element and value are a figure of the report (or a value the
// report also states for that element, `alsoStated`: two sentences that disagree).
import { existsSync, readFileSync } from 'node:fs';
import { readReport, type Candidate, type ReaderCatalogue, type ReadResult } from '../src/index';
import { catalogue, communes, seed } from './fixtures';

export { communes };

/** The real reports live beside the repository (test data only; absent outside this workspace). */
export const REPORTS_DIR = new URL('../../../shared/reports/', import.meta.url);
export const reportsPresent = () => existsSync(REPORTS_DIR);

export const readerCatalogue: ReaderCatalogue = catalogue;

export interface ExpectedFigure {
  element: string;
  value: number;
  asOf: string | null;
  approximate: boolean;
  quote: string;
  note?: string;
  alsoStated?: number[];
}

interface RealFigures {
  reports: { communeCode: string; communeName: string; figures: ExpectedFigure[] }[];
}

export const realFigures: RealFigures = JSON.parse(readFileSync(seed('real-figures.json'), 'utf8'));

/** Which file holds which commune's report. */
export const REPORT_FILES: Record<string, string> = {
  '23356': 'xa-xop-2025-annual.txt',
  '21472': 'xa-khanh-cuong-2025-annual.txt',
  '21421': 'xa-mo-cay-2025-nq57.txt',
};

export interface ReportScore {
  communeCode: string;
  communeName: string;
  file: string;
  result: ReadResult;
  proposals: number;
  correct: number;
  stated: number;
  found: number;
  wrong: Candidate[];
  missed: ExpectedFigure[];
  /** correct proposals whose as-of date is the one written out by hand (where it gives one) */
  asOfAgree: number;
  asOfCompared: number;
}

export function isCorrect(c: Candidate, expected: ExpectedFigure[]): boolean {
  return expected.some((e) => e.element === c.element && (e.value === c.value || (e.alsoStated ?? []).includes(c.value)));
}

export function scoreReport(communeCode: string): ReportScore {
  const report = realFigures.reports.find((r) => r.communeCode === communeCode)!;
  const file = REPORT_FILES[communeCode];
  const text = readFileSync(new URL(file, REPORTS_DIR), 'utf8');
  return score(communeCode, report.communeName, file, text, report.figures);
}

// Reports written by hand for the tests (fixtures/reports): other wording, number forms and
// traps than the three real ones. They guard against regressions; being written by the same
// hand as the reader's cues, they are no proof that it reads unseen reports.
const SYNTHETIC_DIR = new URL('./fixtures/reports/', import.meta.url);
export const syntheticReports: { file: string; communeCode: string; figures: ExpectedFigure[] }[] = JSON.parse(
  readFileSync(new URL('expected.json', SYNTHETIC_DIR), 'utf8'),
).reports.map((r: { file: string; communeCode: string; figures: { element: string; value: number }[] }) => ({
  ...r,
  figures: r.figures.map((f) => ({ asOf: null, approximate: false, quote: '', ...f })),
}));

export function syntheticText(file: string): string {
  return readFileSync(new URL(file, SYNTHETIC_DIR), 'utf8');
}

export function scoreSynthetic(file: string): ReportScore {
  const r = syntheticReports.find((x) => x.file === file)!;
  const name = communes.find((c) => c.code === r.communeCode)?.name ?? r.communeCode;
  return score(r.communeCode, name, file, syntheticText(file), r.figures);
}

function score(communeCode: string, communeName: string, file: string, text: string, expected: ExpectedFigure[]): ReportScore {
  const result = readReport(text, readerCatalogue, { communes });
  const wrong = result.candidates.filter((c) => !isCorrect(c, expected));
  const missed = expected.filter((e) => !result.candidates.some((c) => c.element === e.element && isCorrect(c, [e])));
  let asOfAgree = 0;
  let asOfCompared = 0;
  for (const c of result.candidates) {
    const e = expected.find((x) => x.element === c.element);
    if (!e || !isCorrect(c, [e]) || e.asOf === null) continue;
    asOfCompared++;
    // the API files an undated figure under the date the report is signed, as the person did
    if ((c.asOf ?? result.reportDate) === e.asOf) asOfAgree++;
  }
  return {
    communeCode,
    communeName,
    file,
    result,
    proposals: result.candidates.length,
    correct: result.candidates.length - wrong.length,
    stated: expected.length,
    found: expected.length - missed.length,
    wrong,
    missed,
    asOfAgree,
    asOfCompared,
  };
}

export const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
