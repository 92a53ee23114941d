// The migration that drops the foreign keys a big import paid for, on SQLite and PostgreSQL: the
// rows a database holds survive it (SQLite rebuilds the detail tables), the lookup indexes are
// back, and only the keys named in the migration are gone.
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../database.js';
import { DIALECTS, createTestDatabase } from '../../test/databases.js';
import type { TestDatabase } from '../../test/databases.js';

const BEFORE = '2026-11-28T1600_contact_next_step';

const contact = (id: string, ownerId: string) => ({
  id,
  owner_id: ownerId,
  company_id: null,
  name: 'Mia Migration',
  best_reach: '[]',
  cadence_effective: 30,
  shared: 0,
  due_at: 1,
  created_at: 1,
  updated_at: 1,
});

describe.each(DIALECTS)('migration 2026-11-29T1000 on %s', (dialect) => {
  let tdb: TestDatabase | undefined;
  afterEach(async () => {
    await tdb?.destroy();
  });

  it('keeps the details, their indexes and the other keys, and drops the named keys', async () => {
    tdb = await createTestDatabase(dialect, BEFORE);
    // Untyped, as migrations see it: the schema is not yet the app's.
    const db = tdb.db as unknown as Kysely<any>;
    await db
      .insertInto('users')
      .values({
        id: 'u1',
        email: 'mia@nahbar.test',
        name: 'Mia',
        password_hash: 'x',
        role: 'seller',
        created_at: 1,
      })
      .execute();
    await db.insertInto('contacts').values(contact('c1', 'u1')).execute();
    await db
      .insertInto('contact_emails')
      .values([
        { contact_id: 'c1', position: 0, email: 'mia@a.example' },
        { contact_id: 'c1', position: 1, email: 'mia@b.example' },
      ])
      .execute();
    await db
      .insertInto('contact_phones')
      .values({ contact_id: 'c1', position: 0, e164: '+4917012345' })
      .execute();
    await db.insertInto('contact_tags').values({ contact_id: 'c1', tag: 'kunde' }).execute();
    // Before the migration an e-mail of no contact is refused.
    await expect(
      db
        .insertInto('contact_emails')
        .values({ contact_id: 'nobody', position: 0, email: 'x@y.de' })
        .execute(),
    ).rejects.toThrow();

    await migrateToLatest(tdb.db);

    expect(
      await db
        .selectFrom('contact_emails')
        .select(['contact_id', 'position', 'email'])
        .orderBy('position')
        .execute(),
    ).toEqual([
      { contact_id: 'c1', position: 0, email: 'mia@a.example' },
      { contact_id: 'c1', position: 1, email: 'mia@b.example' },
    ]);
    expect(await db.selectFrom('contact_phones').select('e164').execute()).toEqual([
      { e164: '+4917012345' },
    ]);
    expect(await db.selectFrom('contact_tags').select('tag').execute()).toEqual([{ tag: 'kunde' }]);
    const indexes =
      dialect === 'sqlite'
        ? await sql<{ name: string }>`select name from sqlite_master where type = 'index'`.execute(
            db,
          )
        : await sql<{ name: string }>`select indexname as name from pg_indexes`.execute(db);
    expect(indexes.rows.map((r) => r.name)).toEqual(
      expect.arrayContaining(['contact_emails_email', 'contact_phones_e164', 'contact_tags_tag']),
    );
    // The primary keys hold: a second e-mail at the same position is refused.
    await expect(
      db
        .insertInto('contact_emails')
        .values({ contact_id: 'c1', position: 0, email: 'x@y.de' })
        .execute(),
    ).rejects.toThrow();

    // The detail tables' keys are gone on both dialects.
    await db.insertInto('contact_tags').values({ contact_id: 'nobody', tag: 'kunde' }).execute();
    // The contacts' own keys are gone on PostgreSQL only; SQLite keeps them.
    const orphan = db.insertInto('contacts').values(contact('c2', 'no-such-user')).execute();
    if (dialect === 'sqlite') await expect(orphan).rejects.toThrow(/FOREIGN KEY/);
    else await orphan;
    // Touchpoints still go with their contact by cascade.
    await db
      .insertInto('touchpoints')
      .values({
        id: 't1',
        contact_id: 'c1',
        company_id: null,
        author_id: 'u1',
        kind: 'note',
        occurred_at: 1,
        duration_ms: null,
        summary: 'x',
        created_at: 1,
      })
      .execute();
    await db.deleteFrom('contacts').where('id', '=', 'c1').execute();
    expect(await db.selectFrom('touchpoints').select('id').execute()).toEqual([]);
  });
});
