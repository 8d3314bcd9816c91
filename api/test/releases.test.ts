// Published rankings (issue 12, decision 019): a closed round published as "Công bố lần N", public
// reads that move only on publish, a correction published as the next release with its changes,
// and a release that answers byte for byte the same forever.
import { createHash } from 'node:crypto';
import { expect, it } from 'vitest';
import { Value } from 'typebox/value';
import { parseCsv } from '@nq57/shared';
import { CompositeResponse, OverviewResponse, RankingsResponse, ReleaseChanges, ReleaseList, ReleaseOut, StandingResponse } from '@nq57/shared/schemas';
import { READ_LIMITS } from '../src/services/import/limits';
import { unzip } from '../src/services/import/xlsx-package';
import { describeEachEngine } from './helpers';
import { caller, fingerprint, sessions, vietnamese, type Who } from './workflow-helpers';

const ROUND = 'q3-2026';
const COMMUNE = '21211'; // Tịnh Khê, officer xa.tinhkhe
const RANKING = `/api/rankings?period=${ROUND}&indicator=online_filing_rate`;
const REASON = 'Xã báo nhầm số hồ sơ nộp trực tuyến';
const RETURNED = 'Đề nghị xã ghi rõ nguồn số hồ sơ trực tuyến';

describeEachEngine('published rankings', (ctx) => {
  const call = caller(() => ctx().app);
  const raw = async (url: string, cookie?: string) => {
    const res = await ctx().app.inject({ url, headers: cookie ? { cookie } : {} });
    expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBe(200);
    return res.body;
  };
  const mine = (r: { rows: { communeCode: string; communeName: string; value: number | null; rank: number | null }[] }) => r.rows.find((x) => x.communeCode === COMMUNE)!;
  let who: Who;
  let first: ReleaseOut;
  let firstBody: string;
  let firstComposite: string;
  let before: { value: number | null; rank: number | null };

  it('a round never published answers live, with release null', async () => {
    who = await sessions(ctx().app);
    const r = await call(null, 'GET', RANKING, undefined, 200);
    expect(Value.Check(RankingsResponse, r)).toBe(true);
    expect(r.release).toBeNull();
    expect(await call(null, 'GET', `/api/periods/${ROUND}/releases`, undefined, 200)).toEqual({ releases: [] });
  });

  it('only an admin publishes, with the CSRF token, and only a closed round (409 in Vietnamese)', async () => {
    const url = `/api/periods/${ROUND}/releases`;
    const fp = await fingerprint(ctx().database);
    await call(null, 'POST', url, {}, 401);
    await call(who.leader, 'POST', url, {}, 403);
    const noCsrf = await ctx().app.inject({ method: 'POST', url, headers: { cookie: who.admin.cookie }, payload: {} });
    expect(noCsrf.statusCode).toBe(403);
    const open = await call(who.admin, 'POST', '/api/periods/m10-2026/releases', {}, 409);
    expect(open.code).toBe('ROUND_OPEN');
    expect(open.message).toMatch(vietnamese);
    expect(open.message).toContain('đang mở');
    await call(who.admin, 'POST', '/api/periods/khong-co/releases', {}, 404);
    expect(await fingerprint(ctx().database)).toEqual(fp);
    expect(await ctx().database.query(`select id from releases`)).toEqual([]);
  });

  it('publishes a closed round as Công bố lần 1, with who, when, the note and the hash of what it froze', async () => {
    first = await call(who.admin, 'POST', `/api/periods/${ROUND}/releases`, { note: 'Số liệu phục vụ phiên họp BCĐ' }, 201);
    expect(Value.Check(ReleaseOut, first)).toBe(true);
    expect(first).toMatchObject({ period: ROUND, version: 1, note: 'Số liệu phục vụ phiên họp BCĐ', publishedBy: 'admin', changes: 0 });
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
    const [row] = await ctx().database.query<{ content: string }>(`select content from releases where id = $1`, [first.id]);
    expect(createHash('sha256').update(row.content).digest('hex')).toBe(first.hash);
    expect(await call(null, 'GET', `/api/releases/${first.id}`, undefined, 200)).toEqual(first);
    const audit = await call(who.admin, 'GET', `/api/audit?period=${ROUND}`, undefined, 200);
    expect(audit.entries[0]).toMatchObject({ how: 'round', actor: 'admin', comment: 'Công bố lần 1 kết quả Quý III/2026: Số liệu phục vụ phiên họp BCĐ' });
    // nothing changed since: nothing to publish again
    const again = await call(who.admin, 'POST', `/api/periods/${ROUND}/releases`, {}, 409);
    expect(again.message).toContain('Công bố lần 1');
  });

  it('every public read of the round now answers from the release', async () => {
    const ref = { id: first.id, version: 1, publishedAt: first.publishedAt };
    const r = await call(null, 'GET', RANKING, undefined, 200);
    expect(Value.Check(RankingsResponse, r)).toBe(true);
    expect(r.release).toEqual(ref);
    before = mine(r);
    expect(before.value).not.toBeNull();
    const c = await call(null, 'GET', `/api/rankings/composite?period=${ROUND}`, undefined, 200);
    expect(Value.Check(CompositeResponse, c)).toBe(true);
    expect(c.release).toEqual(ref);
    const o = await call(null, 'GET', `/api/overview?period=${ROUND}`, undefined, 200);
    expect(Value.Check(OverviewResponse, o)).toBe(true);
    expect(o.release).toEqual(ref);
    const s = await call(null, 'GET', `/api/communes/${COMMUNE}/standing?period=${ROUND}`, undefined, 200);
    expect(Value.Check(StandingResponse, s)).toBe(true);
    expect(s.release).toEqual(ref);
    // a filter keeps the province's ranks as published
    const xa = await call(null, 'GET', `${RANKING}&type=xã`, undefined, 200);
    expect(xa.rows.every((x: { communeType: string }) => x.communeType === 'xã')).toBe(true);
    expect(mine(xa).rank).toBe(before.rank);
    const periods = await call(null, 'GET', '/api/periods', undefined, 200);
    // the list of rounds also says how many communes the release counted as reported, as its overview
    expect(periods.periods.find((p: { code: string }) => p.code === ROUND).release).toEqual({
      ...ref,
      communesReported: o.communesReported,
      communesApproved: o.communesApproved,
    });
    expect(periods.periods.find((p: { code: string }) => p.code === 'm10-2026').release).toBeNull();
    firstBody = await raw(`${RANKING}&release=${first.id}`);
    firstComposite = await raw(`/api/rankings/composite?release=${first.id}`);
    expect(await raw(RANKING)).toBe(firstBody);
  });

  it('live figures are for a signed-in admin or leader', async () => {
    await call(null, 'GET', `${RANKING}&live=true`, undefined, 401);
    await call(who.tinhKhe, 'GET', `${RANKING}&live=true`, undefined, 403);
    const live = await call(who.leader, 'GET', `${RANKING}&live=true`, undefined, 200);
    expect(live).toMatchObject({ release: null, latestRelease: { id: first.id, version: 1 }, unpublishedChanges: false });
    await call(who.leader, 'GET', `${RANKING}&release=${first.id}&live=true`, undefined, 400);
    await call(null, 'GET', `/api/rankings?period=q2-2026&indicator=online_filing_rate&release=${first.id}`, undefined, 400);
    await call(null, 'GET', `${RANKING}&release=999999`, undefined, 404);
  });

  it('a correction (reopen, fix, close) moves the live figures, not the published ones', async () => {
    const sub = `/api/periods/${ROUND}/submissions/${COMMUNE}`;
    await call(who.admin, 'PATCH', `/api/periods/${ROUND}`, { status: 'open' }, 200);
    // a reopened round cannot be published
    await call(who.admin, 'POST', `/api/periods/${ROUND}/releases`, {}, 409);
    const published = (await call(null, 'GET', `/api/overview?period=${ROUND}`, undefined, 200)).communesReported as number;
    const reopened = await call(who.admin, 'POST', `${sub}/reopen`, { reason: REASON }, 200);
    // the list of rounds (the header's "N/96 xã đã báo cáo") carries the count the release
    // published beside the live one, which the reopened form has just lowered
    const list = await call(null, 'GET', '/api/periods', undefined, 200);
    const listed = list.periods.find((p: { code: string }) => p.code === ROUND);
    // the reopened published round stays the round every page shows by default, and the list
    // names it so the header picks the same one
    expect(list.defaultPeriod).toBe(ROUND);
    expect((await call(null, 'GET', '/api/overview', undefined, 200)).period.code).toBe(ROUND);
    expect(listed.release).toMatchObject({ id: first.id, communesReported: published });
    expect(listed.communesReported).toBe(published - 1);
    expect((await call(null, 'GET', `/api/overview?period=${ROUND}`, undefined, 200)).communesReported).toBe(published);
    const online = reopened.values.find((v: { element: string }) => v.element === 'dossiers_online').value as number;
    const saved = await call(who.tinhKhe, 'PUT', sub, { version: reopened.version, values: { dossiers_online: Math.round(online * 0.9) } }, 200);
    expect(saved.errors).toEqual([]);
    // the figures of the seed that jump against last quarter need their one line, as on the form
    const explanations = Object.fromEntries(saved.warnings.map((w: { element: string }) => [w.element, 'Số liệu đã kiểm tra lại khi điều chỉnh']));
    await call(who.tinhKhe, 'PUT', sub, { version: saved.version, values: {}, explanations }, 200);
    await call(who.tinhKhe, 'POST', `${sub}/submit`, {}, 200);
    // the Sở sends it back once more with a comment: that is a reason of the correction too
    await call(who.admin, 'POST', `${sub}/return`, { comment: RETURNED }, 200);
    await call(who.tinhKhe, 'POST', `${sub}/submit`, {}, 200);
    await call(who.admin, 'POST', `${sub}/approve`, {}, 200);
    // while the round is reopened, the public still reads release 1, byte for byte
    expect(await raw(RANKING)).toBe(firstBody);
    await call(who.admin, 'PATCH', `/api/periods/${ROUND}`, { status: 'closed' }, 200);
    expect(await raw(RANKING)).toBe(firstBody);
    const live = await call(who.admin, 'GET', `${RANKING}&live=true`, undefined, 200);
    expect(live.unpublishedChanges).toBe(true);
    expect(mine(live).value).toBeLessThan(before.value!);
  });

  it('publishes the correction as Công bố lần 2, listing the corrected commune with the reason', async () => {
    const second = await call(who.admin, 'POST', `/api/periods/${ROUND}/releases`, { note: 'Điều chỉnh số liệu Xã Tịnh Khê' }, 201);
    expect(second).toMatchObject({ period: ROUND, version: 2 });
    expect(second.changes).toBeGreaterThan(0);
    const list = await call(null, 'GET', `/api/periods/${ROUND}/releases`, undefined, 200);
    expect(Value.Check(ReleaseList, list)).toBe(true);
    expect(list.releases.map((r: ReleaseOut) => r.version)).toEqual([2, 1]);

    const ch = await call(null, 'GET', `/api/releases/${second.id}/changes`, undefined, 200);
    expect(Value.Check(ReleaseChanges, ch)).toBe(true);
    expect(ch.previous).toEqual({ id: first.id, version: 1, publishedAt: first.publishedAt });
    const now = await call(null, 'GET', RANKING, undefined, 200);
    const row = ch.changes.find((c: { commune: string; indicator: string }) => c.commune === COMMUNE && c.indicator === 'online_filing_rate');
    expect(row).toEqual({
      commune: COMMUNE,
      communeName: mine(now).communeName,
      indicator: 'online_filing_rate',
      indicatorName: now.indicator.name,
      before: before.value,
      after: mine(now).value,
      rankBefore: before.rank,
      rankAfter: mine(now).rank,
      // the reopen's reason, then the return's comment, oldest first
      reason: `${REASON}; ${RETURNED}`,
    });
    // only the corrected commune's figures changed
    expect(new Set(ch.changes.map((c: { commune: string }) => c.commune))).toEqual(new Set([COMMUNE]));
    expect((await call(null, 'GET', `/api/releases/${first.id}/changes`, undefined, 200)).changes).toEqual([]);

    // public reads moved to release 2 on publish
    expect(now.release).toMatchObject({ id: second.id, version: 2 });
    expect(mine(now).value).toBeLessThan(before.value!);
    const live = await call(who.admin, 'GET', `${RANKING}&live=true`, undefined, 200);
    expect(live.unpublishedChanges).toBe(false);
  });

  it('release 1 answers byte for byte as it did before the correction', async () => {
    expect(await raw(`${RANKING}&release=${first.id}`)).toBe(firstBody);
    expect(await raw(`/api/rankings/composite?release=${first.id}`)).toBe(firstComposite);
    // other weights on a release: its frozen figures re-ranked, still named as that release
    const reweighed = await call(null, 'GET', `/api/rankings/composite?release=${first.id}&weights=online_filing_rate:0`, undefined, 200);
    expect(Value.Check(CompositeResponse, reweighed)).toBe(true);
    expect(reweighed.release).toMatchObject({ id: first.id, version: 1 });
    expect(reweighed.weights.online_filing_rate).toBe(0);
    expect(reweighed.rows.map((r: { score: number | null }) => r.score)).not.toEqual(JSON.parse(firstComposite).rows.map((r: { score: number | null }) => r.score));
    // a fresh app (no cache) reads the same bytes from the database
    ctx().app.responses.clear();
    expect(await raw(`${RANKING}&release=${first.id}`)).toBe(firstBody);
  });

  it('exports and the Word report name the release', async () => {
    const csv = await ctx().app.inject({ url: `/api/periods/${ROUND}/rankings.csv` });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-disposition']).toContain(`xep-hang-${ROUND}-cong-bo-2.csv`);
    expect(csv.body).toMatch(/Công bố lần 2 ngày \d{2}\/\d{2}\/\d{4}/);
    const old = await ctx().app.inject({ url: `/api/periods/${ROUND}/rankings.csv?release=${first.id}` });
    expect(old.body).toMatch(/Công bố lần 1 ngày \d{2}\/\d{2}\/\d{4}/);
    expect(old.body).not.toContain('Công bố lần 2');
    const docx = await ctx().app.inject({ url: `/api/periods/${ROUND}/report.docx` });
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-disposition']).toContain(`bao-cao-${ROUND}-cong-bo-2.docx`);
    const words = unzip(docx.rawPayload, READ_LIMITS).find((e) => e.name === 'word/document.xml')!.data.toString('utf8').replace(/<[^>]+>/g, '');
    expect(words).toMatch(/số liệu đến ngày \d{2}\/\d{2}\/\d{4}; công bố lần 2 ngày \d{2}\/\d{2}\/\d{4}\)/);
    const xlsx = await ctx().app.inject({ url: `/api/periods/${ROUND}/rankings.xlsx?release=${first.id}` });
    expect(xlsx.headers['content-disposition']).toContain(`xep-hang-${ROUND}-cong-bo-1.xlsx`);
    const sheet = unzip(xlsx.rawPayload, READ_LIMITS).find((e) => e.name === 'xl/sharedStrings.xml')!.data.toString('utf8');
    expect(sheet).toMatch(/Quý III\/2026 — Số liệu đến ngày \d{2}\/\d{2}\/\d{4} — Công bố lần 1 ngày \d{2}\/\d{2}\/\d{4}/);
  });

  it('two publishes at once never get the same number', async () => {
    const url = '/api/periods/q2-2026/releases';
    const [a, b] = await Promise.all([
      ctx().app.inject({ method: 'POST', url, headers: who.admin.headers, payload: {} }),
      ctx().app.inject({ method: 'POST', url, headers: who.admin.headers, payload: {} }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    const rows = await ctx().database.query<{ version: number }>(`select version from releases r join periods p on p.id = r.period_id where p.code = 'q2-2026'`);
    expect(rows.map((r) => r.version)).toEqual([1]);
  });

  it('a comparison with a round published under other weights is flagged, not silently mixed', async () => {
    // Quý II/2026 was published (above) with the catalogue's weights; the Sở then changes one
    const q2 = await call(null, 'GET', '/api/rankings/composite?period=q2-2026', undefined, 200);
    expect(q2.release).not.toBeNull();
    expect(q2.comparisonWarning).toBeNull();
    expect((await call(null, 'GET', RANKING, undefined, 200)).comparisonWarning).toBeNull();
    await ctx().database.query(`update indicators set weight = weight + 5 where code = 'online_filing_rate'`);
    await ctx().app.dataVersion.changed();
    const live = await call(who.admin, 'GET', `/api/rankings/composite?period=${ROUND}&live=true`, undefined, 200);
    expect(live.comparisonWarning).toBe('Quý II/2026 được công bố với trọng số khác kỳ này: thay đổi hạng không so sánh cùng cơ sở, chỉ để tham khảo.');
    const third = await call(who.admin, 'POST', `/api/periods/${ROUND}/releases`, { note: 'Trọng số mới' }, 201);
    expect(third.version).toBe(3);
    const published = await call(null, 'GET', RANKING, undefined, 200);
    expect(published.release.id).toBe(third.id);
    expect(published.comparisonWarning).toBe(live.comparisonWarning);
    // and the earlier releases, published under the same weights as Quý II, are not flagged
    expect(JSON.parse(await raw(`${RANKING}&release=${first.id}`)).comparisonWarning).toBeNull();
  });
  it('the raw figures files name the release, and say so when a correction may have moved them since', async () => {
    const day = /\d{2}\/\d{2}\/\d{4}/.source;
    const third = (await call(null, 'GET', `/api/periods/${ROUND}/releases`, undefined, 200)).releases[0] as ReleaseOut;
    const files = async () => {
      const csv = await ctx().app.inject({ url: `/api/periods/${ROUND}/values.csv` });
      const xlsx = await ctx().app.inject({ url: `/api/periods/${ROUND}/values.xlsx` });
      expect([csv.statusCode, xlsx.statusCode]).toEqual([200, 200]);
      const [[firstLine]] = parseCsv(csv.body.replace(/^\uFEFF/, ''), ',');
      const strings = unzip(xlsx.rawPayload, READ_LIMITS).find((e) => e.name === 'xl/sharedStrings.xml')!.data.toString('utf8');
      return { firstLine, strings, names: [csv.headers['content-disposition'], xlsx.headers['content-disposition']].join(' ') };
    };
    const now = await files();
    expect(now.firstLine).toMatch(new RegExp(`^Số liệu đã duyệt Quý III/2026 — Công bố lần ${third.version} ngày ${day}$`));
    expect(now.strings).toMatch(new RegExp(`Số liệu đã duyệt Quý III/2026 — Công bố lần ${third.version} ngày ${day}<`));
    expect(now.names).toContain(`so-lieu-${ROUND}-cong-bo-${third.version}.csv`);
    expect(now.names).toContain(`so-lieu-${ROUND}-cong-bo-${third.version}.xlsx`);
    // a round never published says so
    const never = await ctx().app.inject({ url: '/api/periods/m10-2026/values.csv' });
    expect(parseCsv(never.body.replace(/^\uFEFF/, ''), ',')[0]).toEqual(['Số liệu đã duyệt Tháng 10/2026 — Chưa công bố']);
    // a correction approved, not yet published: the files are the current figures, and say so
    const sub = `/api/periods/${ROUND}/submissions/${COMMUNE}`;
    await call(who.admin, 'PATCH', `/api/periods/${ROUND}`, { status: 'open' }, 200);
    const reopened = await call(who.admin, 'POST', `${sub}/reopen`, { reason: 'Điều chỉnh lần nữa' }, 200);
    const online = reopened.values.find((v: { element: string }) => v.element === 'dossiers_online').value as number;
    const saved = await call(who.tinhKhe, 'PUT', sub, { version: reopened.version, values: { dossiers_online: online - 1 } }, 200);
    const explanations = Object.fromEntries(saved.warnings.map((w: { element: string }) => [w.element, 'Số liệu đã kiểm tra lại khi điều chỉnh']));
    await call(who.tinhKhe, 'PUT', sub, { version: saved.version, values: {}, explanations }, 200);
    await call(who.tinhKhe, 'POST', `${sub}/submit`, {}, 200);
    await call(who.admin, 'POST', `${sub}/approve`, {}, 200);
    await call(who.admin, 'PATCH', `/api/periods/${ROUND}`, { status: 'closed' }, 200);
    const after = await files();
    expect(after.firstLine).toMatch(new RegExp(`^Số liệu đã duyệt Quý III/2026 — Số liệu hiện tại, có thể khác Công bố lần ${third.version} ngày ${day}$`));
    expect(after.strings).toContain(`Số liệu hiện tại, có thể khác Công bố lần ${third.version} ngày`);
    expect(after.names).toContain(`so-lieu-${ROUND}-sau-cong-bo-${third.version}.csv`);
    const fourth = await call(who.admin, 'POST', `/api/periods/${ROUND}/releases`, {}, 201);
    expect((await files()).firstLine).toMatch(new RegExp(`— Công bố lần ${fourth.version} ngày ${day}$`));
  });

  it("a commune's standing pinned to a release keeps its trend when an earlier round is corrected", async () => {
    // Quý II/2026 and Quý III/2026 are both published (above); the link to Quý III's newest release
    const q3 = (await call(null, 'GET', `/api/periods/${ROUND}/releases`, undefined, 200)).releases[0] as ReleaseOut;
    const url = `/api/communes/${COMMUNE}/standing?release=${q3.id}`;
    const pinned = await raw(url);
    const q2Point = (JSON.parse(pinned) as StandingResponse).indicators
      .find((i) => i.indicator.code === 'online_filing_rate')!
      .history.find((h) => h.period === 'q2-2026')!;
    expect(q2Point.value).not.toBeNull();
    // Quý II/2026 corrected for this commune and published again
    const sub = `/api/periods/q2-2026/submissions/${COMMUNE}`;
    await call(who.admin, 'PATCH', '/api/periods/q2-2026', { status: 'open' }, 200);
    const reopened = await call(who.admin, 'POST', `${sub}/reopen`, { reason: 'Sửa số liệu quý II' }, 200);
    const online = reopened.values.find((v: { element: string }) => v.element === 'dossiers_online').value as number;
    const saved = await call(who.tinhKhe, 'PUT', sub, { version: reopened.version, values: { dossiers_online: Math.round(online * 0.5) } }, 200);
    const explanations = Object.fromEntries(saved.warnings.map((w: { element: string }) => [w.element, 'Số liệu đã kiểm tra lại khi điều chỉnh']));
    await call(who.tinhKhe, 'PUT', sub, { version: saved.version, values: {}, explanations }, 200);
    await call(who.tinhKhe, 'POST', `${sub}/submit`, {}, 200);
    await call(who.admin, 'POST', `${sub}/approve`, {}, 200);
    await call(who.admin, 'PATCH', '/api/periods/q2-2026', { status: 'closed' }, 200);
    await call(who.admin, 'POST', '/api/periods/q2-2026/releases', { note: 'Điều chỉnh quý II' }, 201);
    // the live trend moved; the pinned link did not
    const live = await call(who.admin, 'GET', `/api/communes/${COMMUNE}/standing?period=${ROUND}&live=true`, undefined, 200);
    const liveQ2 = (live as StandingResponse).indicators.find((i) => i.indicator.code === 'online_filing_rate')!.history.find((h) => h.period === 'q2-2026')!;
    expect(liveQ2.value).not.toBe(q2Point.value);
    expect(await raw(url)).toBe(pinned);
    ctx().app.responses.clear();
    expect(await raw(url)).toBe(pinned);
  });

  it('a comparison with a round published under another catalogue is flagged, in the pages, the workbook and the report', async () => {
    // Quý II/2026 was published again (above) with the catalogue and weights as they are: like with like
    const warning = 'Quý II/2026 được công bố với danh mục chỉ tiêu khác kỳ này: thay đổi hạng không so sánh cùng cơ sở, chỉ để tham khảo.';
    expect((await call(who.admin, 'GET', `/api/rankings/composite?period=${ROUND}&live=true`, undefined, 200)).comparisonWarning).toBeNull();
    // a definition changes (a target), the weights do not
    await ctx().database.query(`update indicators set target = coalesce(target, 0) + 7 where code = 'online_filing_rate'`);
    await ctx().app.dataVersion.changed();
    const live = await call(who.admin, 'GET', `/api/rankings/composite?period=${ROUND}&live=true`, undefined, 200);
    expect(live.comparisonWarning).toBe(warning);
    const next = await call(who.admin, 'POST', `/api/periods/${ROUND}/releases`, { note: 'Mục tiêu mới' }, 201);
    expect((await call(null, 'GET', RANKING, undefined, 200)).comparisonWarning).toBe(warning);
    const xlsx = await ctx().app.inject({ url: `/api/periods/${ROUND}/rankings.xlsx?release=${next.id}` });
    expect(xlsx.statusCode).toBe(200);
    const strings = unzip(xlsx.rawPayload, READ_LIMITS).find((e) => e.name === 'xl/sharedStrings.xml')!.data.toString('utf8');
    expect(strings).toContain(`Công bố lần ${next.version} ngày`);
    expect(strings).toContain(warning);
    const docx = await ctx().app.inject({ url: `/api/periods/${ROUND}/report.docx` });
    const words = unzip(docx.rawPayload, READ_LIMITS).find((e) => e.name === 'word/document.xml')!.data.toString('utf8').replace(/<[^>]+>/g, '');
    expect(words).toContain(`Lưu ý: ${warning}`);
  });

  it('an indicator added to the catalogue after a release leaves its files whole', async () => {
    const q3 = (await call(null, 'GET', `/api/periods/${ROUND}/releases`, undefined, 200)).releases as ReleaseOut[];
    const oldest = q3.at(-1)!;
    await ctx().database.query(
      `insert into indicators (code, name, kind, unit, numerator_element_id, direction, sort_order)
       select 'chi_tieu_moi', 'Chỉ tiêu mới thêm', 'element', unit, numerator_element_id, 'higher', 99 from indicators where kind = 'element' limit 1`,
    );
    await ctx().app.dataVersion.changed();
    ctx().app.responses.clear();
    const sheets = (res: { rawPayload: Buffer }) => unzip(res.rawPayload, READ_LIMITS).find((e) => e.name === 'xl/workbook.xml')!.data.toString('utf8');
    for (const q of [`?release=${oldest.id}`, '']) {
      const xlsx = await ctx().app.inject({ url: `/api/periods/${ROUND}/rankings.xlsx${q}` });
      expect(xlsx.statusCode, `rankings.xlsx${q}: ${xlsx.body.slice(0, 200)}`).toBe(200);
      expect(sheets(xlsx)).toContain('Chỉ số tổng hợp');
      expect(sheets(xlsx)).not.toContain('Chỉ tiêu mới thêm');
      const csv = await ctx().app.inject({ url: `/api/periods/${ROUND}/rankings.csv${q}` });
      expect(csv.statusCode, `rankings.csv${q}`).toBe(200);
      expect(csv.body).not.toContain('chi_tieu_moi');
      const docx = await ctx().app.inject({ url: `/api/periods/${ROUND}/report.docx${q}` });
      expect(docx.statusCode, `report.docx${q}`).toBe(200);
    }
    // the standing pinned to the release has the release's indicators only
    const standing = await call(null, 'GET', `/api/communes/${COMMUNE}/standing?release=${oldest.id}`, undefined, 200);
    expect(standing.indicators.map((i: { indicator: { code: string } }) => i.indicator.code)).not.toContain('chi_tieu_moi');
    // a round never published reads the catalogue as it is
    const never = await ctx().app.inject({ url: '/api/periods/m10-2026/rankings.csv' });
    expect(never.statusCode).toBe(200);
  });
});
