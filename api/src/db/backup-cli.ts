// `npm run backup -- FILE` and `npm run restore -- FILE` on the configured database (DATABASE_URL,
// or the PGlite in DATA_DIR): see backup.ts for the format and README "Sao lưu và khôi phục".
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { formatNumber } from '@nq57/shared';
import { ConfigError, loadConfig } from '../config';
import { backup, BackupError, restore } from './backup';
import { openDatabase } from './client';

const [command, file] = process.argv.slice(2);
const usage = 'Cách dùng: npm run backup -- TỆP   hoặc   npm run restore -- TỆP';

async function main() {
  if ((command !== 'backup' && command !== 'restore') || !file) throw new BackupError(usage);
  const config = loadConfig();
  const where = config.databaseUrl ? 'PostgreSQL' : `PGlite (${config.dataDir})`;
  if (!config.databaseUrl && existsSync(path.join(config.dataDir!, 'postmaster.pid'))) {
    // PGlite is one process: a second one on the same directory would corrupt it
    throw new BackupError(
      `Ứng dụng đang chạy trên ${config.dataDir} (có tệp postmaster.pid). Hãy dừng ứng dụng rồi chạy lại; nếu chắc chắn ứng dụng đã dừng (máy tắt đột ngột), hãy xóa tệp postmaster.pid.`,
    );
  }
  if (command === 'restore' && !existsSync(file)) throw new BackupError(`Không có tệp ${file}`);
  if (command === 'backup' && existsSync(file)) throw new BackupError(`Tệp ${file} đã có: chọn tên khác, bản sao lưu không ghi đè tệp cũ.`);
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.databaseUrl ? null : config.dataDir });
  try {
    if (command === 'backup') {
      const { bytes, header } = await backup(database);
      writeFileSync(file, bytes, { flag: 'wx' });
      const rows = header.tables.reduce((n, t) => n + t.rows, 0);
      console.log(`Đã sao lưu ${where}: ${formatNumber(header.tables.length)} bảng, ${formatNumber(rows)} dòng → ${file} (${formatNumber(Math.ceil(bytes.length / 1024))} KB)`);
    } else {
      const r = await restore(database, readFileSync(file));
      console.log(`Đã khôi phục ${file} vào ${where}: ${formatNumber(r.tables)} bảng, ${formatNumber(r.rows)} dòng. Mọi người đăng nhập lại.`);
    }
  } finally {
    await database.close();
  }
}

main().catch((e) => {
  if (e instanceof BackupError || e instanceof ConfigError) console.error(e.message);
  else console.error('Không sao lưu / khôi phục được:', e);
  process.exit(1);
});
