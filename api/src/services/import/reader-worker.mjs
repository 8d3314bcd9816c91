// The entry of a reader thread (reader-pool.ts). A worker starts without the TypeScript loader its
// parent runs under (tsx for the app, vitest's for the tests), so this plain module registers tsx
// in the worker, then loads the reader.
import { tsImport } from 'tsx/esm/api';

await tsImport('./reader-worker.ts', import.meta.url);
