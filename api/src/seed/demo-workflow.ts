// The demo's reporting workflow: who submitted what, when, and what the Sở did with it.
// Closed rounds: every commune that has figures submitted them and the Sở approved them
// (mostly on time; Đăk Pxi often late; Mô Rai missing the latest), which gives the on-time
// reporting indicator its history. The open round: communes stand in every state (approved,
// submitted, submitted late, returned with a comment, drafting, not started), so a newcomer
// sees the whole workflow at once. Deterministic: fixed dates, hashed choices, no clock.
import { checkFigures, onTimeCounts, unexplained, type CheckElement, type FigureSet } from '@nq57/shared';
import { DEMO_OFFICERS } from '../auth/bootstrap';
import type { CommuneRow } from './catalogue';
import { LATE_REPORTER, SILENT_COMMUNE, addDays, prng, type DemoPeriod, type DemoValue } from './demo';

export type DemoState = 'approved' | 'submitted' | 'submitted_late' | 'returned' | 'draft' | 'not_started';

export interface DemoAudit {
  at: string;
  actor: string;
  element: string | null;
  oldValue: number | null;
  newValue: number | null;
  how: 'form' | 'submit' | 'approval' | 'return';
  comment: string | null;
}

export interface DemoSubmission {
  periodCode: string;
  communeCode: string;
  status: 'draft' | 'submitted' | 'returned' | 'approved';
  version: number;
  startedAt: string;
  updatedAt: string;
  updatedBy: string;
  submittedAt: string | null;
  submittedBy: string | null;
  firstSubmittedAt: string | null;
  approvedAt: string | null;
  approvedBy: string | null;
  values: Record<string, number>;
  explanations: Record<string, string>;
  comments: { kind: 'submit' | 'return' | 'approve'; body: string; author: string; at: string }[];
  audit: DemoAudit[];
}

export interface DemoWorkflow {
  submissions: DemoSubmission[];
  /** figures to publish: the open round's approved ones and the on-time figures of closed rounds */
  published: DemoValue[];
  /** element codes each round asks for */
  roundElements: Map<string, string[]>;
  /** the open round's state of each commune (for tests and the README) */
  states: Map<string, DemoState>;
}

/** The demo officer communes' states in the open round (README, issue 4). */
export const FIXED_STATES: Record<string, DemoState> = {
  '21211': 'draft', // Tịnh Khê: a form to fill for a newcomer signing in as xa.tinhkhe
  '23356': 'returned', // Xốp: returned with a comment
  '21472': 'approved', // Khánh Cường
  '21421': 'submitted', // Mỏ Cày
  [LATE_REPORTER]: 'submitted_late', // Đăk Pxi
  [SILENT_COMMUNE]: 'not_started', // Mô Rai
};

/** Shares of the open round's states (≈ 40 / 15 / 5 / 5 / 10 / 21 of 96). */
const SHARES: [DemoState, number][] = [
  ['approved', 40],
  ['submitted', 15],
  ['submitted_late', 5],
  ['returned', 5],
  ['draft', 10],
  ['not_started', 21],
];

/** Figures that come only with the longer rounds (budget for next year, infrastructure coverage). */
const LONG_ROUND_ONLY = new Set(['budget_requested_vnd', 'budget_spent_unfunded_vnd', 'mobile_broadband_pct', 'coverage_5g_pct', 'fixed_broadband_pct']);

export function roundElementCodes(p: DemoPeriod, formElements: string[]): string[] {
  return p.kind === 'year' || p.kind === 'nine_months' ? formElements : formElements.filter((e) => !LONG_ROUND_ONLY.has(e));
}

const RETURN_COMMENTS = [
  'Số hồ sơ tiếp nhận trực tuyến chưa khớp với Cổng dịch vụ công của tỉnh; đề nghị xã đối chiếu lại và nộp lại.',
  'Số Tổ công nghệ số cộng đồng ở thôn cao hơn báo cáo quý trước mà chưa có giải trình rõ; đề nghị xã bổ sung quyết định thành lập tổ.',
  'Số người học Bình dân học vụ số chưa cập nhật theo số liệu trên nền tảng của tỉnh ngày 31/10; đề nghị xã cập nhật.',
  'Tỷ lệ văn bản ký số cần tính trên tổng số văn bản đi, không kể văn bản mật; đề nghị xã tính lại.',
  'Số nhiệm vụ NQ 71 đã hoàn thành chưa kèm danh sách; đề nghị xã gửi kèm và nộp lại.',
];

