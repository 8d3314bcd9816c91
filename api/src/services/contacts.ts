// Each commune's contacts (issue 14): the list the admin page and /tien-do read, one commune saved
// from the page, the CSV to edit and import again, and the import from a spreadsheet. The file is
// read by the import's reader (import/read.ts: xlsx, or CSV in whatever encoding Excel saved it),
// each row is read by the shared rules (readContact), and the whole file is written in one
// statement or not at all: one bad phone number refuses the file, naming its row and column.
import { CONTACT_FIELDS, CONTACT_FILE_HEADERS, contactColumnOf, createCommuneMatcher, csvText, headerKey, readContact, type CommuneContact, type ContactColumn, type ContactField } from '@nq57/shared';
import type { CommuneContactOut, ContactList, ContactsImportProblem, ContactsImportResult } from '@nq57/shared/schemas';
import type { Database } from '../db/client';
import { ApiError, notFound } from '../errors';
import { createContactsRepository, type ContactRecord } from '../repositories/contacts';
import { columnLetter, readSpreadsheet, type Cell, type Grid } from './import/read';

/** A refused file: nothing was written. */
export class ContactsRefused extends ApiError {
  constructor(
    message: string,
    readonly problems: ContactsImportProblem[],
  ) {
    super(400, 'CONTACTS_HAVE_ERRORS', message);
  }
}

const out = (r: ContactRecord): CommuneContactOut => ({
  commune: r.communeCode,
  communeName: r.communeName,
  ubndEmail: r.ubndEmail,
  ubndPhone: r.ubndPhone,
  officerName: r.officerName,
  officerEmail: r.officerEmail,
  officerPhone: r.officerPhone,
  updatedBy: r.updatedBy,
  updatedAt: r.updatedAt,
});

const same = (a: CommuneContact, b: CommuneContact) => CONTACT_FIELDS.every((f) => a[f] === b[f]);

/** A cell as text: a phone typed as a number in Excel (905123456) reads as its digits. */
function cellText(c: Cell | undefined): string | null {
  if (!c || c.kind === 'empty') return '';
  if (c.kind === 'text') return c.text;
  if (c.kind === 'number' && Number.isInteger(c.value)) return String(c.value);
  return null;
}

