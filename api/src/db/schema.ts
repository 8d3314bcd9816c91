// The one description of the database. drizzle-kit generates migrations/ from this file
// (`npm run db:generate`); the app applies them on start. TypeScript names are camelCase,
// SQL names snake_case (drizzle `casing: 'snake_case'`).
import { sql } from 'drizzle-orm';
import type { FormerDistrict } from '@nq57/shared';
import {
  bigint,
  bigserial,
  boolean,
  check,
  customType,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  unique,
} from 'drizzle-orm/pg-core';

export const communes = pgTable(
  'communes',
  {
    // A small integer key keeps the values table and its indexes compact (8 M rows at
    // national scale); the official 5-digit code is what every API speaks.
    id: serial().primaryKey(),
    code: text().notNull().unique(),
    name: text().notNull(),
    type: text().notNull(),
    /** as the catalogue writes it: "Huyện Bình Sơn (xã Bình Hiệp, …); Thành phố Quảng Ngãi (xã Tịnh Hòa)" */
    formerDistrict: text().notNull(),
    /** the same, parsed (parseFormerDistricts) by the catalogue upsert: what filters and labels read.
     * jsonb on the row rather than a child table: a commune has one to three, always read whole. */
    formerDistricts: jsonb().$type<FormerDistrict[]>().notNull().default([]),
    formerProvince: text().notNull(),
    areaKm2: numeric({ precision: 10, scale: 2 }),
    population: integer(),
    populationBasis: text(),
    mergedFrom: text(),
    /** thôn / tổ dân phố, once known */
    villages: integer(),
    sortOrder: integer().notNull().default(0),
  },
  (t) => [check('communes_type_check', sql`${t.type} in ('xã', 'phường', 'đặc khu')`)],
);

export const elementGroups = pgTable('element_groups', {
  code: text().primaryKey(),
  name: text().notNull(),
  sortOrder: integer().notNull().default(0),
});

export const dataElements = pgTable(
  'data_elements',
  {
    id: serial().primaryKey(),
    code: text().notNull().unique(),
    name: text().notNull(),
    unit: text().notNull(),
    groupCode: text()
      .notNull()
      .references(() => elementGroups.code),
    description: text().notNull().default(''),
    /** written by the system (on-time reporting), never asked for in a round's form */
    computed: boolean().notNull().default(false),
    /** the largest plausible figure of a round, whatever the commune (decision 011); null = none */
    maxValue: numeric(),
    /** the largest plausible figure per inhabitant, when the commune's population is known */
    maxPerHead: numeric(),
    sortOrder: integer().notNull().default(0),
  },
  (t) => [check('data_elements_unit_check', sql`${t.unit} in ('count', 'percent', 'vnd', 'boolean', 'per_1000')`)],
);

export const indicators = pgTable(
  'indicators',
  {
    id: serial().primaryKey(),
    code: text().notNull().unique(),
    name: text().notNull(),
    kind: text().notNull(),
    unit: text().notNull(),
    numeratorElementId: integer()
      .notNull()
      .references(() => dataElements.id),
    denominatorElementId: integer().references(() => dataElements.id),
    /** the denominator is the commune's population from the catalogue, not a data element */
    denominatorPopulation: boolean().notNull().default(false),
    factor: numeric().notNull().default('1'),
    direction: text().notNull(),
    target: numeric(),
    minDenominator: numeric().notNull().default('0'),
    weight: numeric().notNull().default('0'),
    description: text().notNull().default(''),
    sortOrder: integer().notNull().default(0),
  },
  (t) => [
    check('indicators_kind_check', sql`${t.kind} in ('element', 'rate')`),
    check('indicators_direction_check', sql`${t.direction} in ('higher', 'lower')`),
    check(
      'indicators_rate_has_denominator',
      sql`${t.kind} = 'element' or ${t.denominatorElementId} is not null or ${t.denominatorPopulation}`,
    ),
  ],
);

export const periods = pgTable(
  'periods',
  {
    id: serial().primaryKey(),
    code: text().notNull().unique(),
    name: text().notNull(),
    kind: text().notNull(),
    startDate: date({ mode: 'string' }).notNull(),
    endDate: date({ mode: 'string' }).notNull(),
    deadline: date({ mode: 'string' }),
    status: text().notNull().default('open'),
    /** "số liệu đến ngày": the date the round's figures are current to */
    dataAsOf: date({ mode: 'string' }),
  },
  (t) => [
    check('periods_kind_check', sql`${t.kind} in ('month', 'quarter', 'nine_months', 'year')`),
    check('periods_status_check', sql`${t.status} in ('open', 'closed')`),
    check('periods_dates_check', sql`${t.startDate} <= ${t.endDate}`),
  ],
);

