// Backups the app writes and reads itself (`npm run backup -- FILE`, `npm run restore -- FILE`),
// the same on PGlite and on PostgreSQL (decision 018): one gzip file, a header line (the format,
// the migrations the data was written under, each table's columns and row count), then one line
// per table holding its rows as PostgreSQL's own JSON (jsonb_agg). The rows are never parsed into
// JavaScript numbers on the way: the server writes the text and the server reads it back
// (json_populate_recordset), so a numeric of 18 digits or a timestamp's microseconds survive.
//
// A backup is one repeatable-read snapshot, so it may be taken while the app runs on PostgreSQL.
// A restore goes only into an empty database (a new PostgreSQL database, an empty DATA_DIR):
// the audit log refuses to be emptied, and a restore that merged two histories would be wrong.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { sql, type SQL } from 'drizzle-orm';
import { migrationsFolder, type Database, type DbOrTx } from './client';

export const BACKUP_FORMAT = 'nq57-backup';
const VERSION = 1;

/**
 * Not in a backup: sign-in state. Sessions and failed sign-ins belong to the running installation;
 * after a restore everyone signs in again, with the passwords of the backup. Nor what is derived
 * from the figures and made again when needed: the rounds' figures versions (the restore's own
 * inserts move them) and the ranks kept with them (round_ranks, decision 026).
 */
const EXCLUDED = new Set(['sessions', 'login_attempts', 'round_versions', 'round_ranks']);

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  engine: Database['kind'];
  /** the migrations applied to the database when it was backed up, by tag, in order */
  migrations: string[];
  tables: { name: string; columns: string[]; rows: number }[];
}

export class BackupError extends Error {}