const EXPLANATION = 'Xã đã rà soát lại với sổ theo dõi, số liệu đúng.';

const hash = (s: string) => [...s].reduce((h, c) => (Math.imul(h, 31) + c.charCodeAt(0)) >>> 0, 2166136261);
const at = (day: string, time: string) => `${day}T${time}:00+07:00`;
const pad = (n: number) => String(n).padStart(2, '0');

export function officerOf(c: CommuneRow): string {
  const demo = DEMO_OFFICERS.find((o) => o.communeCode === c.code);
  if (demo) return demo.username;
  // communes without a demo account: a readable name, clearly not a user name
  return `Cán bộ ${c.name.charAt(0).toLowerCase()}${c.name.slice(1)}`;
}

export function generateDemoWorkflow(
  communes: CommuneRow[],
  periods: DemoPeriod[],
  values: DemoValue[],
  elements: CheckElement[],
  formElements: string[],
): DemoWorkflow {
  const roundElements = new Map(periods.map((p) => [p.code, roundElementCodes(p, formElements)]));
  const byRoundCommune = new Map<string, Record<string, number>>();
  const updatedAtOf = new Map<string, string>();
  for (const v of values) {
    const k = `${v.periodCode}|${v.communeCode}`;
    (byRoundCommune.get(k) ?? byRoundCommune.set(k, {}).get(k)!)[v.element] = v.value;
    if (v.source === 'demo') updatedAtOf.set(k, v.updatedAt);
  }
  const submissions: DemoSubmission[] = [];
  const published: DemoValue[] = [];
  const states = new Map<string, DemoState>();
  const elementByCode = new Map(elements.map((e) => [e.code, e]));

  // ── closed rounds: approved, mostly on time ──
  const closed = periods.filter((p) => p.status === 'closed').sort((a, b) => a.endDate.localeCompare(b.endDate));
  for (const [i, p] of closed.entries()) {
    const asked = new Set(roundElements.get(p.code));
    for (const c of communes) {
      const figures = byRoundCommune.get(`${p.code}|${c.code}`);
      if (!figures) continue; // Mô Rai in the latest closed round: nothing came
      const rnd = prng(hash(`${c.code}|hist|${p.code}`));
      let first = updatedAtOf.get(`${p.code}|${c.code}`) ?? at(addDays(p.deadline, -1), '10:00');
      const late = c.code === LATE_REPORTER ? i % 2 === 1 || i === closed.length - 1 : rnd() < 0.05;
      if (late && first.slice(0, 10) <= p.deadline) first = at(addDays(p.deadline, 1 + Math.floor(rnd() * 6)), '09:30');
      const officer = officerOf(c);
      const approvedAt = at(addDays(first.slice(0, 10), 2), '10:00');
      submissions.push({
        periodCode: p.code,
        communeCode: c.code,
        status: 'approved',
        version: 3,
        startedAt: at(addDays(first.slice(0, 10), -2), '08:00'),
        updatedAt: approvedAt,
        updatedBy: 'admin',
        submittedAt: first,
        submittedBy: officer,
        firstSubmittedAt: first,
        approvedAt,
        approvedBy: 'admin',
        values: Object.fromEntries(Object.entries(figures).filter(([e]) => asked.has(e))),
        explanations: {},
        comments: [],
        audit: [],
      });
    }
  }

  // ── open rounds: every state ──
  for (const p of periods.filter((x) => x.status === 'open')) {
    const asked = roundElements.get(p.code)!;
    const codes = communes.map((c) => c.code);
    const order = [...codes].sort((a, b) => hash(`${a}|${p.code}`) - hash(`${b}|${p.code}`) || a.localeCompare(b));
    const quota = new Map<DemoState, number>();
    const total = SHARES.reduce((s, [, n]) => s + n, 0);
    let given = 0;
    for (const [k, [state, n]] of SHARES.entries()) {
      const q = k === SHARES.length - 1 ? codes.length - given : Math.round((codes.length * n) / total);
      quota.set(state, q);
      given += q;
    }
    for (const code of codes) {
      const fixed = FIXED_STATES[code];
      if (fixed) {
        states.set(code, fixed);
        quota.set(fixed, (quota.get(fixed) ?? 0) - 1);
      }
    }
    for (const code of order) {
      if (states.has(code)) continue;
      const state = SHARES.map(([s]) => s).find((s) => (quota.get(s) ?? 0) > 0) ?? 'not_started';
      states.set(code, state);
      quota.set(state, (quota.get(state) ?? 0) - 1);
    }

    const communeByCode = new Map(communes.map((c) => [c.code, c]));
    const full = (code: string) => {
      const f = byRoundCommune.get(`${p.code}|${code}`) ?? {};
      return Object.fromEntries(asked.filter((e) => f[e] !== undefined).map((e) => [e, f[e]]));
    };
    // peers for the outlier check: the approved figures of same-type communes in this round
    const approvedOfType = (type: string, except: string) => {
      const out: Record<string, { value: number; population: number | null }[]> = {};
      for (const [code, s] of states) {
        if (s !== 'approved' || code === except || communeByCode.get(code)!.type !== type) continue;
        const population = communeByCode.get(code)!.population ?? null;
        for (const [e, v] of Object.entries(full(code))) (out[e] ??= []).push({ value: v, population });
      }
      return out;
    };
    const villagesOf = (code: string) => {
      for (const q of [...closed].reverse()) {
        const v = byRoundCommune.get(`${q.code}|${code}`)?.villages;
        if (v !== undefined) return v;
      }
      return null;
    };
    const askedElements = asked.map((e) => elementByCode.get(e)!).filter(Boolean);
    const drafts = order.filter((code) => states.get(code) === 'draft' && !FIXED_STATES[code]);
    const errorDraft = drafts[0];
    const warningDraft = drafts.find((code) => code !== errorDraft && communeByCode.get(code)!.type === 'xã');
    let returnedCount = 0;

    for (const c of communes) {
      const state = states.get(c.code)!;
      if (state === 'not_started') continue;
      const rnd = prng(hash(`${c.code}|wf|${p.code}`));
      const officer = officerOf(c);
      const started = at(addDays(p.endDate, 1 + Math.floor(rnd() * 5)), `${pad(8 + Math.floor(rnd() * 3))}:${pad(Math.floor(rnd() * 60))}`);
      let figures = full(c.code);
      if (state === 'draft') {
        // part of the form filled, in form order
        const share = c.code === '21211' ? 0.55 : 0.3 + rnd() * 0.6;
        figures = Object.fromEntries(Object.entries(figures).slice(0, Math.max(3, Math.round(asked.length * share))));
        if (c.code === errorDraft && figures.dossiers_received !== undefined) {
          figures.dossiers_online = figures.dossiers_received + 25; // more online than received: blocks submission
        }
        if (c.code === warningDraft) {
          const peers = approvedOfType('xã', c.code).digital_certificates ?? [{ value: 40, population: c.population ?? null }];
          // far beyond similar communes per head: needs a line
          const perHead = Math.max(...peers.map((p) => p.value / (p.population || 1)));
          figures.digital_certificates = Math.round(perHead * (c.population || 1) * 6);
        }
      }
      const ctx = { elements: askedElements, peers: approvedOfType(c.type, c.code), villages: villagesOf(c.code), population: c.population ?? null };
      const check = checkFigures(figures as FigureSet, ctx);
      const explanations: Record<string, string> = {};
      for (const w of check.warnings) if (c.code !== warningDraft) explanations[w.element] = EXPLANATION;
      if (state !== 'draft' && (check.errors.length || unexplained(check.warnings, explanations).length)) {
        throw new Error(`demo: ${c.code} in ${state} would not pass its own checks`);
      }

      const audit: DemoAudit[] = Object.entries(figures).map(([e, v]) => ({ at: started, actor: officer, element: e, oldValue: null, newValue: v, how: 'form', comment: null }));
      const sub: DemoSubmission = {
        periodCode: p.code,
        communeCode: c.code,
        status: 'draft',
        version: 1 + Math.floor(rnd() * 3),
        startedAt: started,
        updatedAt: started,
        updatedBy: officer,
        submittedAt: null,
        submittedBy: null,
        firstSubmittedAt: null,
        approvedAt: null,
        approvedBy: null,
        values: figures,
        explanations,
        comments: [],
        audit,
      };
      const submit = (when: string) => {
        sub.status = 'submitted';
        sub.version++;
        sub.submittedAt = when;
        sub.submittedBy = officer;
        sub.firstSubmittedAt ??= when;
        sub.updatedAt = when;
        sub.updatedBy = officer;
        sub.comments.push({ kind: 'submit', body: 'Đã nộp số liệu', author: officer, at: when });
        audit.push({ at: when, actor: officer, element: null, oldValue: null, newValue: null, how: 'submit', comment: 'Đã nộp số liệu' });
      };
      if (state === 'draft') {
        const last = at(addDays(p.deadline, 2 + Math.floor(rnd() * 10)), '15:40');
        sub.updatedAt = last;
      } else if (state === 'submitted_late') {
        const days = c.code === LATE_REPORTER ? 7 : 2 + Math.floor(rnd() * 9);
        submit(at(addDays(p.deadline, days), '10:15'));
      } else {
        const first = at(addDays(p.deadline, -Math.floor(rnd() * 8)), `${pad(13 + Math.floor(rnd() * 4))}:${pad(Math.floor(rnd() * 60))}`);
        submit(first);
        if (state === 'returned') {
          const when = at(addDays(first.slice(0, 10), 2), '14:00');
          const body = c.code === '23356' ? RETURN_COMMENTS[0] : RETURN_COMMENTS[(returnedCount % (RETURN_COMMENTS.length - 1)) + 1];
          returnedCount++;
          sub.status = 'returned';
          sub.version++;
          sub.updatedAt = when;
          sub.updatedBy = 'admin';
          sub.comments.push({ kind: 'return', body, author: 'admin', at: when });
          audit.push({ at: when, actor: 'admin', element: null, oldValue: null, newValue: null, how: 'return', comment: body });
        } else if (state === 'approved') {
          const when = at(addDays(first.slice(0, 10), 1 + Math.floor(rnd() * 3)), '09:30');
          sub.status = 'approved';
          sub.version++;
          sub.approvedAt = when;
          sub.approvedBy = 'admin';
          sub.updatedAt = when;
          sub.updatedBy = 'admin';
          for (const [e, v] of Object.entries(figures)) {
            audit.push({ at: when, actor: 'admin', element: e, oldValue: null, newValue: v, how: 'approval', comment: null });
            published.push({ periodCode: p.code, communeCode: c.code, element: e, value: v, approximate: false, asOf: null, source: 'form', note: null, updatedAt: when, updatedBy: officer });
          }
          audit.push({ at: when, actor: 'admin', element: null, oldValue: null, newValue: null, how: 'approval', comment: 'Duyệt số liệu' });
        }
      }
      submissions.push(sub);
    }
  }

  // ── on-time reporting of the closed rounds (what closing each of them wrote) ──
  const ids = new Map(periods.map((p, i) => [p.code, i]));
  const communeIds = new Map(communes.map((c, i) => [c.code, i]));
  const firsts = submissions
    .filter((s) => s.firstSubmittedAt)
    .map((s) => ({ periodId: ids.get(s.periodCode)!, communeId: communeIds.get(s.communeCode)!, firstSubmittedAt: s.firstSubmittedAt!, firstImportedAt: null, published: true }));
  const roundRefs = periods.map((p) => ({ id: ids.get(p.code)!, deadline: p.deadline, endDate: p.endDate }));
  for (const p of closed) {
    const counts = onTimeCounts(roundRefs[ids.get(p.code)!], roundRefs, firsts, [...communeIds.values()]);
    const when = at(addDays(p.deadline, 10), '17:00');
    for (const c of communes) {
      const n = counts.get(communeIds.get(c.code)!)!;
      for (const [element, value] of [['reports_due', n.due], ['reports_on_time', n.onTime]] as const) {
        published.push({ periodCode: p.code, communeCode: c.code, element, value, approximate: false, asOf: null, source: 'system', note: null, updatedAt: when, updatedBy: 'system' });
      }
    }
  }
  return { submissions, published, roundElements, states };
}