export const dataValues = pgTable(
  'data_values',
  {
    periodId: integer()
      .notNull()
      .references(() => periods.id),
    elementId: integer()
      .notNull()
      .references(() => dataElements.id),
    communeId: integer()
      .notNull()
      .references(() => communes.id),
    // numeric, not float: money is whole đồng (7.630.404.000) and must stay exact.
    value: numeric().notNull(),
    /** "trên 90%", "gần 20.000": the number is kept, with this flag */
    approximate: boolean().notNull().default(false),
    /** the date the figure is current to, when it differs from the round (Mỏ Cày: 30/10/2025) */
    asOf: date({ mode: 'string' }),
    source: text().notNull(),
    note: text(),
    updatedBy: text().notNull(),
    updatedAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  // Key order (period, element, commune) is the order every ranking reads in.
  (t) => [
    primaryKey({ columns: [t.periodId, t.elementId, t.communeId] }),
    index('data_values_commune_idx').on(t.communeId, t.periodId),
  ],
);

/** Small facts about the installation: is this demo data, the data version, … */
export const appMeta = pgTable('app_meta', {
  key: text().primaryKey(),
  value: jsonb().notNull(),
  updatedAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
});

// ── Accounts ────────────────────────────────────────────────────────────────────────────

export const users = pgTable(
  'users',
  {
    id: serial().primaryKey(),
    username: text().notNull().unique(),
    displayName: text().notNull().default(''),
    /** argon2id, PHC string; never a default password (see issue 4) */
    passwordHash: text().notNull(),
    role: text().notNull(),
    /** the one commune a cán bộ xã may write for */
    communeId: integer().references(() => communes.id),
    disabled: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    check('users_role_check', sql`${t.role} in ('admin', 'leader', 'commune')`),
    check('users_commune_role_check', sql`(${t.role} = 'commune') = (${t.communeId} is not null)`),
  ],
);

/** Server-side sessions: the cookie carries a random token, the table its SHA-256, so a
 * read of this table does not hand out sessions. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text().primaryKey(),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text().notNull(),
    createdAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true, mode: 'string' }).notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** Failed sign-ins, counted per account and per address over a sliding window. */
export const loginAttempts = pgTable(
  'login_attempts',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    username: text().notNull(),
    ip: text().notNull(),
    at: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [index('login_attempts_username_idx').on(t.username, t.at), index('login_attempts_ip_idx').on(t.ip, t.at)],
);

// ── Rounds, submissions, audit ──────────────────────────────────────────────────────────

/** The data elements a round asks for. */
export const periodElements = pgTable(
  'period_elements',
  {
    periodId: integer()
      .notNull()
      .references(() => periods.id, { onDelete: 'cascade' }),
    elementId: integer()
      .notNull()
      .references(() => dataElements.id),
  },
  (t) => [primaryKey({ columns: [t.periodId, t.elementId] })],
);

/** One commune's report for one round. No row = "chưa bắt đầu". Approved figures are
 * copied into data_values, which is what the rankings read. */
export const submissions = pgTable(
  'submissions',
  {
    id: serial().primaryKey(),
    periodId: integer()
      .notNull()
      .references(() => periods.id, { onDelete: 'cascade' }),
    communeId: integer()
      .notNull()
      .references(() => communes.id),
    status: text().notNull().default('draft'),
    /** optimistic lock: every save must name the version it started from */
    version: integer().notNull().default(0),
    startedAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    submittedAt: timestamp({ withTimezone: true, mode: 'string' }),
    submittedBy: text(),
    /** first submission: timeliness is judged on it, not on a resubmission after a return */
    firstSubmittedAt: timestamp({ withTimezone: true, mode: 'string' }),
    /** the first import that brought this commune's figures to the Sở (decision 010): when the
     * Sở had them, if the commune never submitted itself; never sets firstSubmittedAt */
    firstImportedAt: timestamp({ withTimezone: true, mode: 'string' }),
    /** the latest import that wrote these figures: shown as "Sở nhập từ tệp …" wherever the state is */
    importId: integer(),
    approvedAt: timestamp({ withTimezone: true, mode: 'string' }),
    approvedBy: text(),
    updatedAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    updatedBy: text().notNull(),
  },
  (t) => [
    unique('submissions_period_commune_unique').on(t.periodId, t.communeId),
    check('submissions_status_check', sql`${t.status} in ('draft', 'submitted', 'returned', 'approved')`),
  ],
);

export const submissionValues = pgTable(
  'submission_values',
  {
    submissionId: integer()
      .notNull()
      .references(() => submissions.id, { onDelete: 'cascade' }),
    elementId: integer()
      .notNull()
      .references(() => dataElements.id),
    /** null with an explanation only; "không có" is 0, an empty field has no row */
    value: numeric(),
    /** the officer's one line for a warning (3× jump, far from similar communes) */
    explanation: text(),
  },
  (t) => [primaryKey({ columns: [t.submissionId, t.elementId] })],
);

export const submissionComments = pgTable(
  'submission_comments',
  {
    id: serial().primaryKey(),
    submissionId: integer()
      .notNull()
      .references(() => submissions.id, { onDelete: 'cascade' }),
    kind: text().notNull(),
    body: text().notNull(),
    author: text().notNull(),
    at: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [check('submission_comments_kind_check', sql`${t.kind} in ('submit', 'return', 'approve', 'reopen', 'note')`)],
);

/**
 * Saves the server has done, by the id the browser gave them (issue 15): a phone's outbox resends a
 * save whose answer it never received, and gets that answer again instead of a second write (or a
 * 409 against its own first one). Kept a while per submission, then pruned: a resend that late is
 * still refused safely by the version check.
 */
export const submissionSaves = pgTable(
  'submission_saves',
  {
    submissionId: integer()
      .notNull()
      .references(() => submissions.id, { onDelete: 'cascade' }),
    clientId: text().notNull(),
    /** who sent it: the same id from another account is not the same save */
    actor: text().notNull(),
    /** the answer given the first time (SubmissionSaved) */
    result: jsonb().notNull(),
    savedAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.submissionId, t.clientId] })],
);

