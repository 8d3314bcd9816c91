// Issue 10, item 8: former districts are data. Xã Đông Sơn (21109) took wards from Huyện Bình Sơn
// and from Thành phố Quảng Ngãi; the catalogue writes that as one string with parentheses and a
// semicolon, which used to appear as a "district" of its own in the filter, the table and the files.
import { expect, it } from 'vitest';
import { Value } from 'typebox/value';
import {
  CommuneList,
  CompositeResponse,
  RankingsResponse,
  type CommuneList as Communes,
  type CompositeResponse as Composite,
  type RankingsResponse as Rankings,
} from '@nq57/shared/schemas';
import { describeEachEngine, login } from './helpers';

const DONG_SON = '21109';
const LABEL = 'Huyện Bình Sơn, Thành phố Quảng Ngãi';
const q = (name: string) => encodeURIComponent(name);

describeEachEngine('former districts as structured data', (ctx) => {
  const get = async <T>(url: string, status = 200, headers: Record<string, string> = {}): Promise<T> => {
    const res = await ctx().app.inject({ url, headers });
    expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBe(status);
    return res.json() as T;
  };

  it('GET /api/communes: each commune lists its districts with the part it gave, and a readable label', async () => {
    const list = await get<Communes>('/api/communes');
    expect(Value.Check(CommuneList, list)).toBe(true);
    const dongSon = list.communes.find((c) => c.code === DONG_SON)!;
    expect(dongSon.formerDistricts).toEqual([
      { name: 'Huyện Bình Sơn', part: 'xã Bình Hiệp, xã Bình Thanh, xã Bình Tân Phú, xã Bình Châu' },
      { name: 'Thành phố Quảng Ngãi', part: 'xã Tịnh Hòa' },
    ]);
    expect(dongSon.formerDistrict).toBe(LABEL);
    expect(list.communes.find((c) => c.code === '21211')!.formerDistricts).toEqual([{ name: 'Thành phố Quảng Ngãi', part: null }]);
    // what the ranking page's filter lists: real districts, no composite string
    const names = new Set(list.communes.flatMap((c) => c.formerDistricts.map((d) => d.name)));
    expect(names.size).toBe(23);
    for (const n of names) expect(n).not.toMatch(/[;()]/);
    for (const c of list.communes) expect(c.formerDistrict, c.code).not.toMatch(/[;()]/);
    // the raw column is kept as the catalogue wrote it
    const [raw] = await ctx().database.query<{ former_district: string }>(`select former_district from communes where code = $1`, [DONG_SON]);
    expect(raw.former_district).toContain('; Thành phố Quảng Ngãi (xã Tịnh Hòa)');
  });

  it('the district filter matches a commune in ANY of its districts, on the indicator and composite rankings', async () => {
    const city = await get<Rankings>(`/api/rankings?indicator=online_filing_rate&district=${q('Thành phố Quảng Ngãi')}`);
    expect(Value.Check(RankingsResponse, city)).toBe(true);
    expect(city.rows.map((r) => r.communeCode)).toContain(DONG_SON);
    expect(city.rows).toHaveLength(6); // its five communes and Đông Sơn
    expect(city.rows.find((r) => r.communeCode === DONG_SON)!.formerDistrict).toBe(LABEL);

    const binhSon = await get<Composite>(`/api/rankings/composite?district=${q('Huyện Bình Sơn')}`);
    expect(Value.Check(CompositeResponse, binhSon)).toBe(true);
    expect(binhSon.rows.map((r) => r.communeCode)).toContain(DONG_SON);
    expect(binhSon.rows).toHaveLength(5);
    // ranked among themselves
    expect(binhSon.rows.filter((r) => r.rank === 1)).toHaveLength(1);

    // the old composite string is not a district; an unknown one stays 404 in Vietnamese
    const old = 'Huyện Bình Sơn (xã Bình Hiệp, xã Bình Thanh, xã Bình Tân Phú, xã Bình Châu); Thành phố Quảng Ngãi (xã Tịnh Hòa)';
    const gone = await get<{ message: string }>(`/api/rankings?indicator=online_filing_rate&district=${q(old.slice(0, 100))}`, 404);
    expect(gone.message).toContain('Không có huyện cũ');
    await get(`/api/rankings/composite?district=${q('Huyện Không Có')}`, 404);
  });

  it('every row that names a district reads the label: rankings, composite, overview, the progress page and its CSV', async () => {
    const r = await get<Rankings>('/api/rankings?indicator=on_time_rate');
    const c = await get<Composite>('/api/rankings/composite');
    for (const row of [...r.rows, ...c.rows]) expect(row.formerDistrict).not.toMatch(/[;()]/);
    expect(c.rows.find((x) => x.communeCode === DONG_SON)!.formerDistrict).toBe(LABEL);
    const o = await get<{ top: { formerDistrict: string }[]; bottom: { formerDistrict: string }[] }>('/api/overview');
    for (const row of [...o.top, ...o.bottom]) expect(row.formerDistrict).not.toMatch(/[;()]/);

    const admin = await login(ctx().app, 'admin');
    const progress = await get<{ rows: { communeCode: string; formerDistrict: string }[] }>('/api/periods/m10-2026/completeness', 200, { cookie: admin.cookie });
    expect(progress.rows.find((x) => x.communeCode === DONG_SON)!.formerDistrict).toBe(LABEL);
    const csv = await ctx().app.inject({ url: '/api/periods/m10-2026/completeness?format=csv', headers: { cookie: admin.cookie } });
    expect(csv.statusCode).toBe(200);
    const line = csv.body.split('\r\n').find((l) => l.startsWith(`${DONG_SON},`))!;
    expect(line).toContain(`,"${LABEL}",`);
    expect(csv.body).not.toContain('(xã Tịnh Hòa)');
  });
});
