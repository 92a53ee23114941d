// Cadences: the rule, and the stored effective cadence and due time on every write path.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactInputSchema, FALLBACK_CADENCE_DAYS } from '../../shared/contacts.js';
import type { ContactDraft } from '../../shared/contacts.js';
import type { TagCadencesView } from '../../shared/api/contacts.js';
import type { ContactId } from '../../shared/ids.js';
import { importContacts } from '../imports/contact-import.service.js';
import { parsedSource } from '../imports/import-source.js';
import { FakeClock } from '../lib/clock.js';
import { inviteSeller, setupOwner } from '../test/actors.js';
import type { SignedIn } from '../test/actors.js';
import { createTestApp } from '../test/app.js';
import type { TestApp } from '../test/app.js';
import { DIALECTS, createTestDatabase } from '../test/databases.js';
import type { TestDatabase } from '../test/databases.js';
import { createHost } from '../test/lounge-harness.js';
import { logTouchpoint, recomputeLastTouch } from '../touchpoints/touchpoint.service.js';
import { setTagCadence } from './cadence.js';
import { effectiveCadence } from './cadence.rules.js';
import type { Viewer } from './contact.repository.js';
import { createContact, updateContact } from './contact.service.js';
import { mergeContacts } from './merge.service.js';

const DAY = 86_400_000;

describe('effectiveCadence', () => {
  it('prefers the contact’s own cadence', () => {
    expect(effectiveCadence(10, ['key account'], { 'key account': 14 })).toBe(10);
  });

  it('takes the shortest cadence among the contact’s tags', () => {
    expect(effectiveCadence(null, ['prospect', 'customer', 'golf'])).toBe(30);
    expect(effectiveCadence(null, ['customer', 'key account'])).toBe(14);
  });

  it('matches tags regardless of case', () => {
    expect(effectiveCadence(null, ['Partner'], { PARTNER: 21 })).toBe(21);
  });

  it('falls back when no tag has a cadence', () => {
    expect(effectiveCadence(null, [])).toBe(FALLBACK_CADENCE_DAYS);
    expect(effectiveCadence(null, ['golf'], {})).toBe(FALLBACK_CADENCE_DAYS);
  });
});

