// The people of the deadline hour, in a process of their own (as wrk is for `throughput`: a client
// in the server's process would steal its event loop). Reads its plan from LOAD_PLAN (JSON), signs
// everyone in (not measured), prints "started", runs the scenario for `seconds`, then prints one
// JSON line of samples.
// Started by bench/load.ts; not a test.
import { performance } from 'node:perf_hooks';

interface Plan {
  base: string;
  seconds: number;
  password: string;
  round: string;
  /** officers: username, commune code, the figures their form starts from */
  officers: { username: string; commune: string; figures: Record<string, number> }[];
  viewers: number;
  /** what a viewer opens: the public pages' API reads */
  viewerUrls: string[];
  /** what the big screen reads on each refresh */
  screenUrls: string[];
  admin: string;
}

const plan = JSON.parse(process.env.LOAD_PLAN!) as Plan;
const reads: number[] = [];
const writes: number[] = [];
/** per route (the path without its query, commune codes as :code): where the time goes */
const byRoute = new Map<string, number[]>();
const routeOf = (method: string, url: string) => `${method} ${url.split('?')[0].replace(/\/\d{5}(?=\/|$)/g, '/:code')}`;
const errors: string[] = [];
let statuses304 = 0;
let stopAt = 0;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const jitter = (ms: number) => ms * (0.5 + Math.random());

interface Answer {
  etag: string | null;
  json<T>(): T;
}

async function call(kind: 'read' | 'write', url: string, init: RequestInit = {}): Promise<Answer | null> {
  const t = performance.now();
  try {
    const res = await fetch(plan.base + url, init);
    // the body is read in full: a reply is done when the browser has all of it
    const body = Buffer.from(await res.arrayBuffer());
    const ms = performance.now() - t;
    if (res.status === 304) statuses304++;
    if (!res.ok && res.status !== 304) {
      errors.push(`${res.status} ${init.method ?? 'GET'} ${url} ${body.toString().slice(0, 200)}`);
      return null;
    }
    (kind === 'read' ? reads : writes).push(ms);
    const route = routeOf(init.method ?? 'GET', url);
    byRoute.set(route, [...(byRoute.get(route) ?? []), ms]);
    return { etag: res.headers.get('etag'), json: <T>() => JSON.parse(body.toString()) as T };
  } catch (e) {
    errors.push(`${(e as Error).message} ${init.method ?? 'GET'} ${url}`);
    return null;
  }
}

async function signIn(username: string): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(`${plan.base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: plan.password }),
  });
  if (res.status !== 200) throw new Error(`sign-in ${username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('nq57_session='))!.split(';')[0];
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, csrf: csrfToken };
}

/** An officer: opens the form, then autosaves a changed figure every few seconds, as the form does. */
async function officer(o: Plan['officers'][number], s: { cookie: string; csrf: string }) {
  const form = `/api/periods/${plan.round}/submissions/${o.commune}`;
  const headers = { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' };
  // officers open their forms over the first seconds, not all in the same millisecond
  await sleep(Math.random() * 5000);
  const first = await call('read', form, { headers });
  let version = first?.json<{ version: number }>().version ?? 0;
  const codes = Object.keys(o.figures);
  await sleep(jitter(2000));
  for (let n = 0; performance.now() < stopAt; n++) {
    // the form sends what changed since the last save: a figure or two
    const values: Record<string, number> = {};
    for (let k = 0; k < 2; k++) {
      const code = codes[(n * 2 + k) % codes.length];
      values[code] = o.figures[code];
    }
    const saved = await call('write', form, { method: 'PUT', headers, body: JSON.stringify({ version, values }) });
    // after a refusal the form reads itself again and carries on (the refusal is counted)
    version = (saved ?? (await call('read', form, { headers })))?.json<{ version: number }>().version ?? version;
    // the page's own read after a save (the form and the round's list refresh)
    if (n % 3 === 2) await call('read', form, { headers });
    await sleep(jitter(4000));
  }
}

/** A viewer: a page's reads, revalidated with the ETag the browser kept, every few seconds. */
async function viewer(i: number) {
  const etags = new Map<string, string>();
  await sleep(Math.random() * 5000);
  for (let n = 0; performance.now() < stopAt; n++) {
    const url = plan.viewerUrls[(i + n) % plan.viewerUrls.length];
    const etag = etags.get(url);
    const tag = (await call('read', url, etag ? { headers: { 'if-none-match': etag } } : {}))?.etag;
    if (tag) etags.set(url, tag);
    await sleep(jitter(5000));
  }
}

/** The big screen: every slide's reads on each refresh, every 10 s. */
async function screen() {
  const etags = new Map<string, string>();
  while (performance.now() < stopAt) {
    await Promise.all(
      plan.screenUrls.map(async (url) => {
        const etag = etags.get(url);
        const tag = (await call('read', url, etag ? { headers: { 'if-none-match': etag } } : {}))?.etag;
        if (tag) etags.set(url, tag);
      }),
    );
    await sleep(10_000);
  }
}

/** The Sở watching who has reported (/tien-do), every 15 s. */
async function progress(s: { cookie: string; csrf: string }) {
  while (performance.now() < stopAt) {
    await call('read', `/api/periods/${plan.round}/completeness`, { headers: { cookie: s.cookie } });
    await sleep(15_000);
  }
}

// sign-ins first, a few at a time (argon2 is meant to be slow), outside the measurement
const sessions = new Map<string, { cookie: string; csrf: string }>();
const names = [plan.admin, ...plan.officers.map((o) => o.username)];
for (let i = 0; i < names.length; i += 4) {
  await Promise.all(names.slice(i, i + 4).map(async (u) => sessions.set(u, await signIn(u))));
}
process.stdout.write('started\n');
stopAt = performance.now() + plan.seconds * 1000;
const started = performance.now();
await Promise.all([
  ...plan.officers.map((o) => officer(o, sessions.get(o.username)!)),
  ...Array.from({ length: plan.viewers }, (_, i) => viewer(i)),
  screen(),
  progress(sessions.get(plan.admin)!),
]);
process.stdout.write(JSON.stringify({ reads, writes, errors, statuses304, seconds: (performance.now() - started) / 1000, byRoute: Object.fromEntries(byRoute) }) + '\n');
