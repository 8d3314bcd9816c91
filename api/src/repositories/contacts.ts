// Each commune's contacts (issue 14): commune_contacts, one row per commune once anything is
// entered. What a valid e-mail or phone is, is decided in shared (domain/contacts.ts), never here.
import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { CommuneContact } from '@nq57/shared';
import type { DbOrTx } from '../db/client';
import { communeContacts, communes } from '../db/schema';
import { instant } from './timestamps';

export interface ContactRecord extends CommuneContact {
  communeId: number;
  communeCode: string;
  communeName: string;
  /** null: nothing entered for this commune yet */
  updatedBy: string | null;
  updatedAt: string | null;
}

const fields = {
  ubndEmail: communeContacts.ubndEmail,
  ubndPhone: communeContacts.ubndPhone,
  officerName: communeContacts.officerName,
  officerEmail: communeContacts.officerEmail,
  officerPhone: communeContacts.officerPhone,
};

export function createContactsRepository(db: DbOrTx) {
  return {
    /** Every commune, in catalogue order, with its contacts (all null when none are entered). */
    async all(): Promise<ContactRecord[]> {
      const rows = await db
        .select({
          communeId: communes.id,
          communeCode: communes.code,
          communeName: communes.name,
          ...fields,
          updatedBy: communeContacts.updatedBy,
          updatedAt: communeContacts.updatedAt,
        })
        .from(communes)
        .leftJoin(communeContacts, eq(communeContacts.communeId, communes.id))
        .orderBy(asc(communes.sortOrder), asc(communes.id));
      return rows.map((r) => ({ ...r, updatedAt: instant(r.updatedAt) }));
    },

    /** The contacts of these communes (those with a row). */
    async ofCommunes(communeIds: number[]): Promise<Map<number, CommuneContact>> {
      if (!communeIds.length) return new Map();
      const rows = await db
        .select({ communeId: communeContacts.communeId, ...fields })
        .from(communeContacts)
        .where(inArray(communeContacts.communeId, communeIds));
      return new Map(rows.map(({ communeId, ...c }) => [communeId, c]));
    },

    /** Replaces the contacts of each commune given (one statement: an import is all or nothing). */
    async save(rows: { communeId: number; contact: CommuneContact }[], actor: string): Promise<void> {
      if (!rows.length) return;
      await db
        .insert(communeContacts)
        .values(rows.map((r) => ({ communeId: r.communeId, ...r.contact, updatedBy: actor })))
        .onConflictDoUpdate({
          target: communeContacts.communeId,
          set: {
            ubndEmail: sql`excluded.ubnd_email`,
            ubndPhone: sql`excluded.ubnd_phone`,
            officerName: sql`excluded.officer_name`,
            officerEmail: sql`excluded.officer_email`,
            officerPhone: sql`excluded.officer_phone`,
            updatedBy: sql`excluded.updated_by`,
            updatedAt: sql`now()`,
          },
        });
    },
  };
}
export type ContactsRepository = ReturnType<typeof createContactsRepository>;
