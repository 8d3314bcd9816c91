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
