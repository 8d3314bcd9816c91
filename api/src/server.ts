// The only place that listens. Everything else is buildApp().
import { buildApp } from './app';
import { ConfigError, loadConfig } from './config';
import { loggableError } from './hardening';

/** How long a stop waits for requests in flight (docker-compose.yml gives the app 30 s before SIGKILL). */
const DRAIN_SECONDS = 20;

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
  // SIGTERM (docker stop, systemd) or Ctrl-C: stop taking connections, let the requests in flight
  // finish (Fastify answers 503 to new ones on kept-alive connections), then close the database.
  // A second signal, or DRAIN_SECONDS without an end, stops at once.
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    app.log.info(`Nhận ${signal}: ngừng nhận kết nối mới, chờ các yêu cầu đang xử lý xong rồi dừng`);
    setTimeout(() => {
      app.log.error(`Quá ${DRAIN_SECONDS} giây vẫn còn yêu cầu chưa xong: dừng ngay`);
      process.exit(1);
    }, DRAIN_SECONDS * 1000).unref();
    try {
      await app.close();
      process.exit(0);
    } catch (e) {
      app.log.error({ err: loggableError(e) }, 'lỗi khi dừng');
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  const db = config.databaseUrl ? 'PostgreSQL' : `PGlite (${config.dataDir})`;
  app.log.info(`NQ57 Dashboard: http://localhost:${config.port} — cơ sở dữ liệu ${db}`);
}

main().catch((e) => {
  // a failed migration or seed is a failed query: its first line and stack, never its parameters
  const { message, code, stack } = loggableError(e);
  console.error(`Không khởi động được NQ57 Dashboard: ${message}${code ? ` (${code})` : ''}\n${stack}`);
  process.exit(1);
});
