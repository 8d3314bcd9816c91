// What the shared checkFigures needs to check one commune's figures in one round: the elements the
// round asks for (with their plausible limits), the commune's approved figures of the round it is
// compared with, similar communes' figures, its villages and population. The import builds the same
// context for every commune at once (services/import/checks.ts); api/test/import.test.ts compares
// the two for many communes of several rounds, so a rule changed here and not there fails.
import { OUTLIER_MIN_PEERS, comparisonPeriod, type CheckContext, type CheckElement, type FigureSet, type PeerFigure } from '@nq57/shared';
import { notFound } from '../../errors';
import type { ElementRecord } from '../../repositories/catalogue';
import type { PeerRow } from '../../repositories/published';
import type { RoundRecord } from '../../repositories/rounds';
import type { StoredValue } from '../../repositories/submissions';
import { allRounds, elementIndex, roundElements, type WriteContext } from './context';

export interface LoadedContext {
  round: RoundRecord;
  /** the elements the round asks for, in form order */
  elements: ElementRecord[];
  context: CheckContext;
  /** approved values of the comparison round, shown beside each field */
  previousByCode: Record<string, number>;
  comparedWith: RoundRecord | null;
}

/** An element as checkFigures sees it, limits included (the import's batch context uses it too). */
export const checkElementOf = (e: ElementRecord): CheckElement => ({ code: e.code, name: e.name, unit: e.unit, max: e.max, maxPerHead: e.maxPerHead });

/**
 * The round a form is compared with: the latest earlier round of the same kind among those with
 * published figures (shared comparisonPeriod). Read once per context.
 */
export async function comparedWithOf(w: WriteContext, round: RoundRecord): Promise<RoundRecord | null> {
  const rounds = await allRounds(w);
  const withFigures = await w.once('withFigures', () => w.published.roundsWithFigures());
  const ref = comparisonPeriod(
    rounds.filter((r) => withFigures.has(r.id) || r.id === round.id),
    round,
  );
  return ref ? (rounds.find((r) => r.code === ref.code) ?? null) : null;
}

/**
 * What checkFigures needs. The "3× the previous round" warning compares like with like only:
 * a month's dossier count is about a third of a quarter's by nature, so against a round of
 * another kind every field would ask for an explanation. The previous value is still shown
 * beside the field whatever the kind. The "far from similar communes" warning applies to a
 * field the commune has no figure for in that previous round (see docs/decisions/006).
 */
export async function loadCheckContext(w: WriteContext, periodId: number, communeId: number): Promise<LoadedContext> {
  const round = await w.once(`round|${periodId}`, () => w.rounds.byId(periodId));
  if (!round) throw notFound.period();
  const { byId } = await elementIndex(w);
  const elements = await roundElements(w, periodId);
  const askedIds = elements.map((e) => e.id);

  const comparedWith = await comparedWithOf(w, round);
  const previousByCode: Record<string, number> = {};
  if (comparedWith) {
    for (const [id, v] of await w.published.ofCommune(comparedWith.id, communeId)) {
      const e = byId.get(id);
      if (e) previousByCode[e.code] = v;
    }
  }
  const sameKind = comparedWith !== null && comparedWith.kind === round.kind;

  const me = await w.catalogue.communeById(communeId);
  const type = me?.type ?? 'xã';
  const peerValues = async (pid: number) => {
    // every same-type commune's figures of that round (this one left out below)
    const all: PeerRow[] = await w.once(`peers|${pid}|${type}|${periodId}`, () => w.published.peers(pid, askedIds, type));
    const out = new Map<number, PeerFigure[]>();
    for (const r of all) {
      if (r.communeId === communeId) continue;
      const list = out.get(r.elementId) ?? [];
      list.push({ value: r.value, population: r.population });
      out.set(r.elementId, list);
    }
    return out;
  };
  const here = await peerValues(periodId);
  const before = sameKind ? await peerValues(comparedWith!.id) : new Map<number, PeerFigure[]>();
  const peers: Record<string, PeerFigure[]> = {};
  for (const e of elements) {
    // a commune with its own figure last round is judged against itself (the 3× rule): a big
    // commune is "far from similar communes" every round by nature, and would explain it every time
    if (sameKind && previousByCode[e.code] !== undefined) continue;
    const list = here.get(e.id) ?? [];
    peers[e.code] = list.length >= OUTLIER_MIN_PEERS ? list : (before.get(e.id) ?? list);
  }
  return {
    round,
    elements,
    comparedWith,
    previousByCode,
    context: {
      elements: elements.map(checkElementOf),
      previous: sameKind ? previousByCode : undefined,
      peers,
      villages: me?.villages ?? null,
      population: me?.population ?? null,
    },
  };
}

/** The stored figures of the asked elements, as checkFigures reads them. */
export function figuresOf(values: Map<number, StoredValue>, elements: ElementRecord[]): FigureSet {
  const out: FigureSet = {};
  for (const e of elements) {
    const v = values.get(e.id);
    if (v && v.value !== null) out[e.code] = v.value;
  }
  return out;
}

/** The stored one-line explanations of the asked elements, by element code. */
export function explanationsOf(values: Map<number, StoredValue>, elements: ElementRecord[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of elements) {
    const x = values.get(e.id)?.explanation;
    if (x) out[e.code] = x;
  }
  return out;
}
