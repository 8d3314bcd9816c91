// The checks' context (previous round, similar communes, villages) for every commune of a round
// at once. The submissions service builds it one commune at a time (loadCheckContext, ~10 queries
// each); an import of 96 communes would ask ~1 000 queries for what a handful answer. The rules
// are the same and must stay so: api/test/import.test.ts compares this with loadCheckContext for
// every commune of several rounds, so a change there that is not made here fails the tests.
import { OUTLIER_MIN_PEERS, type CheckContext, type PeerFigure } from '@nq57/shared';
import { notFound } from '../../errors';
import { checkElementOf, comparedWithOf, elementIndex, roundElements, type WriteContext } from '../submissions';

export async function loadCheckContexts(w: WriteContext, periodId: number): Promise<Map<number, CheckContext>> {
  const round = await w.rounds.byId(periodId);
  if (!round) throw notFound.period();
  const [{ byId }, elements, communes, comparedWith] = await Promise.all([
    elementIndex(w),
    roundElements(w, periodId),
    w.catalogue.communes(),
    comparedWithOf(w, round),
  ]);
  const askedIds = elements.map((e) => e.id);
  const sameKind = comparedWith !== null && comparedWith.kind === round.kind;

  // previous figures of every commune (all elements, as the form shows them)
  const previous = new Map<number, Record<string, number>>();
  if (comparedWith) {
    for (const v of await w.published.ofRound(comparedWith.id)) {
      const e = byId.get(v.elementId);
      if (!e) continue;
      if (!previous.has(v.communeId)) previous.set(v.communeId, {});
      previous.get(v.communeId)![e.code] = v.value;
    }
  }

  // every value of the round (and of the previous one of the same kind), by commune type and element
  type Pool = Map<string, Map<number, { communeId: number; value: number }[]>>;
  const pool = async (pid: number): Promise<Pool> => {
    const out: Pool = new Map();
    for (const r of await w.published.peers(pid, askedIds)) {
      if (!out.has(r.type)) out.set(r.type, new Map());
      const byEl = out.get(r.type)!;
      if (!byEl.has(r.elementId)) byEl.set(r.elementId, []);
      byEl.get(r.elementId)!.push({ communeId: r.communeId, value: r.value });
    }
    return out;
  };
  const here = await pool(periodId);
  const before = sameKind ? await pool(comparedWith!.id) : (new Map() as Pool);

  const checkElements = elements.map(checkElementOf);
  const out = new Map<number, CheckContext>();
  const population = new Map(communes.map((c) => [c.id, c.population]));
  for (const c of communes) {
    const prev = previous.get(c.id) ?? {};
    // undefined when no other commune of the type has the figure (as the per-commune query finds no row)
    const others = (p: Pool, elementId: number) => {
      const xs = p
        .get(c.type)
        ?.get(elementId)
        ?.filter((x) => x.communeId !== c.id)
        .map((x): PeerFigure => ({ value: x.value, population: population.get(x.communeId) ?? null }));
      return xs?.length ? xs : undefined;
    };
    const peers: Record<string, PeerFigure[]> = {};
    for (const e of elements) {
      if (sameKind && prev[e.code] !== undefined) continue;
      const list = others(here, e.id) ?? [];
      peers[e.code] = list.length >= OUTLIER_MIN_PEERS ? list : (sameKind ? others(before, e.id) : undefined) ?? list;
    }
    out.set(c.id, { elements: checkElements, previous: sameKind ? prev : undefined, peers, villages: c.villages ?? null, population: c.population ?? null });
  }
  return out;
}