interface JournalEntry {
  idx: number;
  when: number;
  tag: string;
}
const journal = (): JournalEntry[] => JSON.parse(readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')).entries;

/** Rows of a statement on either driver (postgres.js answers an array, PGlite { rows }). */
const rows = async <T>(db: DbOrTx, statement: SQL): Promise<T[]> => {
  const r = await db.execute(statement);
  return (Array.isArray(r) ? r : (r as unknown as { rows: T[] }).rows) as T[];
};

/** The app's tables (schema public) with their columns in order. */
async function tables(db: DbOrTx): Promise<{ name: string; columns: string[] }[]> {
  const found = await rows<{ table_name: string; columns: string[] }>(
    db,
    sql`select c.table_name::text, array_agg(c.column_name::text order by c.ordinal_position) as columns
          from information_schema.columns c
          join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
         where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
         group by c.table_name order by c.table_name`,
  );
  return found.filter((r) => !EXCLUDED.has(r.table_name)).map((r) => ({ name: r.table_name, columns: r.columns }));
}

/** Parents before children, by the foreign keys of the database the rows go into. */
async function loadOrder(db: DbOrTx, names: string[]): Promise<string[]> {
  const edges = await rows<{ child: string; parent: string }>(
    db,
    sql`select cl.relname::text as child, pl.relname::text as parent
       from pg_constraint c
       join pg_class cl on cl.oid = c.conrelid
       join pg_class pl on pl.oid = c.confrelid
       join pg_namespace n on n.oid = c.connamespace
      where c.contype = 'f' and n.nspname = 'public'`,
  );
  const order: string[] = [];
  const left = new Set(names);
  while (left.size) {
    const ready = [...left].filter((t) => !edges.some((e) => e.child === t && e.parent !== t && left.has(e.parent)));
    if (!ready.length) throw new BackupError(`Vòng khóa ngoại giữa các bảng ${[...left].join(', ')}`);
    for (const t of ready.sort()) {
      order.push(t);
      left.delete(t);
    }
  }
  return order;
}

async function appliedMigrations(db: DbOrTx): Promise<string[]> {
  const when = await rows<{ created_at: string }>(db, sql`select created_at::text from drizzle.__drizzle_migrations order by created_at`);
  const byWhen = new Map(journal().map((e) => [String(e.when), e.tag]));
  // a migration this app does not know (the database was migrated by a newer version) keeps its time
  return when.map((w) => byWhen.get(w.created_at) ?? `unknown-${w.created_at}`);
}

/** The database as one gzip'd file. */
export async function backup(database: Database): Promise<{ bytes: Buffer; header: BackupHeader }> {
  return database.db.transaction(
    async (tx) => {
      const header: BackupHeader = {
        format: BACKUP_FORMAT,
        version: VERSION,
        createdAt: new Date().toISOString(),
        engine: database.kind,
        migrations: await appliedMigrations(tx),
        tables: [],
      };
      const lines: string[] = [];
      for (const t of await tables(tx)) {
        const [r] = await rows<{ n: number; rows: string }>(
          tx,
          sql`select count(*)::int as n, coalesce(jsonb_agg(to_jsonb(x))::text, '[]') as rows from ${sql.identifier(t.name)} x`,
        );
        header.tables.push({ name: t.name, columns: t.columns, rows: r.n });
        lines.push(r.rows);
      }
      // jsonb's text has no line breaks (those inside strings are escaped): one line per table
      const bytes = gzipSync(Buffer.from([JSON.stringify(header), ...lines].join('\n') + '\n', 'utf8'));
      return { bytes, header };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

/** The header and the rows' lines of a backup file, checked. */
export function readBackup(bytes: Buffer): { header: BackupHeader; lines: string[] } {
  let text: string;
  try {
    text = gunzipSync(bytes).toString('utf8');
  } catch {
    throw new BackupError('Tệp không phải bản sao lưu của NQ57 Dashboard (không giải nén được).');
  }
  const lines = text.split('\n');
  let header: BackupHeader;
  try {
    header = JSON.parse(lines[0]);
  } catch {
    throw new BackupError('Tệp không phải bản sao lưu của NQ57 Dashboard.');
  }
  if (header?.format !== BACKUP_FORMAT) throw new BackupError('Tệp không phải bản sao lưu của NQ57 Dashboard.');
  if (header.version > VERSION) throw new BackupError(`Bản sao lưu dạng ${header.version}, phiên bản này chỉ đọc được đến dạng ${VERSION}: hãy cập nhật ứng dụng.`);
  if (lines.length < header.tables.length + 1) throw new BackupError('Bản sao lưu bị cắt cụt (thiếu dữ liệu của một số bảng).');
  return { header, lines: lines.slice(1, header.tables.length + 1) };
}

/**
 * Loads a backup into an empty database: first the migrations the backup was written under (so
 * a later migration that transforms data runs on the restored data, as it would have), then the
 * rows, the sequences past them, then the rest of the migrations. All rows in one transaction.
 */
export async function restore(database: Database, bytes: Buffer): Promise<{ tables: number; rows: number }> {
  const { header, lines } = readBackup(bytes);
  const known = journal().map((e) => e.tag);
  const prefix = header.migrations;
  if (prefix.some((tag, i) => known[i] !== tag)) {
    throw new BackupError(
      'Bản sao lưu được ghi bởi một phiên bản ứng dụng mới hơn (hoặc khác) phiên bản này: hãy khôi phục bằng phiên bản cùng hoặc mới hơn.',
    );
  }
  await database.exclusively(async () => {
    const upTo = mkdtempSync(path.join(os.tmpdir(), 'nq57-restore-'));
    try {
      // the migrations folder as it was when the backup was written
      const meta = JSON.parse(readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8'));
      const entries = journal().slice(0, prefix.length);
      mkdirSync(path.join(upTo, 'meta'));
      writeFileSync(path.join(upTo, 'meta', '_journal.json'), JSON.stringify({ ...meta, entries }));
      for (const e of entries) copyFileSync(path.join(migrationsFolder, `${e.tag}.sql`), path.join(upTo, `${e.tag}.sql`));
      await database.migrate(upTo);
    } finally {
      rmSync(upTo, { recursive: true, force: true });
    }
    await database.db.transaction(async (tx) => {
      const target = new Map((await tables(tx)).map((t) => [t.name, t.columns]));
      for (const name of target.keys()) {
        const [{ n }] = await rows<{ n: number }>(tx, sql`select count(*)::int as n from ${sql.identifier(name)}`);
        if (n > 0) {
          throw new BackupError(
            `Cơ sở dữ liệu đích đã có dữ liệu (bảng ${name}). Chỉ khôi phục vào cơ sở dữ liệu trống: một cơ sở dữ liệu PostgreSQL mới, hoặc một DATA_DIR mới.`,
          );
        }
      }
      const lineOf = new Map(header.tables.map((t, i) => [t.name, i]));
      for (const name of await loadOrder(tx, header.tables.map((t) => t.name).filter((n) => target.has(n)))) {
        const t = header.tables[lineOf.get(name)!];
        // columns of the backup that the table still has; any other takes its default
        const cols = sql.join(
          t.columns.filter((c) => target.get(name)!.includes(c)).map((c) => sql.identifier(c)),
          sql`, `,
        );
        const table = sql.identifier(name);
        await tx.execute(sql`insert into ${table} (${cols}) select ${cols} from json_populate_recordset(null::${table}, ${lines[lineOf.get(name)!]}::json)`);
      }
      // serial columns continue after the restored rows
      const serials = await rows<{ table_name: string; column_name: string; seq: string }>(
        tx,
        sql`select table_name::text, column_name::text, pg_get_serial_sequence(quote_ident(table_name), column_name) as seq
           from information_schema.columns
          where table_schema = 'public' and column_default like 'nextval(%'`,
      );
      for (const s of serials) {
        await tx.execute(sql`select setval(${s.seq}, coalesce((select max(${sql.identifier(s.column_name)}) from ${sql.identifier(s.table_name)}), 0) + 1, false)`);
      }
    });
    await database.migrate();
  });
  return { tables: header.tables.length, rows: header.tables.reduce((n, t) => n + t.rows, 0) };
}
