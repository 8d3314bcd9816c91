// Deterministic demo data: the same seed gives the same figures on every machine, so a
// screenshot, a test and a newcomer all see the same province. Figures are plausible for each
// commune's size and terrain (wards file more dossiers online than mountain communes of the
// former Kon Tum), improve over the rounds, have a few gaps and one late reporter, and carry
// the real figures of the three reports in seed/real-figures.json where those give them.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CommuneRow } from './catalogue';
import { seedDir } from './catalogue';

export interface DemoPeriod {
  code: string;
  name: string;
  kind: 'month' | 'quarter' | 'nine_months' | 'year';
  startDate: string;
  endDate: string;
  deadline: string;
  status: 'open' | 'closed';
  dataAsOf: string | null;
}

export interface DemoValue {
  periodCode: string;
  communeCode: string;
  element: string;
  value: number;
  approximate: boolean;
  asOf: string | null;
  source: string;
  note: string | null;
  updatedAt: string;
  /** who entered it (data_values.updated_by); 'demo' when absent */
  updatedBy?: string;
}

/** Rounds of the demo province: two consecutive quarters and more, an annual and a 9-month round. */
export const DEMO_PERIODS: DemoPeriod[] = [
  period('9m-2025', '9 tháng 2025', 'nine_months', '2025-01-01', '2025-09-30', '2025-10-05'),
  period('q3-2025', 'Quý III/2025', 'quarter', '2025-07-01', '2025-09-30', '2025-10-10'),
  period('q4-2025', 'Quý IV/2025', 'quarter', '2025-10-01', '2025-12-31', '2026-01-10'),
  period('year-2025', 'Năm 2025', 'year', '2025-01-01', '2025-12-31', '2025-12-15'),
  period('q1-2026', 'Quý I/2026', 'quarter', '2026-01-01', '2026-03-31', '2026-04-10'),
  period('q2-2026', 'Quý II/2026', 'quarter', '2026-04-01', '2026-06-30', '2026-07-10'),
  period('q3-2026', 'Quý III/2026', 'quarter', '2026-07-01', '2026-09-30', '2026-10-10'),
  // the round in progress: communes stand in every state of the workflow (see demo-workflow.ts)
  { code: 'm10-2026', name: 'Tháng 10/2026', kind: 'month', startDate: '2026-10-01', endDate: '2026-10-31', deadline: '2026-11-10', status: 'open', dataAsOf: null },
];

function period(code: string, name: string, kind: DemoPeriod['kind'], startDate: string, endDate: string, deadline: string): DemoPeriod {
  return { code, name, kind, startDate, endDate, deadline, status: 'closed', dataAsOf: deadline };
}

/** Mulberry32: tiny, fast and good enough for plausible demo figures. */
export function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hash = (s: string) => [...s].reduce((h, c) => (Math.imul(h, 31) + c.charCodeAt(0)) >>> 0, 2166136261);
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const months = (p: { startDate: string; endDate: string }) => {
  const [y1, m1] = p.startDate.split('-').map(Number);
  const [y2, m2] = p.endDate.split('-').map(Number);
  return (y2 - y1) * 12 + (m2 - m1) + 1;
};

/** The commune that files its figures after the deadline in the latest round. */
export const LATE_REPORTER = '23504'; // Xã Đăk Pxi (former Đăk Hà, Kon Tum)
/** The commune that has not reported at all in the latest round. */
export const SILENT_COMMUNE = '23536'; // Xã Mô Rai (Sa Thầy): remote, unmerged

