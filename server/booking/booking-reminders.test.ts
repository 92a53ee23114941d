// Reminder jobs with a fake clock, on SQLite and PostgreSQL, captured by a real SMTP server: the
// 24-hour reminder at its instant and not before, the 15-minute one to guest and seller, none for
// a cancelled booking, moved with a reschedule, only the ones still ahead for a late booking, and
// across restarts and with two services at once each reminder exactly once.
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../lib/logger.js';
import { TEST_PUBLIC_URL } from '../test/app.js';
import { bookAsGuest, createMailWorld } from '../test/booking.js';
import type { MailWorld } from '../test/booking.js';
import { DIALECTS } from '../test/databases.js';
import { readMail, startTestSmtpServer } from '../test/smtp.js';
import type { ReadMail, TestSmtpServer } from '../test/smtp.js';
import { expectStatus } from '../test/actors.js';
import { BookingReminders } from './booking-reminders.js';
import { claimReminder } from './reminder.repository.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
/** A Berlin wall-clock time (CET, UTC+1) in the first days of December 2026. */
const dec = (day: number, hhmm: string) =>
  Date.parse(`2026-12-${String(day).padStart(2, '0')}T${hhmm}:00+01:00`);
const REMINDER_SUBJECT = /^(Reminder|Starting soon|Erinnerung|Gleich)/;