/** Every change to a figure, append-only (a trigger refuses UPDATE and DELETE). */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    at: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    actor: text().notNull(),
    periodId: integer().references(() => periods.id),
    communeId: integer().references(() => communes.id),
    /** null for an event about the whole submission (submit, return, reopen) */
    elementId: integer().references(() => dataElements.id),
    oldValue: numeric(),
    newValue: numeric(),
    how: text().notNull(),
    comment: text(),
    importId: integer(),
    /** how = 'report': the commune's narrative report the figure was read from (its sentence is in `comment`) */
    reportId: integer().references(() => reportUploads.id),
  },
  (t) => [
    check(
      'audit_log_how_check',
      sql`${t.how} in ('form', 'import', 'approval', 'reopen', 'submit', 'return', 'seed', 'system', 'round', 'user', 'report')`,
    ),
    index('audit_log_commune_idx').on(t.communeId, t.periodId),
    index('audit_log_element_idx').on(t.periodId, t.elementId),
  ],
);

// ── Briefing (issue 5) ──────────────────────────────────────────────────────────────────

export const playlists = pgTable('playlists', {
  id: serial().primaryKey(),
  name: text().notNull().unique(),
  /** [{ type, indicator?, seconds? }] in showing order */
  slides: jsonb().notNull(),
  defaultSeconds: integer().notNull().default(20),
  /** null = follow the latest round */
  periodId: integer().references(() => periods.id),
  updatedBy: text().notNull(),
  updatedAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
});

export const briefingTokens = pgTable('briefing_tokens', {
  id: serial().primaryKey(),
  /** SHA-256 of the token; the token itself is shown once */
  tokenHash: text().notNull().unique(),
  playlistId: integer()
    .notNull()
    .references(() => playlists.id, { onDelete: 'cascade' }),
  label: text().notNull().default(''),
  createdBy: text().notNull(),
  createdAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  revokedAt: timestamp({ withTimezone: true, mode: 'string' }),
});

// ── Import (issue 6) ────────────────────────────────────────────────────────────────────

