// fileCache (services/export/file-cache.ts): ten downloads at once build the file once; a change
// of the figures (the data version), another key or another day builds it again; a failed build
// is not kept.
import { describe, expect, it } from 'vitest';
import { fileCache } from '../src/services/export/file-cache';

/** A build that counts its calls and finishes only when released, so the calls overlap. */
function slowMake() {
  let calls = 0;
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const make = async () => {
    const n = ++calls;
    await gate;
    return Buffer.from(`file ${n}`);
  };
  return { make, release, calls: () => calls };
}

describe('fileCache', () => {
  it('ten concurrent calls run make once and share its file; a new data version makes it again', async () => {
    let version = 1;
    const cached = fileCache(() => version);
    const m = slowMake();
    const ten = Array.from({ length: 10 }, () => cached('rankings.xlsx|q4-2026|', m.make));
    m.release();
    const files = await Promise.all(ten);
    expect(m.calls()).toBe(1);
    expect(new Set(files).size).toBe(1);
    expect(files[0].toString()).toBe('file 1');

    await cached('rankings.xlsx|q4-2026|', m.make);
    expect(m.calls()).toBe(1);
    version = 2;
    expect((await cached('rankings.xlsx|q4-2026|', m.make)).toString()).toBe('file 2');
    expect(m.calls()).toBe(2);
    await cached('rankings.xlsx|q4-2026|', m.make);
    expect(m.calls()).toBe(2);
  });

  it('another key or another Vietnam day is another file', async () => {
    let day = '2026-12-03';
    const cached = fileCache(() => 1, 64, () => day);
    let calls = 0;
    const make = async () => ++calls;
    await cached('a', make);
    await cached('b', make);
    expect(calls).toBe(2);
    day = '2026-12-04';
    await cached('a', make);
    expect(calls).toBe(3);
  });

  it('forgets a failed build, and keeps at most max files', async () => {
    const cached = fileCache(() => 1, 2);
    let calls = 0;
    await expect(cached('x', async () => Promise.reject(new Error(`failed ${++calls}`)))).rejects.toThrow('failed 1');
    expect(await cached('x', async () => ++calls)).toBe(2);
    await cached('y', async () => ++calls);
    await cached('z', async () => ++calls); // x, the oldest, is dropped
    expect(await cached('x', async () => ++calls)).toBe(5);
  });
});