describe.each(DIALECTS)('booking reminders on %s', (dialect) => {
  let smtp: TestSmtpServer;
  let w: MailWorld;
  const services: BookingReminders[] = [];

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
  });
  afterAll(async () => {
    await smtp?.stop();
  });
  beforeEach(async () => {
    smtp.reset();
    w = await createMailWorld(dialect, smtp.url);
  });
  afterEach(async () => {
    for (const service of services.splice(0)) await service.stop();
    await w?.t.close();
  });

  /** A reminder service on the world's database, as a (re)started process would make it. */
  function newService(): BookingReminders {
    const service = new BookingReminders({
      db: w.t.db,
      clock: w.clock,
      log: createLogger('silent'),
      mailer: w.t.ctx.mailer,
      publicUrl: TEST_PUBLIC_URL,
    });
    services.push(service);
    return service;
  }

  /** Moves the fake clock forward to `instant`. */
  function setClock(instant: number): void {
    expect(instant).toBeGreaterThanOrEqual(w.clock.now());
    w.clock.advance(instant - w.clock.now());
  }

  /** Every reminder e-mail the SMTP server accepted so far, once the mailer has nothing left. */
  async function reminderMails(): Promise<ReadMail[]> {
    await w.t.ctx.mailer.idle();
    return smtp.accepted.map(readMail).filter((m) => REMINDER_SUBJECT.test(m.subject));
  }

  const reminderRows = () =>
    w.t.db
      .selectFrom('booking_reminders')
      .select(['kind', 'due_at', 'sent_at', 'outcome'])
      .orderBy('due_at')
      .execute();

  it("writes the guest's 24 h reminder at its instant and not a moment before", async () => {
    const start = dec(1, '15:00');
    const { booking } = await bookAsGuest(w, start, {
      language: 'en',
      timeZone: 'America/New_York',
    });
    expect(await reminderRows()).toEqual([
      { kind: '24h', due_at: start - 24 * HOUR, sent_at: null, outcome: null },
      { kind: '15m', due_at: start - 15 * MIN, sent_at: null, outcome: null },
    ]);
    const service = newService();
    await service.start();
    await service.idle();

    setClock(start - 24 * HOUR - 1);
    expect(await service.runDue()).toMatchObject({ sent: 0 });
    expect(await reminderMails()).toEqual([]);

    setClock(start - 24 * HOUR);
    expect(await service.runDue()).toMatchObject({ sent: 1 });
    const mails = await reminderMails();
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({
      to: ['gerda@example.test'],
      subject: 'Reminder: Kennenlernen with Sam Seller on Tuesday, December 1, 2026, 9:00 AM',
    });
    expect(mails[0]?.text).toContain('When: Tuesday, December 1, 2026, 9:00 AM (America/New_York)');
    expect(mails[0]?.text).toContain(`Join the meeting: ${booking.loungeUrl}`);
    expect(mails[0]?.calendar).toBeNull();

    expect(await service.runDue()).toMatchObject({ sent: 0 });
    expect(await reminderMails()).toHaveLength(1);
    expect((await reminderRows())[0]).toMatchObject({
      sent_at: start - 24 * HOUR,
      outcome: 'sent',
    });
  });

  it('writes the 15 min reminder to the guest and a short one to the seller, and then no more', async () => {
    const start = dec(1, '15:00');
    const { booking } = await bookAsGuest(w, start, { timeZone: 'Europe/Berlin' });
    const service = newService();
    setClock(start - 24 * HOUR);
    expect(await service.runDue()).toMatchObject({ sent: 1 });
    setClock(start - 15 * MIN - 1);
    expect(await service.runDue()).toMatchObject({ sent: 0 });

    setClock(start - 15 * MIN);
    expect(await service.runDue()).toMatchObject({ sent: 1 });
    const [day, guest, seller, ...more] = await reminderMails();
    expect(more).toEqual([]);
    expect(day?.subject).toBe(
      'Erinnerung: Kennenlernen mit Sam Seller am Dienstag, 1. Dezember 2026, 15:00',
    );
    expect(guest).toMatchObject({
      to: ['gerda@example.test'],
      subject: 'Gleich geht es los: Kennenlernen mit Sam Seller um 15:00',
    });
    expect(guest?.text).toContain(`Zum Gespräch: ${booking.loungeUrl}`);
    expect(seller).toMatchObject({
      to: [w.seller.email],
      subject: 'Gleich: Kennenlernen mit Gerda Gast um 15:00',
    });
    expect(seller?.text).toContain(`Ihr Raum: ${TEST_PUBLIC_URL}/r/sam-seller`);

    setClock(start + HOUR);
    expect(await service.runDue()).toMatchObject({ sent: 0, skipped: 0 });
    expect(await reminderMails()).toHaveLength(3);
  });

  it('plans only the reminders still ahead: a booking made 10 h before gets only the 15 min one', async () => {
    setClock(Date.parse('2026-11-30T05:00Z'));
    const start = Date.parse('2026-11-30T16:00:00+01:00');
    expect(start - w.clock.now()).toBe(10 * HOUR);
    await bookAsGuest(w, start);
    expect(await reminderRows()).toEqual([
      { kind: '15m', due_at: start - 15 * MIN, sent_at: null, outcome: null },
    ]);
    const service = newService();
    setClock(start - 15 * MIN);
    expect(await service.runDue()).toMatchObject({ sent: 1 });
    expect((await reminderMails()).map((m) => m.to)).toEqual([
      ['gerda@example.test'],
      [w.seller.email],
    ]);
  });

  it('sends no reminder for a cancelled booking', async () => {
    const start = dec(1, '15:00');
    const { token } = await bookAsGuest(w, start);
    expectStatus(await w.guest.post(`/api/bookings/manage/${token}/cancel`), 200);
    expect(await reminderRows()).toEqual([]);
    const service = newService();
    for (const at of [start - 24 * HOUR, start - 15 * MIN, start]) {
      setClock(at);
      expect(await service.runDue()).toEqual({
        sent: 0,
        skipped: 0,
        taken: 0,
        failed: 0,
        retry: 0,
      });
    }
    expect(await reminderMails()).toEqual([]);
  });

  it('moves the reminders with a reschedule and reminds of the new time', async () => {
    const first = dec(1, '15:00');
    const { token } = await bookAsGuest(w, first, {
      language: 'en',
      timeZone: 'America/New_York',
    });
    const service = newService();
    setClock(first - 24 * HOUR);
    expect(await service.runDue()).toMatchObject({ sent: 1 });

    const moved = dec(3, '15:00');
    expectStatus(
      await w.guest.post(`/api/bookings/manage/${token}/reschedule`, { start: moved }),
      200,
    );
    expect(await reminderRows()).toEqual([
      { kind: '24h', due_at: moved - 24 * HOUR, sent_at: null, outcome: null },
      { kind: '15m', due_at: moved - 15 * MIN, sent_at: null, outcome: null },
    ]);
    // The old 15 min reminder went with the old time.
    setClock(first - 15 * MIN);
    expect(await service.runDue()).toMatchObject({ sent: 0 });

    setClock(moved - 24 * HOUR);
    expect(await service.runDue()).toMatchObject({ sent: 1 });
    expect((await reminderMails()).map((m) => m.subject)).toEqual([
      'Reminder: Kennenlernen with Sam Seller on Tuesday, December 1, 2026, 9:00 AM',
      'Reminder: Kennenlernen with Sam Seller on Thursday, December 3, 2026, 9:00 AM',
    ]);
  });

  it('survives restarts: a new service on the same database sends what fell due, nothing twice', async () => {
    const start = dec(1, '15:00');
    await bookAsGuest(w, start, { timeZone: 'Europe/Berlin' });
    const first = newService();
    await first.start();
    await first.idle();
    await first.stop();

    // Down while the 24 h reminder falls due; the next process sends it when it starts.
    setClock(start - 24 * HOUR + 5 * MIN);
    const second = newService();
    await second.start();
    await second.idle();
    expect(await reminderMails()).toHaveLength(1);
    await second.stop();

    // A third process finds it claimed.
    const third = newService();
    await third.start();
    await third.idle();
    expect(await third.runDue()).toMatchObject({ sent: 0 });
    expect(await reminderMails()).toHaveLength(1);
    await third.stop();

    setClock(start - 15 * MIN);
    const fourth = newService();
    await fourth.start();
    await fourth.idle();
    expect(await fourth.runDue()).toMatchObject({ sent: 0 });
    expect((await reminderMails()).map((m) => m.subject)).toEqual([
      'Erinnerung: Kennenlernen mit Sam Seller am Dienstag, 1. Dezember 2026, 15:00',
      'Gleich geht es los: Kennenlernen mit Sam Seller um 15:00',
      'Gleich: Kennenlernen mit Gerda Gast um 15:00',
    ]);
    expect(
      await w.t.db.selectFrom('outbox').select('id').where('subject', 'like', 'Gleich%').execute(),
    ).toHaveLength(2);
  });

  it('lets two services running at once claim each due reminder exactly once', async () => {
    const starts = [dec(1, '15:00'), dec(1, '15:30'), dec(1, '16:00')];
    for (const [i, start] of starts.entries()) {
      await bookAsGuest(w, start, { email: `guest${i}@example.test` });
    }
    const a = newService();
    const b = newService();
    setClock(dec(1, '16:00') - 24 * HOUR);
    const rounds = await Promise.all([a.runDue(), b.runDue(), a.runDue(), b.runDue()]);
    expect(rounds.reduce((sum, r) => sum + r.sent, 0)).toBe(3);
    expect(rounds.reduce((sum, r) => sum + r.failed + r.retry + r.skipped, 0)).toBe(0);
    const mails = await reminderMails();
    expect(mails.map((m) => m.to[0]).sort()).toEqual([
      'guest0@example.test',
      'guest1@example.test',
      'guest2@example.test',
    ]);

    // Both started as well (each kicks a round at once): still nothing twice.
    await Promise.all([a.start(), b.start()]);
    await Promise.all([a.idle(), b.idle()]);
    expect(await reminderMails()).toHaveLength(3);
    const rows = await reminderRows();
    expect(rows.filter((r) => r.outcome === 'sent')).toHaveLength(3);
  });

  it('claims atomically: of two transactions claiming one due reminder at once, one wins', async () => {
    const start = dec(1, '15:00');
    const { booking } = await bookAsGuest(w, start);
    setClock(start - 24 * HOUR);
    const job = { bookingId: booking.id, kind: '24h' as const, now: w.clock.now() };
    let claimed!: () => void;
    const firstClaimed = new Promise<void>((resolve) => (claimed = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const first = w.t.db.transaction().execute(async (trx) => {
      const row = await claimReminder(trx, job);
      claimed();
      await released;
      return row;
    });
    await firstClaimed;
    const second = w.t.db.transaction().execute((trx) => claimReminder(trx, job));
    // On PostgreSQL the second UPDATE now waits for the first one's row lock (SQLite runs one
    // transaction at a time): let it reach that wait before the first commits.
    if (dialect === 'postgres') await waitForLockWaiter();
    release();
    const [won, lost] = await Promise.all([first, second]);
    expect(won).toMatchObject({ kind: '24h', sent_at: w.clock.now(), outcome: 'sent' });
    expect(lost).toBeUndefined();
  });

  /** Resolves once a statement of this database waits for a lock (PostgreSQL only). */
  async function waitForLockWaiter(): Promise<void> {
    for (let i = 0; i < 500; i += 1) {
      const { rows } = await sql<{ waiting: string }>`select count(*) as waiting
        from pg_stat_activity
        where datname = current_database() and wait_event_type = 'Lock'`.execute(w.t.db);
      if (Number(rows[0]?.waiting) > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error('the second claim never waited for the first');
  }

  it('after an outage skips the 24 h reminder that the 15 min one overtakes', async () => {
    const start = dec(1, '15:00');
    await bookAsGuest(w, start, { timeZone: 'Europe/Berlin' });
    const service = newService();
    setClock(start - 10 * MIN);
    expect(await service.runDue()).toMatchObject({ sent: 1, skipped: 1 });
    expect((await reminderMails()).map((m) => m.subject)).toEqual([
      'Gleich geht es los: Kennenlernen mit Sam Seller um 15:00',
      'Gleich: Kennenlernen mit Gerda Gast um 15:00',
    ]);
    expect((await reminderRows()).map((r) => [r.kind, r.outcome])).toEqual([
      ['24h', 'skipped'],
      ['15m', 'sent'],
    ]);
  });
});