export const imports = pgTable('imports', {
  id: serial().primaryKey(),
  periodId: integer()
    .notNull()
    .references(() => periods.id),
  fileName: text().notNull(),
  fileSha256: text().notNull(),
  mode: text().notNull(),
  mappingName: text(),
  counts: jsonb().notNull(),
  importedBy: text().notNull(),
  at: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
});

/** A saved column mapping for files from other systems: { "<their header>": "<element code>" } */
export const importMappings = pgTable('import_mappings', {
  name: text().primaryKey(),
  columns: jsonb().notNull(),
  updatedBy: text().notNull(),
  updatedAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
});

// ── Reports read (issue 11) ─────────────────────────────────────────────────────────────

/** drizzle has no bytea column of its own; PGlite answers a Uint8Array, postgres.js a Buffer */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v.buffer, v.byteOffset, v.byteLength)),
});

/**
 * A commune's narrative report as uploaded and read: the file, the text the reader read (every
 * offset of a proposal points into it) and what it proposed. Reading writes no figure; the figures
 * a person accepts go through the form's write path, their audit rows pointing back here.
 */
export const reportUploads = pgTable(
  'report_uploads',
  {
    id: serial().primaryKey(),
    periodId: integer()
      .notNull()
      .references(() => periods.id),
    /** the commune it is filed under (chosen, the officer's own, or recognised); null: none yet */
    communeId: integer().references(() => communes.id),
    fileName: text().notNull(),
    format: text().notNull(),
    size: integer().notNull(),
    sha256: text().notNull(),
    /** the file as sent, so the Sở can open the evidence behind a confirmed figure */
    content: bytea().notNull(),
    /** the extracted text exactly as shown to the person and read */
    text: text().notNull(),
    /** the reader's answer: { detected, reportDate, candidates, warnings } (shared ReadResult) */
    reading: jsonb().notNull(),
    uploadedBy: text().notNull(),
    uploadedAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    check('report_uploads_format_check', sql`${t.format} in ('docx', 'pdf', 'txt')`),
    index('report_uploads_period_commune_idx').on(t.periodId, t.communeId),
  ],
);

// ── Contacts and reminders (issue 14) ───────────────────────────────────────────────────

/** Whom to write to and call in each commune; no row = nothing entered yet. Phones are kept as
 * digits from the leading 0, e-mails with their domain in lower case (shared readContact). */
export const communeContacts = pgTable('commune_contacts', {
  communeId: integer()
    .primaryKey()
    .references(() => communes.id),
  ubndEmail: text(),
  ubndPhone: text(),
  officerName: text(),
  officerEmail: text(),
  officerPhone: text(),
  updatedBy: text().notNull(),
  updatedAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
});

/**
 * The reminder outbox: every e-mail to a commune is a row here before it is sent, written in the
 * transaction that decides it (a return, a press of "Nhắc ngay", a pass of the scheduler), so it
 * cannot be lost; the unique key (round, commune, kind, day) makes a second queuing of the same
 * message a no-op, on any instance. A worker claims a row with FOR UPDATE SKIP LOCKED and a lease
 * (status 'sending', leaseUntil): two instances never hold the same row, and a row whose holder
 * died is taken again when its lease runs out (decision 016).
 */
export const reminderOutbox = pgTable(
  'reminder_outbox',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    periodId: integer()
      .notNull()
      .references(() => periods.id, { onDelete: 'cascade' }),
    communeId: integer()
      .notNull()
      .references(() => communes.id),
    kind: text().notNull(),
    /** the Vietnam day the message belongs to: the scheduled day, or the day of the return or the press */
    day: date({ mode: 'string' }).notNull(),
    /** the addresses when it was queued */
    recipients: jsonb().$type<string[]>().notNull(),
    /** the Sở's comment, for a returned form */
    comment: text(),
    status: text().notNull().default('pending'),
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    leaseUntil: timestamp({ withTimezone: true, mode: 'string' }),
    leasedBy: text(),
    lastError: text(),
    sentAt: timestamp({ withTimezone: true, mode: 'string' }),
    createdBy: text().notNull(),
    createdAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    unique('reminder_outbox_key').on(t.periodId, t.communeId, t.kind, t.day),
    check('reminder_outbox_kind_check', sql`${t.kind} in ('due_soon', 'overdue', 'returned', 'manual')`),
    check('reminder_outbox_status_check', sql`${t.status} in ('pending', 'sending', 'sent', 'failed', 'cancelled')`),
    // what a worker looks for: the rows it may claim, oldest first
    // (the log of a round reads through the unique key, whose first column is the round)
    index('reminder_outbox_due_idx').on(t.status, t.nextAttemptAt),
  ],
);