/** read: how a spreadsheet becomes a grid; the app passes its worker pool (app.spreadsheets), tests may read inline */
export function createContactService(database: Database, opts: { read?: (bytes: Buffer, fileName: string) => Promise<Grid> } = {}) {
  const read = opts.read ?? readSpreadsheet;
  const { db } = database;
  const repo = createContactsRepository(db);

  return {
    async list(): Promise<ContactList> {
      return { contacts: (await repo.all()).map(out) };
    },

    /** The list in the layout of the import (shared csvText): edit it in Excel and import it back. */
    async csv(): Promise<string> {
      const rows = await repo.all();
      return csvText([CONTACT_FILE_HEADERS, ...rows.map((r) => [r.communeCode, r.communeName, ...CONTACT_FIELDS.map((f) => r[f] ?? '')])]);
    },

    /** One commune's contacts, replaced by what the page sent; 400 naming every field that is wrong. */
    async save(communeCode: string, body: Partial<Record<ContactField, string | null>>, actor: string): Promise<CommuneContactOut> {
      const rows = await repo.all();
      const row = rows.find((r) => r.communeCode === communeCode);
      if (!row) throw notFound.commune(communeCode);
      const { contact, problems } = readContact(body);
      if (problems.length) throw new ApiError(400, 'BAD_CONTACT', problems.map((p) => p.message).join('. '));
      await repo.save([{ communeId: row.communeId, contact }], actor);
      return out((await repo.all()).find((r) => r.communeCode === communeCode)!);
    },

    async importFile(bytes: Buffer, fileName: string, { dryRun, actor }: { dryRun: boolean; actor: string }): Promise<ContactsImportResult> {
      const grid = await read(bytes, fileName);
      const existing = await repo.all();
      const matcher = createCommuneMatcher(existing.map((r) => ({ code: r.communeCode, name: r.communeName })));
      const byCode = new Map(existing.map((r) => [r.communeCode, r]));
      const problems: ContactsImportProblem[] = [];

      // the header row: the first of the top ten that names a commune column and a contact column
      let head = -1;
      let columns: (ContactColumn | null)[] = [];
      for (let r = 0; r < Math.min(grid.rows.length, 10) && head < 0; r++) {
        const cols = grid.rows[r].map((c) => (c.kind === 'text' ? contactColumnOf(headerKey(c.text)) : null));
        const hasCommune = cols.includes('communeCode') || cols.includes('communeName');
        if (hasCommune && cols.some((c) => c !== null && c !== 'communeCode' && c !== 'communeName')) [head, columns] = [r, cols];
      }
      if (head < 0) {
        throw new ContactsRefused(
          `Không tìm thấy dòng tiêu đề: tệp cần cột mã xã hoặc tên xã và ít nhất một cột liên hệ (${CONTACT_FILE_HEADERS.slice(2).join(', ')}). Tải danh sách hiện có (CSV) để có đúng mẫu.`,
          [],
        );
      }
      const headerText = (i: number) => {
        const c = grid.rows[head][i];
        return c?.kind === 'text' ? c.text : columnLetter(i);
      };
      const seen = new Set<ContactColumn>();
      columns.forEach((c, i) => {
        if (c && seen.has(c)) problems.push({ row: head + 1, column: headerText(i), message: `Hai cột cùng là "${headerText(columns.indexOf(c))}": giữ một cột` });
        if (c) seen.add(c);
      });
      const ignoredColumns = grid.rows[head].map((c, i) => (c.kind === 'text' && columns[i] === null ? c.text : null)).filter((h): h is string => h !== null);
      const fieldCols = CONTACT_FIELDS.map((f) => [f, columns.indexOf(f)] as const).filter(([, i]) => i >= 0);

      const planned = new Map<string, { row: number; contact: CommuneContact }>();
      for (let r = head + 1; r < grid.rows.length; r++) {
        const cells = grid.rows[r];
        if (cells.every((c) => c.kind === 'empty')) continue;
        const at = (col: ContactColumn) => (columns.indexOf(col) >= 0 ? cellText(cells[columns.indexOf(col)]) : '');
        const m = matcher.match(at('communeCode'), at('communeName'));
        if (m.status !== 'ok') {
          problems.push({ row: r + 1, column: null, message: m.message });
          continue;
        }
        if (planned.has(m.code)) {
          problems.push({ row: r + 1, column: null, message: `${m.name} đã có ở dòng ${planned.get(m.code)!.row}: mỗi xã một dòng` });
          continue;
        }
        // a column the file does not have leaves that field as it is; an empty cell clears it
        const input: Partial<Record<ContactField, string | null>> = {};
        let unreadable = false;
        for (const [f, i] of fieldCols) {
          const text = cellText(cells[i]);
          if (text === null) {
            problems.push({ row: r + 1, column: headerText(i), message: `Ô ${columnLetter(i)}${r + 1} không phải chữ hay số (ngày tháng, công thức lỗi…)` });
            unreadable = true;
          } else input[f] = text;
        }
        const read = readContact(input);
        for (const p of read.problems) problems.push({ row: r + 1, column: headerText(columns.indexOf(p.field)), message: p.message });
        if (unreadable || read.problems.length) continue;
        const before = byCode.get(m.code)!;
        const contact = Object.fromEntries(CONTACT_FIELDS.map((f) => [f, f in input ? read.contact[f] : before[f]])) as unknown as CommuneContact;
        planned.set(m.code, { row: r + 1, contact });
      }
      if (!planned.size && !problems.length) problems.push({ row: null, column: null, message: 'Tệp không có dòng nào có thông tin của xã' });
      if (problems.length) {
        throw new ContactsRefused(`Tệp có ${problems.length} lỗi: chưa ghi gì. Sửa các dòng được nêu rồi tải lên lại.`, problems);
      }

      const communes = [...planned].map(([code, p]) => {
        const before = byCode.get(code)!;
        const change = before.updatedBy === null ? ('create' as const) : same(before, p.contact) ? ('unchanged' as const) : ('update' as const);
        return { commune: code, communeName: before.communeName, change, contact: p.contact, communeId: before.communeId };
      });
      const changed = communes.filter((c) => c.change !== 'unchanged');
      if (!dryRun) await repo.save(changed.map((c) => ({ communeId: c.communeId, contact: c.contact })), actor);
      return {
        dryRun,
        fileName,
        rows: planned.size,
        changed: changed.length,
        unchanged: communes.length - changed.length,
        ignoredColumns,
        communes: communes.map(({ commune, communeName, change }) => ({ commune, communeName, change })),
      };
    },
  };
}
export type ContactService = ReturnType<typeof createContactService>;
