// Merging two records of one person on SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactInputSchema } from '../../shared/contacts.js';
import { FakeClock } from '../lib/clock.js';
import { DIALECTS, createTestDatabase } from '../test/databases.js';
import type { TestDatabase } from '../test/databases.js';
import { createHost } from '../test/lounge-harness.js';
import { listTouchpoints } from '../touchpoints/touchpoint.repository.js';
import { logTouchpoint } from '../touchpoints/touchpoint.service.js';
import type { Viewer } from './contact.repository.js';
import { createContact, getContact } from './contact.service.js';
import { mergeContacts } from './merge.service.js';
import { searchDocs } from './search.repository.js';

describe.each(DIALECTS)('merging contacts on %s', (dialect) => {
  let tdb: TestDatabase;
  let seller: Viewer;
  const clock = new FakeClock();

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    seller = { id: (await createHost(tdb.db, { name: 'Mara Merge' })).userId, isOwner: false };
  });

  afterAll(async () => {
    await tdb.destroy();
  });

  it('moves touchpoints, unites addresses and tags, fills gaps and removes the other record', async () => {
    const make = (draft: object) =>
      createContact(tdb.db, clock, { viewer: seller, input: contactInputSchema.parse(draft) });
    const keep = await make({
      name: 'Jens Jansen',
      emails: ['jens@a.example'],
      tags: ['customer'],
    });
    const other = await make({
      name: 'J. Jansen',
      emails: ['jj@b.example'],
      phones: ['0170 1234567'],
      tags: ['key account'],
      family: 'Zwillinge',
    });
    const t = clock.now();
    await logTouchpoint(tdb.db, clock, {
      viewer: seller,
      contactId: keep.row.id,
      kind: 'call',
      summary: 'a',
      occurredAt: t - 5000,
    });
    await logTouchpoint(tdb.db, clock, {
      viewer: seller,
      contactId: other.row.id,
      kind: 'visit',
      summary: 'b',
      occurredAt: t - 1000,
      nextStep: 'Angebot schicken',
      nextStepDueAt: t + 3000,
    });

    const merged = await mergeContacts(tdb.db, clock, {
      viewer: seller,
      keepId: keep.row.id,
      mergeId: other.row.id,
    });
    expect(merged.row.name).toBe('Jens Jansen');
    expect(merged.emails).toEqual(['jens@a.example', 'jj@b.example']);
    expect(merged.phones).toEqual(['+491701234567']);
    expect(merged.tags.sort()).toEqual(['customer', 'key account']);
    expect(merged.row.family).toBe('Zwillinge');
    expect(merged.row.last_touch_at).toBe(t - 1000);
    // The other record's open next step is now the kept one's (Today reads it from the row).
    expect((await getContact(tdb.db, seller, keep.row.id)).row.next_step_due_at).toBe(t + 3000);
    const timeline = await listTouchpoints(tdb.db, { contactId: keep.row.id }, 10);
    expect(timeline.map((x) => x.summary)).toEqual(['b', 'a']);
    await expect(getContact(tdb.db, seller, other.row.id)).rejects.toMatchObject({ status: 404 });
    // No cascade removes the other record's e-mails, phones and tags: the repository must.
    for (const table of ['contact_emails', 'contact_phones', 'contact_tags'] as const) {
      const left = await tdb.db
        .selectFrom(table)
        .select('contact_id')
        .where('contact_id', '=', other.row.id)
        .execute();
      expect(left, table).toEqual([]);
    }
    const hits = await searchDocs(tdb.db, seller, 'jj@b.example', 5);
    expect(hits.map((h) => h.id)).toEqual([keep.row.id]);
    await expect(
      mergeContacts(tdb.db, clock, { viewer: seller, keepId: keep.row.id, mergeId: keep.row.id }),
    ).rejects.toMatchObject({ status: 400 });
  });
});
