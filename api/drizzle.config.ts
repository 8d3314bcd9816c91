import { defineConfig } from 'drizzle-kit';

// Generates SQL migrations from the schema. The app applies them itself on start; never `push`.
export default defineConfig({
  dialect: 'postgresql',
  schema: './api/src/db/schema.ts',
  out: './migrations',
  casing: 'snake_case',
});
