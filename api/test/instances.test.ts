// Two instances behind a load balancer on one PostgreSQL server must not disagree: a change
// committed through one is seen by the other (LISTEN/NOTIFY invalidates its cached answers).
import { describe, expect, it } from 'vitest';
import { twoInstances } from './helpers';

describe.skipIf(!process.env.TEST_DATABASE_URL)('two instances on one PostgreSQL server', () => {
  const two = twoInstances();

  it('serves the new figure from the other instance after a change', async () => {
    const { a, b, dbA } = two;
    const url = '/api/rankings?indicator=online_filing_rate&period=year-2025';
    const before = (await b.inject(url)).json();
    const moCay = before.rows.find((r: { communeCode: string }) => r.communeCode === '21421');
    expect(moCay.numerator).toBe(3276);
    // a write through instance A (the write routes come with the rounds issue; the effect is the same)
    await dbA.query(
      `update data_values set value = 3300 where commune_id = (select id from communes where code = '21421')
         and period_id = (select id from periods where code = 'year-2025')
         and element_id = (select id from data_elements where code = 'dossiers_online')`,
    );
    await a.dataVersion.changed();
    await expect.poll(async () => (await b.inject(url)).json().rows.find((r: { communeCode: string }) => r.communeCode === '21421').numerator, { timeout: 5000 }).toBe(3300);
    // and both instances give the same ETag for the same figures
    const [ea, eb] = await Promise.all([a.inject(url), b.inject(url)]);
    expect(ea.headers.etag).toBe(eb.headers.etag);
  });
});