describe.each(DIALECTS)('stored cadence and due time on %s', (dialect) => {
  let tdb: TestDatabase;
  let seller: Viewer;
  const clock = new FakeClock(Date.UTC(2026, 10, 28, 9));
  const make = (draft: ContactDraft) =>
    createContact(tdb.db, clock, { viewer: seller, input: contactInputSchema.parse(draft) });
  const stored = (id: ContactId) =>
    tdb.db
      .selectFrom('contacts')
      .select(['cadence_effective', 'due_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    seller = { id: (await createHost(tdb.db, { name: 'Cora Cadence' })).userId, isOwner: false };
  });

  afterAll(async () => {
    await tdb.destroy();
  });

  it('stores the tag cadence on create and moves the due time with each touch', async () => {
    const created = clock.now();
    const { row } = await make({ name: 'Kai Kunde', tags: ['Key Account'] });
    expect(await stored(row.id)).toEqual({ cadence_effective: 14, due_at: created + 14 * DAY });
    clock.advance(3 * DAY);
    await logTouchpoint(tdb.db, clock, {
      viewer: seller,
      contactId: row.id,
      kind: 'call',
      summary: 'Kurz gesprochen',
    });
    expect(await stored(row.id)).toEqual({
      cadence_effective: 14,
      due_at: clock.now() + 14 * DAY,
    });
    await tdb.db.deleteFrom('touchpoints').where('contact_id', '=', row.id).execute();
    await recomputeLastTouch(tdb.db, row.id);
    expect((await stored(row.id)).due_at).toBe(created + 14 * DAY);
  });

  it('follows an update of the own cadence or the tags', async () => {
    const { row } = await make({ name: 'Uwe Update', tags: ['prospect'] });
    expect((await stored(row.id)).cadence_effective).toBe(90);
    await updateContact(tdb.db, clock, {
      viewer: seller,
      contactId: row.id,
      input: contactInputSchema.parse({ name: 'Uwe Update', tags: ['prospect'], cadenceDays: 7 }),
    });
    expect(await stored(row.id)).toEqual({
      cadence_effective: 7,
      due_at: row.created_at + 7 * DAY,
    });
    await updateContact(tdb.db, clock, {
      viewer: seller,
      contactId: row.id,
      input: contactInputSchema.parse({ name: 'Uwe Update', tags: ['kunde'] }),
    });
    expect((await stored(row.id)).cadence_effective).toBe(30);
  });

  it('refreshes every contact with a tag when the team changes its cadence', async () => {
    const a = await make({ name: 'Tina Tag', tags: ['Partner'] });
    const b = await make({ name: 'Timo Tag', tags: ['PARTNER', 'customer'] });
    const own = await make({ name: 'Olga Own', tags: ['partner'], cadenceDays: 5 });
    expect((await stored(a.row.id)).cadence_effective).toBe(FALLBACK_CADENCE_DAYS);
    await setTagCadence(tdb.db, 'Partner', 21);
    expect(await stored(a.row.id)).toEqual({
      cadence_effective: 21,
      due_at: a.row.created_at + 21 * DAY,
    });
    expect((await stored(b.row.id)).cadence_effective).toBe(21);
    expect((await stored(own.row.id)).cadence_effective).toBe(5);
    await setTagCadence(tdb.db, 'partner', null);
    expect((await stored(a.row.id)).cadence_effective).toBe(FALLBACK_CADENCE_DAYS);
    expect((await stored(b.row.id)).cadence_effective).toBe(30);
  });

  it('computes the cadence of imported and merged contacts', async () => {
    const result = await importContacts(
      tdb.db,
      clock,
      seller,
      parsedSource({
        rows: [
          { line: 2, draft: { name: 'Ida Import', emails: ['ida@example.com'], tags: ['kunde'] } },
          { line: 3, draft: { name: 'Ida I.', emails: ['ida2@example.com'] } },
        ],
        errors: [],
      }),
    );
    expect(result.created).toBe(2);
    const rows = await tdb.db
      .selectFrom('contacts')
      .select(['id', 'name', 'cadence_effective'])
      .where('name', 'like', 'Ida%')
      .orderBy('name', 'desc')
      .execute();
    expect(rows.map((r) => [r.name, r.cadence_effective])).toEqual([
      ['Ida Import', 30],
      ['Ida I.', FALLBACK_CADENCE_DAYS],
    ]);
    const [keep, other] = rows;
    if (!keep || !other) throw new Error('imported contacts missing');
    // Merging into the untagged record brings the tag, and its cadence, along.
    await mergeContacts(tdb.db, clock, { viewer: seller, keepId: other.id, mergeId: keep.id });
    expect((await stored(other.id)).cadence_effective).toBe(30);
  });
});

describe.each(DIALECTS)('tag cadence routes on %s', (dialect) => {
  let t: TestApp;
  let owner: SignedIn;
  let seller: SignedIn;

  beforeAll(async () => {
    t = await createTestApp({ dialect });
    owner = await setupOwner(t, { name: 'Olga Owner' });
    seller = await inviteSeller(t, owner.agent, { name: 'Sven Seller' });
  });

  afterAll(async () => {
    await t.close();
  });

  it('lists the seeded cadences, lets the owner change one and moves the tagged contacts', async () => {
    const listed = await seller.agent.get('/api/tag-cadences');
    expect(listed.json<TagCadencesView>()).toMatchObject({
      fallbackDays: FALLBACK_CADENCE_DAYS,
      cadences: expect.arrayContaining([{ tag: 'key account', days: 14 }]) as unknown,
    });
    const created = await seller.agent.post('/api/contacts', {
      name: 'Paula Partner',
      tags: ['Partner'],
    });
    const { id } = created.json<{ contact: { id: ContactId } }>().contact;
    const put = await owner.agent.request({
      method: 'PUT',
      url: '/api/tag-cadences/PARTNER',
      body: { days: 21 },
    });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toEqual({ cadence: { tag: 'partner', days: 21 } });
    const row = await t.db
      .selectFrom('contacts')
      .select('cadence_effective')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.cadence_effective).toBe(21);
  });

  it('refuses a cadence out of range and a seller who is not the owner', async () => {
    const zero = await owner.agent.request({
      method: 'PUT',
      url: '/api/tag-cadences/partner',
      body: { days: 0 },
    });
    expect(zero.statusCode).toBe(400);
    const bySeller = await seller.agent.request({
      method: 'PUT',
      url: '/api/tag-cadences/partner',
      body: { days: 5 },
    });
    expect(bySeller.statusCode).toBe(403);
  });
});
