// package.json says the app runs on Node >= 20.19 (decision 018: a machine not yet moved to Node 24
// still runs `npm install && npm start`). Every package the app installs for production must say
// so too: cookie 2, content-disposition 3 and nanoid 6 came in with updates of their parents and
// declared Node >= 22 (npm install printed EBADENGINE on the machine's Node 20).
import { readFileSync } from 'node:fs';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

interface LockEntry {
  version?: string;
  dev?: boolean;
  devOptional?: boolean;
  engines?: { node?: string } | string[];
}

const root = JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, LockEntry> };

/**
 * The Node.js versions the declared range lets a server run: its minimum (20.19.0), each later
 * long-term line (the even majors; an odd major is a six-month "Current" release that nobody
 * deploys, which is why packages say "20 || >=22"), and the Node running this test.
 */
function nodesDeclared(declared: string): string[] {
  const min = semver.minVersion(declared)!;
  const lines = Array.from({ length: 30 - min.major }, (_, i) => min.major + 1 + i).filter((m) => m % 2 === 0).map((m) => `${m}.0.0`);
  return [min.version, ...lines, process.versions.node].filter((v) => semver.satisfies(v, declared));
}

describe('the Node.js versions the app declares', () => {
  it('every production package in package-lock.json whose engines name Node accepts each of them', () => {
    const declared = root.engines.node;
    const nodes = nodesDeclared(declared);
    expect(nodes).toContain('20.19.0');
    const production = Object.entries(lock.packages).filter(([where, p]) => where.includes('node_modules/') && !p.dev && !p.devOptional);
    expect(production.length).toBeGreaterThan(50);
    const refusing = production
      .map(([where, p]) => ({ where, version: p.version, node: Array.isArray(p.engines) ? undefined : p.engines?.node }))
      .filter((p) => p.node !== undefined && nodes.some((v) => !semver.satisfies(v, p.node!)))
      .map((p) => `${p.where.replace(/^.*node_modules\//, '')}@${p.version} wants node ${p.node}`);
    expect(refusing, `package.json declares node ${declared}: ${nodes.join(', ')}`).toEqual([]);
  });
});
