import { defineConfig } from 'vitest/config';

// One `npm test` for the house: pure rules (shared), the API on real databases (PGlite always,
// PostgreSQL too when TEST_DATABASE_URL is set), web transforms, and browser journeys.
export default defineConfig({
  test: {
    // PGlite takes ~0.7 GB per process: two workers on a 2-core machine
    maxWorkers: 2,
    projects: [
      { test: { name: 'shared', include: ['shared/test/**/*.test.ts'] } },
      {
        test: {
          name: 'api',
          include: ['api/test/**/*.test.ts'],
          globalSetup: ['api/test/global-setup.ts'],
          setupFiles: ['api/test/fail-on-console-error.ts'],
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
      { test: { name: 'web', include: ['web/test/**/*.test.ts'], setupFiles: ['api/test/fail-on-console-error.ts'] } },
      {
        test: {
          name: 'e2e',
          include: ['web/e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 240_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
