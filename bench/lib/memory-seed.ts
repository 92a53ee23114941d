// The database side of the relationship-memory benchmark: a fresh, migrated database per dialect
// (a SQLite file in a temp dir, so WAL and disk are real, or a PostgreSQL database created for the
// run and dropped after it), one seller, and a million touchpoints written in batched multi-row
// INSERTs with each contact's last touch set from them.
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import type { TouchpointKind } from '../../shared/contacts.js';
import type { ContactId, TouchpointId, UserId } from '../../shared/ids.js';
import type { Viewer } from '../../server/contacts/contact.repository.js';
import { migrateToLatest, openDatabase } from '../../server/db/database.js';
import type { Db } from '../../server/db/database.js';
import { newId } from '../../server/lib/random.js';
import { createTestDatabase } from '../../server/test/databases.js';
import { insertTouchpoints } from '../../server/touchpoints/touchpoint.repository.js';
import type { NewTouchpoint } from '../../server/touchpoints/touchpoint.table.js';
import type { Random } from './memory-data.js';
import { pick } from './memory-data.js';
import { tempDataDir } from './nahbar-process.js';

/** The dialects the benchmark runs on. */
export const BENCH_DIALECTS = ['sqlite', 'postgres'] as const;
/** One of them. */
export type BenchDialect = (typeof BENCH_DIALECTS)[number];

/** A migrated, empty database for one run and the function that removes it. */
export interface BenchDatabase {
  db: Db;
  destroy(): Promise<void>;
}

