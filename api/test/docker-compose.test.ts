// There is no Docker engine here: this reads docker-compose.yml and the Dockerfile and checks
// the facts the deployment relies on. (The same environment is exercised for real by running
// the app against the local PostgreSQL: see config.test.ts and the PostgreSQL test runs.)
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '../src/config';

const compose = parse(readFileSync('docker-compose.yml', 'utf8'));
const dockerfile = readFileSync('Dockerfile', 'utf8');

describe('docker-compose.yml', () => {
  it('runs PostgreSQL 16 on a named volume with a health check', () => {
    const db = compose.services.db;
    expect(db.image).toMatch(/^postgres:16(\.|$|-)/);
    const [volume, target] = String(db.volumes[0]).split(':');
    expect(target).toBe('/var/lib/postgresql/data');
    expect(compose.volumes).toHaveProperty([volume]); // named, not a bind mount
    expect(db.healthcheck.test.join(' ')).toContain('pg_isready');
  });

  it('builds the app from the repository and waits for a healthy database', () => {
    const app = compose.services.app;
    expect(app.build).toBe('.');
    expect(app.depends_on.db.condition).toBe('service_healthy');
    expect(app.ports).toContain('3000:3000');
  });

  it('gives the app an environment the config accepts, pointing at the db service', () => {
    const env = compose.services.app.environment as Record<string, string>;
    const config = loadConfig(env);
    expect(config.databaseUrl).toMatch(/@db:5432\//);
    expect(config.host).toBe('0.0.0.0');
    expect(config.port).toBe(3000);
    expect(config.seedDemo).toBe(false);
    const { POSTGRES_USER, POSTGRES_PASSWORD, POSTGRES_DB } = compose.services.db.environment;
    expect(config.databaseUrl).toBe(`postgres://${POSTGRES_USER}:${POSTGRES_PASSWORD}@db:5432/${POSTGRES_DB}`);
  });

  it('runs as a non-root user and migrates on start', () => {
    expect(compose.services.app.user).toBe('node');
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/CMD .*api\/src\/server\.ts/);
    // the app applies migrations before listening: buildApp calls database.migrate() when it owns the database
    expect(readFileSync('api/src/app.ts', 'utf8')).toMatch(/await database\.migrate\(\)/);
  });
});

describe('Node.js version', () => {
  const engines = JSON.parse(readFileSync('package.json', 'utf8')).engines.node as string;
  const nvmrc = readFileSync('.nvmrc', 'utf8').trim();
  const images = [...dockerfile.matchAll(/^FROM node:(\d+)-/gm)].map((m) => m[1]);

  it('the image and .nvmrc are on the current LTS (24), the same major in both build stages', () => {
    expect(images).toEqual(['24', '24']);
    expect(nvmrc).toBe('24');
  });

  it('engines is a range that takes Node 20.19 (this machine, a server not yet moved), the LTS and the running Node', () => {
    const m = /^>=(\d+)\.(\d+)$/.exec(engines);
    expect(m, engines).not.toBeNull();
    const [major, minor] = [Number(m![1]), Number(m![2])];
    const satisfies = (v: string) => {
      const [a, b] = v.replace(/^v/, '').split('.').map(Number);
      return a > major || (a === major && (b ?? 0) >= minor);
    };
    expect(satisfies('20.19.0')).toBe(true);
    expect(satisfies(`${nvmrc}.0.0`)).toBe(true);
    expect(satisfies(process.version)).toBe(true);
  });
});

describe('stopping the app container', () => {
  it('gives the app longer than its own drain (api/src/server.ts) before Docker kills it', () => {
    const drain = Number(/DRAIN_SECONDS = (\d+)/.exec(readFileSync('api/src/server.ts', 'utf8'))![1]);
    const grace = Number(/^(\d+)s$/.exec(compose.services.app.stop_grace_period)![1]);
    expect(grace).toBeGreaterThan(drain);
  });
});