export function generateDemoValues(communes: CommuneRow[], periods: DemoPeriod[] = DEMO_PERIODS, seed = 57): DemoValue[] {
  const out: DemoValue[] = [];
  const ordered = [...periods].sort((a, b) => a.endDate.localeCompare(b.endDate) || a.code.localeCompare(b.code));
  const first = ordered[0]?.endDate ?? '2025-01-01';
  // the late and the silent commune are about the latest CLOSED round; an open round is still coming in
  const latest = ordered.filter((p) => p.status === 'closed').at(-1);
  for (const c of communes) {
    const rnd = prng(seed ^ hash(c.code));
    const pop = c.population ?? 10000;
    const kontum = c.formerProvince === 'Kon Tum';
    const ward = c.type === 'phường';
    // capacity 0..1: wards and lowland communes higher, mountain communes lower, and noise
    const capacity = clamp((ward ? 0.75 : kontum ? 0.35 : 0.5) + (rnd() - 0.5) * 0.5, 0.05, 0.98);
    const villages = Math.round(clamp(pop / (ward ? 2600 : 1800) + rnd() * 4, 4, 40));
    const perMonthDossiers = pop * (ward ? 0.016 : 0.009) * (0.6 + rnd() * 0.8);
    const teamsAtStart = Math.round(villages * clamp(0.4 + capacity * 0.5 + rnd() * 0.2, 0, 1));
    const learnersShare = 0.02 + capacity * 0.14 + rnd() * 0.06;
    const budgetBase = Math.round((0.6 + rnd() * 6 + (ward ? 2 : 0)) * 1e9 / 1e6) * 1e6;
    const itStaff = 1 + Math.round(rnd() * (ward ? 3 : 1.5));
    const nq71Assigned = 12 + Math.round(rnd() * 8);

    for (const p of periods) {
      const prnd = prng(seed ^ hash(c.code + p.code));
      // progress 0..1 through the demo window: figures improve round after round
      const progress = clamp((Date.parse(p.endDate) - Date.parse(first)) / (365 * 24 * 3600e3), 0, 1.2);
      const isLatest = p.code === latest?.code;
      if (isLatest && c.code === SILENT_COMMUNE) continue;
      const updatedAt =
        isLatest && c.code === LATE_REPORTER
          ? addDays(p.deadline, 9) + 'T09:30:00+07:00'
          : addDays(p.deadline, -Math.floor(prnd() * 8)) + 'T16:00:00+07:00';
      const push = (element: string, value: number, approximate = false) => {
        // a few gaps: about 2% of figures are not reported (never on the five headline counts of wards)
        if (prnd() < 0.02 && !(ward && element.startsWith('dossiers_'))) return;
        out.push({
          periodCode: p.code,
          communeCode: c.code,
          element,
          value,
          approximate,
          asOf: null,
          source: 'demo',
          note: null,
          updatedAt,
        });
      };
      const m = months(p);
      const received = Math.round(perMonthDossiers * m * (0.85 + prnd() * 0.3));
      const onlineRate = clamp(0.45 + capacity * 0.4 + progress * 0.12 + (prnd() - 0.5) * 0.1, 0.2, 0.995);
      const online = Math.round(received * onlineRate);
      const resolved = Math.round(received * (0.93 + prnd() * 0.06));
      const onTime = Math.round(resolved * clamp(0.9 + capacity * 0.08 + progress * 0.03 + (prnd() - 0.5) * 0.04, 0.8, 1));
      push('dossiers_received', received);
      push('dossiers_online', online);
      push('dossiers_resolved', resolved);
      push('dossiers_on_time', onTime);
      push('dossiers_late', resolved - onTime);
      push('procedures_full_online', 138 + Math.round(prnd() * 7));
      push('procedures_partial_online', 228 + Math.round(prnd() * 12));
      push('dossiers_digitised_pct', round1(clamp(55 + capacity * 35 + progress * 15 + prnd() * 5, 0, 100)));
      push('online_payment_pct', round1(clamp(35 + capacity * 45 + progress * 15 + prnd() * 5, 0, 100)));
      push('villages', villages);
      const teams = Math.min(villages, teamsAtStart + Math.round(progress * villages * 0.35 * (0.5 + prnd() * 0.5)));
      push('cdt_village_teams', teams);
      push('cdt_members', teams * (5 + Math.round(prnd() * 3)) + 5);
      // Bình dân học vụ số counts are cumulative on the portal
      const learners = Math.round(pop * learnersShare * (0.35 + progress * 0.65) * (0.95 + prnd() * 0.1));
      push('bdhvs_learners', learners);
      push('bdhvs_topics_completed', Math.round(learners * (2.6 + prnd() * 1.4)));
      push('bdhvs_certificates', Math.round(learners * clamp(0.35 + capacity * 0.3 + progress * 0.15, 0, 0.95)));
      if (p.kind === 'year' || p.kind === 'nine_months') {
        // budget requests come with the longer rounds (for the following year)
        push('budget_requested_vnd', Math.round((budgetBase * (0.9 + prnd() * 0.2)) / 1e6) * 1e6);
        if (prnd() < 0.25) push('budget_spent_unfunded_vnd', Math.round(prnd() * 600) * 1e6);
        push('mobile_broadband_pct', Math.round(clamp(70 + capacity * 30 - (kontum ? 10 : 0), 40, 100)), true);
        push('coverage_5g_pct', Math.round(clamp(capacity * 40 + progress * 20 - (kontum ? 15 : 0), 0, 100)), true);
        push('fixed_broadband_pct', Math.round(clamp(40 + capacity * 50 - (kontum ? 15 : 0), 10, 100)));
      }
      push('esigned_docs_pct', round1(clamp(88 + capacity * 10 + prnd() * 3, 0, 100)));
      push('digital_certificates', 8 + Math.round(capacity * 30 + prnd() * 10));
      push('it_staff', itStaff);
      const met = Math.round(clamp(14 + capacity * 14 + progress * 6 + prnd() * 3, 0, 34));
      push('kh02_criteria_met', met);
      push('kh02_criteria_total', 34);
      push('nq71_tasks_assigned', nq71Assigned);
      push('nq71_tasks_done', Math.round(nq71Assigned * clamp(0.3 + capacity * 0.3 + progress * 0.35 + prnd() * 0.1, 0, 1)));
    }
  }
  return applyRealFigures(out, periods);
}

