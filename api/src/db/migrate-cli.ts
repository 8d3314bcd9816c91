// `npm run db:migrate`: apply the committed migrations to the configured database, then stop.
import { loadConfig } from '../config';
import { openDatabase } from './client';

const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.databaseUrl ? null : config.dataDir });
// under the start-up lock: an instance may be starting at the same time
await database.exclusively(() => database.migrate());
await database.close();
console.log(`Đã áp dụng migration cho ${config.databaseUrl ? 'PostgreSQL' : `PGlite (${config.dataDir})`}`);