/** Every attempt to send a message and its result, append-only: the log the Sở reads on /tien-do. */
export const reminderAttempts = pgTable(
  'reminder_attempts',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    outboxId: bigint({ mode: 'number' })
      .notNull()
      .references(() => reminderOutbox.id, { onDelete: 'cascade' }),
    at: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    /** sent, failed (will retry), gave_up, cancelled (no longer applies, or no address) */
    result: text().notNull(),
    error: text(),
    /** the instance that made the attempt */
    instance: text().notNull(),
  },
  (t) => [
    index('reminder_attempts_outbox_idx').on(t.outboxId),
    check('reminder_attempts_result_check', sql`${t.result} in ('sent', 'failed', 'gave_up', 'cancelled')`),
  ],
);

/**
 * A published ranking of a closed round (issue 12, decision 019): "Công bố lần N". `content` is the
 * canonical JSON of every indicator's ranking, the composite and the overview as published, kept
 * as text (not jsonb, which reorders keys) so a release answers byte for byte the same forever;
 * `hash` is its sha256. Never updated: a correction is the next version.
 */
export const releases = pgTable(
  'releases',
  {
    id: serial().primaryKey(),
    periodId: integer()
      .notNull()
      .references(() => periods.id),
    /** 1, 2, …: "Công bố lần N" of this round */
    version: integer().notNull(),
    publishedAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    publishedBy: text().notNull(),
    note: text(),
    /** sha256 (hex) of `content` */
    hash: text().notNull(),
    content: text().notNull(),
    /** JSON: the changes against the previous version (an empty list for the first) */
    changes: text().notNull(),
    /**
     * "đã báo cáo" and "đã duyệt" as published (the content's overview), beside it so the list of
     * rounds can say the published count without reading every release's content
     */
    communesReported: integer(),
    communesApproved: integer(),
  },
  // two admins publishing at once never get the same number
  (t) => [unique('releases_period_version').on(t.periodId, t.version), check('releases_version_check', sql`${t.version} >= 1`)],
);

// ── Ranks kept between restarts (issue 13, docs/decisions/026) ──────────────────────────

/**
 * Each round's figures version: moved by triggers on data_values (migration 0011) in the
 * transaction that writes the figures, whatever writes them. What is derived from a round's
 * figures and kept in the database is valid only at the version it was made from. No foreign
 * key: a round's figures deleted with the round move its version after the round is gone.
 */
export const roundVersions = pgTable('round_versions', {
  periodId: integer().primaryKey(),
  version: bigint({ mode: 'number' }).notNull(),
});

/**
 * A round's trend point (every commune's value and rank of each indicator the round collects,
 * ranked on its own) and its composite ranks at the default weights, as the ranking service made
 * them: a standing after a restart reads its commune's slice of each round in its trend here
 * instead of every commune's figures of every round. Valid while `figuresVersion` equals the
 * round's version and `definition` the hash of what else ranks depend on (communes, catalogue,
 * the round's own settings); anything else is ignored and made again.
 */
export const roundRanks = pgTable('round_ranks', {
  periodId: integer()
    .primaryKey()
    .references(() => periods.id, { onDelete: 'cascade' }),
  figuresVersion: bigint({ mode: 'number' }).notNull(),
  definition: text().notNull(),
  /** the indicators ranked, in order; `values` and `ranks` hold one entry per (commune, indicator), commune-major */
  indicators: text().array().notNull(),
  /** the province's value of each indicator (null: none) */
  province: doublePrecision().array().notNull(),
  /** per commune in the order the definition names, then per indicator (null: no value) */
  values: doublePrecision().array().notNull(),
  /** the same, ranks (null: not ranked) */
  ranks: integer().array().notNull(),
  /** the default weights the composite ranks were made with (the same text as the kept key) */
  compositeWeights: text().notNull(),
  /** per commune, its composite rank (null: not ranked) */
  compositeRanks: integer().array().notNull(),
  writtenAt: timestamp({ withTimezone: true, mode: 'string' }).notNull().defaultNow(),
});
