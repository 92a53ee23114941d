// The Today list from the database, on SQLite and PostgreSQL, with a fake clock: who is due by
// cadence (own or by tag), birthdays, next steps, snoozing, the cap, and a call that drops a rank.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactInputSchema } from '../../shared/contacts.js';
import type { ContactDraft } from '../../shared/contacts.js';
import type { ContactId } from '../../shared/ids.js';
import type { Viewer } from '../contacts/contact.repository.js';
import { createContact, snoozeContact } from '../contacts/contact.service.js';
import { FakeClock } from '../lib/clock.js';
import { DIALECTS, createTestDatabase } from '../test/databases.js';
import type { TestDatabase } from '../test/databases.js';
import { bookingRow, insertMeetingTypeRow } from '../test/booking.js';
import { createHost } from '../test/lounge-harness.js';
import { completeNextStep, logTouchpoint } from '../touchpoints/touchpoint.service.js';
import { effectiveCadence } from '../contacts/cadence.rules.js';
import { rankToday } from './rank.js';
import { buildToday } from './today.service.js';

const DAY = 86_400_000;

describe.each(DIALECTS)('Today on %s', (dialect) => {
  let tdb: TestDatabase;
  let seller: Viewer;
  let other: Viewer;
  // 2026-11-28 09:00 UTC, a Saturday.
  const clock = new FakeClock(Date.UTC(2026, 10, 28, 9, 0, 0));
  const ids = new Map<string, ContactId>();

  /** Creates a contact whose last touch was `daysAgo` days ago (a call on that day). */
  async function person(viewer: Viewer, draft: ContactDraft, daysAgo: number | null) {
    const created = new FakeClock(clock.now() - 400 * DAY);
    const record = await createContact(tdb.db, created, {
      viewer,
      input: contactInputSchema.parse(draft),
    });
    if (daysAgo !== null) {
      await logTouchpoint(tdb.db, clock, {
        viewer,
        contactId: record.row.id,
        kind: 'call',
        summary: '',
        occurredAt: clock.now() - daysAgo * DAY,
      });
    }
    ids.set(draft.name, record.row.id);
    return record.row.id;
  }

  const names = async (viewer: Viewer) =>
    (await buildToday(tdb.db, clock, viewer)).entries.map((e) => e.contact.name);

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    seller = { id: (await createHost(tdb.db, { name: 'Tanja Today' })).userId, isOwner: false };
    other = { id: (await createHost(tdb.db, { name: 'Olaf Other' })).userId, isOwner: false };
    // Key account (14 days) touched 28 days ago: ratio 2.
    await person(seller, { name: 'Kai Key', tags: ['key account'] }, 28);
    // Customer (30 days) touched 45 days ago: ratio 1.5.
    await person(seller, { name: 'Carla Customer', tags: ['customer'] }, 45);
    // Prospect (90 days) touched 45 days ago: not due.
    await person(seller, { name: 'Paul Prospect', tags: ['prospect'] }, 45);
    // Own cadence of 7 days beats the tag: ratio 10/7.
    await person(seller, { name: 'Olga Own', tags: ['prospect'], cadenceDays: 7 }, 10);
    // Not due, but a birthday in two days (30 Nov).
    await person(seller, { name: 'Bea Birthday', birthday: { month: 11, day: 30 } }, 1);
    // Not due, but a next step due today.
    const nina = await person(seller, { name: 'Nina Next', tags: ['prospect'] }, 2);
    await logTouchpoint(tdb.db, clock, {
      viewer: seller,
      contactId: nina,
      kind: 'note',
      summary: 'Angebot versprochen',
      occurredAt: clock.now() - 2 * DAY,
      nextStep: 'Angebot schicken',
      nextStepDueAt: clock.now() + 2 * 3600_000,
    });
    // Never touched, created 400 days ago: fallback cadence 60 days, very overdue.
    await person(seller, { name: 'Nora Never' }, null);
    // Another seller's overdue contact never shows up on this seller's list.
    await person(other, { name: 'Xaver Foreign' }, 300);
  });

  afterAll(async () => {
    await tdb.destroy();
  });

  it('ranks by overdue ratio, raised by reasons, and shows why', async () => {
    const today = await buildToday(tdb.db, clock, seller);
    expect(today.entries.map((e) => e.contact.name)).toEqual([
      'Nora Never',
      'Kai Key',
      'Nina Next',
      'Carla Customer',
      'Olga Own',
      'Bea Birthday',
    ]);
    expect(today.total).toBe(6);
    const byName = new Map(today.entries.map((e) => [e.contact.name, e]));
    expect(byName.get('Kai Key')?.ratio).toBeCloseTo(2, 5);
    expect(byName.get('Kai Key')?.reasons.map((r) => r.kind)).toEqual(['overdue']);
    expect(byName.get('Olga Own')?.ratio).toBeCloseTo(10 / 7, 5);
    expect(byName.get('Nina Next')?.reasons.map((r) => r.kind)).toEqual(['next_step_due']);
    expect(byName.get('Nina Next')?.reasons[0]?.detail).toMatchObject({
      nextStep: 'Angebot schicken',
    });
    expect(byName.get('Bea Birthday')?.reasons.map((r) => r.kind)).toEqual(['birthday']);
    expect(byName.get('Bea Birthday')?.reasons[0]?.detail).toMatchObject({ daysUntil: 2 });
    expect(byName.has('Paul Prospect')).toBe(false);
    expect(byName.get('Kai Key')?.timeZone).toBe('Europe/Berlin');
    expect(byName.get('Kai Key')?.localTime).toBe('10:00');
  });

  it('shows each seller only their own people', async () => {
    expect(await names(other)).toEqual(['Xaver Foreign']);
  });

  it('caps the list and still counts everyone who qualified', async () => {
    const capped = await buildToday(tdb.db, clock, seller, 3);
    expect(capped.entries).toHaveLength(3);
    expect(capped.total).toBe(6);
  });

  it('hides a snoozed contact until the snooze ends', async () => {
    await snoozeContact(tdb.db, seller, ids.get('Kai Key')!, clock.now() + DAY);
    expect(await names(seller)).not.toContain('Kai Key');
    clock.advance(DAY + 1);
    expect(await names(seller)).toContain('Kai Key');
    clock.advance(-(DAY + 1));
  });

  it('drops a next step from Today once it is done', async () => {
    const [step] = await tdb.db
      .selectFrom('touchpoints')
      .select('id')
      .where('contact_id', '=', ids.get('Nina Next')!)
      .where('next_step', 'is not', null)
      .execute();
    await completeNextStep(tdb.db, clock, { viewer: seller, touchpointId: step!.id });
    expect(await names(seller)).not.toContain('Nina Next');
    await expect(
      completeNextStep(tdb.db, clock, { viewer: other, touchpointId: step!.id }),
    ).rejects.toMatchObject({ status: 404 });
  });

  it('drops a contact once they are called', async () => {
    await logTouchpoint(tdb.db, clock, {
      viewer: seller,
      contactId: ids.get('Carla Customer')!,
      kind: 'call',
      summary: 'Gutes Gespräch',
    });
    expect(await names(seller)).not.toContain('Carla Customer');
  });

  it("lists a guest who booked the seller for today, with the meeting, in the seller's zone", async () => {
    const type = await insertMeetingTypeRow(tdb.db, seller.id);
    const gustav = await person(seller, { name: 'Gustav Gebucht', tags: ['prospect'] }, 2);
    const lara = await person(seller, { name: 'Lara Late', tags: ['prospect'] }, 2);
    // Today 15:00 in Berlin.
    const at = Date.UTC(2026, 10, 28, 14, 0, 0);
    // 06:00 UTC tomorrow: still today (22:00) in Los Angeles, tomorrow in Berlin.
    const late = Date.UTC(2026, 10, 29, 6, 0, 0);
    const rows = [
      bookingRow(seller.id, type, { start: at, end: at + 1_800_000 }, { contact_id: gustav }),
      bookingRow(seller.id, type, { start: late, end: late + 1_800_000 }, { contact_id: lara }),
      // Cancelled: no reason.
      bookingRow(
        seller.id,
        type,
        { start: at + 3_600_000, end: at + 5_400_000 },
        { contact_id: lara, status: 'cancelled', cancelled_at: 0, cancelled_by: 'guest' },
      ),
    ];
    await tdb.db.insertInto('bookings').values(rows).execute();
    try {
      const today = await buildToday(tdb.db, clock, seller, 20);
      const entry = today.entries.find((e) => e.contact.name === 'Gustav Gebucht');
      expect(entry?.reasons.map((r) => r.kind)).toEqual(['meeting_today']);
      expect(entry?.reasons[0]?.detail).toEqual({ at, meetingType: 'Kennenlernen' });
      expect(today.entries.map((e) => e.contact.name)).not.toContain('Lara Late');
      await tdb.db
        .insertInto('booking_settings')
        .values({
          seller_id: seller.id,
          time_zone: 'America/Los_Angeles',
          weekly_hours: '{}',
          overrides: '[]',
          change_cutoff_hours: null,
          updated_at: 0,
        })
        .execute();
      const inLosAngeles = await buildToday(tdb.db, clock, seller, 20);
      const laraEntry = inLosAngeles.entries.find((e) => e.contact.name === 'Lara Late');
      expect(laraEntry?.reasons[0]?.detail).toEqual({ at: late, meetingType: 'Kennenlernen' });
    } finally {
      await tdb.db.deleteFrom('booking_settings').where('seller_id', '=', seller.id).execute();
      await tdb.db.deleteFrom('bookings').where('seller_id', '=', seller.id).execute();
    }
  });
});