/** Opens a fresh database: a SQLite file in a new temp dir, or a new PostgreSQL database. */
export async function openBenchDatabase(dialect: BenchDialect): Promise<BenchDatabase> {
  if (dialect === 'postgres') return createTestDatabase('postgres');
  const dir = tempDataDir();
  const db = openDatabase({ dialect: 'sqlite', file: path.join(dir, 'nahbar.sqlite') });
  await migrateToLatest(db);
  return {
    db,
    async destroy() {
      await db.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Inserts a seller (not the account owner) as the tests' `createHost` does; returns them as viewer. */
export async function createSeller(db: Db): Promise<Viewer> {
  const id = newId<UserId>();
  await db
    .insertInto('users')
    .values({
      id,
      email: 'seller@nahbar.test',
      name: 'Bench Seller',
      password_hash: 'not-a-real-hash',
      role: 'seller',
      created_at: Date.now(),
    })
    .execute();
  return { id, isOwner: false };
}

const DAY_MS = 86_400_000;
/** Rows per INSERT: 13 columns, well below SQLite's 32,766 bound values. */
const INSERT_ROWS = 1_000;
/** Rows per transaction. */
const TRANSACTION_ROWS = 50_000;

const KINDS: readonly TouchpointKind[] = ['email', 'email', 'call', 'call', 'visit', 'note'];
const SUMMARIES: Readonly<Record<string, readonly string[]>> = {
  call: ['Liefertermin besprochen.', 'Kurz nach dem Angebot gefragt.', 'Nicht erreicht, AB.'],
  email: ['Angebot verschickt.', 'Unterlagen zur Wartung geschickt.', 'Terminbestätigung.'],
  visit: ['Anlage vor Ort besichtigt.', 'Schulung beim Kunden.', 'Jahresgespräch mit Einkauf.'],
  note: ['Budget steht erst im Herbst fest.', 'Neuer Ansprechpartner im Einkauf.'],
};
const NEXT_STEPS = ['Angebot nachfassen', 'Rückruf', 'Muster schicken', 'Termin vereinbaren'];

/** What was written, for the report. */
export interface TouchpointSeed {
  touchpoints: number;
  /** Open next steps, due over the week that starts today 00:00 UTC. */
  openNextSteps: number;
  /** Next steps that were done. */
  doneNextSteps: number;
}

/**
 * Writes `total` touchpoints spread at random over the seller's contacts (about 10 each): calls,
 * e-mails, visits and notes over the last two years; about 15 % with a next step that was done,
 * 1 % with an open next step due this week.
 */
export async function seedTouchpoints(
  db: Db,
  random: Random,
  viewer: Viewer,
  props: { total: number; now: number; onProgress: (written: number) => void },
): Promise<TouchpointSeed> {
  const { total, now } = props;
  const contacts = await db
    .selectFrom('contacts')
    .select(['id', 'company_id'])
    .where('owner_id', '=', viewer.id)
    .orderBy('id')
    .execute();
  const startOfDay = now - (now % DAY_MS);
  const seed: TouchpointSeed = { touchpoints: 0, openNextSteps: 0, doneNextSteps: 0 };
  const row = (contactId: ContactId, companyId: NewTouchpoint['company_id']): NewTouchpoint => {
    const kind = pick(random, KINDS);
    const r = random();
    const open = r < 0.01;
    const done = !open && r < 0.16;
    // An open next step comes from a recent touch; the others lie anywhere in two years.
    const occurredAt = now - Math.floor(random() * (open ? 14 : 730) * DAY_MS);
    const dueAt = open
      ? startOfDay + Math.floor(random() * 7 * DAY_MS)
      : done
        ? occurredAt + Math.floor((1 + random() * 13) * DAY_MS)
        : null;
    if (open) seed.openNextSteps++;
    if (done) seed.doneNextSteps++;
    return {
      id: newId<TouchpointId>(),
      contact_id: contactId,
      company_id: companyId,
      author_id: viewer.id,
      kind,
      occurred_at: occurredAt,
      duration_ms:
        kind === 'call'
          ? Math.floor((2 + random() * 28) * 60_000)
          : kind === 'visit'
            ? Math.floor((30 + random() * 90) * 60_000)
            : null,
      summary: pick(random, SUMMARIES[kind] ?? ['']),
      next_step: dueAt === null ? null : pick(random, NEXT_STEPS),
      next_step_due_at: dueAt,
      next_step_done_at: done && dueAt !== null ? Math.min(now, dueAt) : null,
      meeting_id: null,
      created_at: occurredAt,
    };
  };
  for (let written = 0; written < total;) {
    const inThisTransaction = Math.min(TRANSACTION_ROWS, total - written);
    await db.transaction().execute(async (trx) => {
      for (let done = 0; done < inThisTransaction; done += INSERT_ROWS) {
        const rows: NewTouchpoint[] = [];
        for (let i = 0; i < Math.min(INSERT_ROWS, inThisTransaction - done); i++) {
          const contact = pick(random, contacts);
          rows.push(row(contact.id, contact.company_id));
        }
        await insertTouchpoints(trx, rows);
      }
    });
    written += inThisTransaction;
    seed.touchpoints = written;
    props.onProgress(written);
  }
  return seed;
}

/**
 * Sets every contact's last touch to its newest touchpoint, in one statement, its due time from
 * it as the app does (cadence.ts), and when its earliest open next step is due.
 */
export async function setLastTouchFromLog(
  db: Db,
  dialect: BenchDialect,
  viewer: Viewer,
): Promise<void> {
  if (dialect === 'sqlite') {
    // One lookup of the newest entry per contact in touchpoints_contact_time, and of the
    // earliest open step in touchpoints_open_step_contact.
    await sql`
      update contacts set
        last_touch_at =
          (select max(t.occurred_at) from touchpoints t where t.contact_id = contacts.id),
        next_step_due_at = (select min(t.next_step_due_at) from touchpoints t
          where t.contact_id = contacts.id
            and t.next_step_due_at is not null and t.next_step_done_at is null)
      where owner_id = ${viewer.id}`.execute(db);
  } else {
    await sql`
      update contacts c set last_touch_at = t.newest, next_step_due_at = t.step
      from (
        select contact_id, max(occurred_at) as newest,
          min(next_step_due_at) filter (where next_step_done_at is null) as step
        from touchpoints group by contact_id
      ) t
      where t.contact_id = c.id and c.owner_id = ${viewer.id}`.execute(db);
  }
  await sql`
    update contacts set due_at =
      coalesce(last_touch_at, created_at) + cast(cadence_effective as bigint) * ${sql.lit(DAY_MS)}
    where owner_id = ${viewer.id}`.execute(db);
}

/**
 * PostgreSQL only: vacuums and analyzes, as autovacuum does shortly after a bulk load, and writes
 * the load's dirty pages out, as the next checkpoint does within minutes; Today and search are
 * then timed as a seller meets them on a normal day, not while the load is being flushed. SQLite
 * is left as the app leaves it (Nahbar never runs ANALYZE there).
 */
export async function settleAfterLoad(db: Db, dialect: BenchDialect): Promise<void> {
  if (dialect === 'postgres') {
    await sql`vacuum analyze`.execute(db);
    await sql`checkpoint`.execute(db);
  }
}
