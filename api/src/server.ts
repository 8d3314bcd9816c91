// The only place that listens. Everything else is buildApp().
import { buildApp } from './app';
import { ConfigError, loadConfig } from './config';

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
  const app = await buildApp({ config });
  const close = async () => {
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', close);
  process.once('SIGTERM', close);
  await app.listen({ port: config.port, host: config.host });
  const db = config.databaseUrl ? 'PostgreSQL' : `PGlite (${config.dataDir})`;
  app.log.info(`NQ57 Dashboard: http://localhost:${config.port} — cơ sở dữ liệu ${db}`);
}

main().catch((e) => {
  console.error('Không khởi động được NQ57 Dashboard:', e);
  process.exit(1);
});