describe.each(DIALECTS)('the indexed Today query on %s', (dialect) => {
  let tdb: TestDatabase;
  const now = Date.UTC(2026, 10, 28, 9, 0, 0);
  const clock = new FakeClock(now);
  const TAGS = [[], ['key account'], ['customer'], ['prospect'], ['kunde', 'prospect']];
  // Two books: one long neglected (the most overdue fill the list), and one kept up, where the
  // list is made of promised next steps, most of them of people not yet due.
  const books = [
    { name: 'Ida Index', people: 300, touchedShare: 0.8, touchedWithinDays: 200, stepShare: 0.4 },
    { name: 'Ben Busy', people: 150, touchedShare: 1, touchedWithinDays: 20, stepShare: 0.6 },
  ];
  const sellers = new Map<string, Viewer>();

  /** People with mixed cadences (own and by tag), touched at random times or never, created at
   * random times, some with birthdays and next steps, some snoozed; seeded, so reproducible. */
  async function seedBook(book: (typeof books)[number], seller: Viewer) {
    let seed = 42;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < book.people; i++) {
      const created = new FakeClock(now - Math.floor(random() * 400) * DAY);
      // A birthday for some, a few of them around now.
      const near = new Date(now + Math.floor(random() * 21 - 10) * DAY);
      const record = await createContact(tdb.db, created, {
        viewer: seller,
        input: contactInputSchema.parse({
          name: `Person ${i}`,
          tags: TAGS[i % TAGS.length],
          cadenceDays: random() < 0.2 ? 1 + Math.floor(random() * 120) : null,
          birthday:
            random() < 0.15 ? { month: near.getUTCMonth() + 1, day: near.getUTCDate() } : null,
        }),
      });
      if (random() < book.touchedShare) {
        await logTouchpoint(tdb.db, clock, {
          viewer: seller,
          contactId: record.row.id,
          kind: 'call',
          summary: '',
          occurredAt: now - Math.floor(random() * book.touchedWithinDays * DAY),
        });
      }
      // Promised next steps: late, due today or later; some of them done.
      const steps = random() < book.stepShare ? 1 + Math.floor(random() * 2) : 0;
      for (let n = 0; n < steps; n++) {
        const step = await logTouchpoint(tdb.db, clock, {
          viewer: seller,
          contactId: record.row.id,
          kind: 'note',
          summary: '',
          occurredAt: now - Math.floor(random() * 30 * DAY),
          nextStep: 'Angebot nachfassen',
          nextStepDueAt: now + Math.floor((random() * 12 - 8) * DAY),
        });
        if (random() < 0.2) {
          await completeNextStep(tdb.db, clock, { viewer: seller, touchpointId: step.id });
        }
      }
      if (random() < 0.05) await snoozeContact(tdb.db, seller, record.row.id, now + DAY);
    }
  }

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    for (const book of books) {
      const seller = { id: (await createHost(tdb.db, { name: book.name })).userId, isOwner: false };
      sellers.set(book.name, seller);
      await seedBook(book, seller);
    }
  });

  afterAll(async () => {
    await tdb.destroy();
  });

  /** The whole book ranked in memory, with each contact's earliest open step from the log. */
  async function rankInMemory(seller: Viewer) {
    const rows = await tdb.db
      .selectFrom('contacts')
      .selectAll()
      .where('owner_id', '=', seller.id)
      .execute();
    const openSteps = await tdb.db
      .selectFrom('touchpoints')
      .select(['contact_id', 'next_step_due_at'])
      .where('next_step_due_at', 'is not', null)
      .where('next_step_done_at', 'is', null)
      .execute();
    const earliestStep = new Map<string, number>();
    for (const { contact_id: id, next_step_due_at: due } of openSteps) {
      if (id && due !== null) earliestStep.set(id, Math.min(due, earliestStep.get(id) ?? due));
    }
    return rankToday({
      now,
      cap: Infinity,
      candidates: rows.map((row) => ({
        contactId: row.id,
        lastTouchAt: row.last_touch_at,
        createdAt: row.created_at,
        cadenceDays: effectiveCadence(
          row.cadence_days,
          TAGS[Number(row.name.split(' ')[1]) % TAGS.length] ?? [],
        ),
        birthday:
          row.birthday_month === null || row.birthday_day === null
            ? null
            : { month: row.birthday_month, day: row.birthday_day, year: row.birthday_year },
        timeZone: null,
        nextStepDueAt: earliestStep.get(row.id) ?? null,
        meetingToday: null,
        snoozedUntil: row.snoozed_until,
        extraReasons: [],
      })),
    });
  }

  it.each(books.map((b) => b.name))(
    'lists and counts for %s exactly what ranking every contact in memory gives',
    async (name) => {
      const seller = sellers.get(name)!;
      const everyone = await rankInMemory(seller);
      for (const cap of [1, 7, 25]) {
        const today = await buildToday(tdb.db, clock, seller, cap);
        expect(today.entries.map((e) => e.contact.id)).toEqual(
          everyone.entries.slice(0, cap).map((e) => e.contactId),
        );
        expect(today.total).toBe(everyone.total);
      }
      // The case has what it is meant to test: people with a step due, some of them not due
      // by cadence, and birthdays this week.
      const kinds = everyone.entries.flatMap((e) => e.reasons.map((r) => r.kind));
      const stepOnly = everyone.entries.filter(
        (e) => e.ratio < 1 && e.reasons.every((r) => r.kind === 'next_step_due'),
      );
      expect(kinds.filter((k) => k === 'next_step_due').length).toBeGreaterThan(40);
      expect(stepOnly.length).toBeGreaterThan(5);
      expect(kinds.filter((k) => k === 'birthday').length).toBeGreaterThan(3);
    },
  );
});