function round1(x: number) {
  return Math.round(x * 10) / 10;
}

export function addDays(iso: string, days: number): string {
  const d = new Date(iso + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

interface RealFigures {
  reports: {
    communeCode: string;
    document: string;
    round: string;
    figures: { element: string; value: number; asOf: string | null; approximate: boolean; note?: string }[];
  }[];
}

/** Replaces generated figures with the real ones from the three commune reports. */
function applyRealFigures(values: DemoValue[], periods: DemoPeriod[]): DemoValue[] {
  const real: RealFigures = JSON.parse(readFileSync(path.join(seedDir, 'real-figures.json'), 'utf8'));
  const byKey = new Map(values.map((v, i) => [`${v.periodCode}|${v.communeCode}|${v.element}`, i]));
  for (const r of real.reports) {
    const p = periods.find((x) => x.code === r.round);
    if (!p) continue;
    for (const f of r.figures) {
      const v: DemoValue = {
        periodCode: r.round,
        communeCode: r.communeCode,
        element: f.element,
        value: f.value,
        approximate: f.approximate,
        asOf: f.asOf,
        source: `report: ${r.document}`,
        note: f.note ?? null,
        updatedAt: addDays(p.deadline, -1) + 'T10:00:00+07:00',
      };
      const i = byKey.get(`${r.round}|${r.communeCode}|${f.element}`);
      if (i === undefined) values.push(v);
      else values[i] = v;
    }
    // keep pairs coherent: a real numerator must not sit over a generated denominator that is smaller
    fixPairs(values, r.round, r.communeCode);
  }
  return values;
}

function fixPairs(values: DemoValue[], periodCode: string, communeCode: string) {
  const get = (e: string) => values.find((v) => v.periodCode === periodCode && v.communeCode === communeCode && v.element === e);
  for (const [num, den] of [
    ['cdt_village_teams', 'villages'],
    ['dossiers_online', 'dossiers_received'],
    ['dossiers_on_time', 'dossiers_resolved'],
    ['bdhvs_certificates', 'bdhvs_learners'],
    ['nq71_tasks_done', 'nq71_tasks_assigned'],
  ] as const) {
    const n = get(num);
    const d = get(den);
    if (n && d && n.value > d.value) {
      if (n.source === 'demo') n.value = d.value;
      else if (d.source === 'demo') d.value = n.value;
    }
  }
}
