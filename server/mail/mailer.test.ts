import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { OutboxMessageId, UserId } from '../../shared/ids.js';
import { buildInvitation } from '../booking/invite.js';
import type { Db } from '../db/database.js';
import { Invalid } from '../errors.js';
import { FakeClock } from '../lib/clock.js';
import type { Logger } from '../lib/logger.js';
import { DIALECTS, createTestDatabase } from '../test/databases.js';
import type { TestDatabase } from '../test/databases.js';
import { parseInvitation } from '../test/ics.js';
import { mimeParts, parseHeaders, startTestSmtpServer } from '../test/smtp.js';
import type { TestSmtpServer } from '../test/smtp.js';
import { Mailer } from './mailer.js';
import type { MailerOptions } from './mailer.js';
import type { MailMessage } from './mail.schemas.js';
import type { OutboxRow } from './outbox.table.js';

const MIN = 60_000;
const FROM = { name: 'Nahbar', address: 'nahbar@nahbar.test' };
const START = Date.UTC(2026, 11, 1, 9, 0);

/** A logger that keeps every line it writes, fields included. */
function capturingLogger(): { log: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line.trim()) lines.push(JSON.parse(line) as Record<string, unknown>);
      }
      done();
    },
  });
  return { log: pino({ level: 'info' }, stream), lines };
}

function invitation(method: 'REQUEST' | 'CANCEL' = 'REQUEST'): string {
  return buildInvitation({
    uid: 'bk_mailer_test@nahbar.test',
    sequence: method === 'CANCEL' ? 1 : 0,
    method,
    start: START,
    end: START + 20 * MIN,
    stamp: Date.UTC(2026, 10, 28, 9, 0),
    summary: 'Kennenlernen, 20 min',
    description: 'Verschieben: https://nahbar.test/b/r?t=x\nAbsagen: https://nahbar.test/b/c?t=x',
    location: 'https://nahbar.test/r/olga-owner',
    url: 'https://nahbar.test/r/olga-owner',
    organizer: { name: 'Olga Owner', email: 'olga@example.test' },
    attendee: { name: 'Gabi Gast', email: 'gabi@example.test' },
  });
}

function bookingMail(overrides: Partial<MailMessage> = {}): MailMessage {
  return {
    to: 'Gabi Gast <gabi@example.test>',
    subject: 'Termin bestätigt: Kennenlernen, 1. Dezember, 10:00',
    text: 'Hallo Gabi,\n\nIhr Termin steht. Zum Gespräch: https://nahbar.test/r/olga-owner\n',
    calendar: { method: 'REQUEST', ics: invitation() },
    ...overrides,
  };
}

async function outboxRow(db: Db, id: OutboxMessageId): Promise<OutboxRow> {
  return db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

describe.each(DIALECTS)('mailer on %s', (dialect) => {
  let smtp: TestSmtpServer;
  let t: TestDatabase;
  let clock: FakeClock;
  let sellerId: UserId;
  const mailers: Mailer[] = [];

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
  });
  afterAll(async () => {
    await smtp?.stop();
  });
  beforeEach(async () => {
    t = await createTestDatabase(dialect);
    clock = new FakeClock();
    smtp.reset();
    sellerId = 'seller_mailer_test_1' as UserId;
    await t.db
      .insertInto('users')
      .values({
        id: sellerId,
        email: 'sven@example.test',
        name: 'Sven Seller',
        password_hash: 'x',
        role: 'seller',
        created_at: clock.now(),
      })
      .execute();
  });
  afterEach(async () => {
    for (const mailer of mailers.splice(0)) await mailer.stop();
    await t.destroy();
  });

  /** A started mailer on this test's database; with SMTP unless `smtpUrl` is null. */
  async function startMailer(
    opts: Partial<MailerOptions> & { smtpUrl?: string | null } = {},
  ): Promise<Mailer> {
    const { smtpUrl = smtp.url, ...rest } = opts;
    const mailer = new Mailer({
      db: t.db,
      clock,
      log: capturingLogger().log,
      config: { smtpUrl, from: FROM },
      ...rest,
    });
    mailers.push(mailer);
    await mailer.start();
    return mailer;
  }

  it('sends through SMTP with the invitation as a text/calendar; method=REQUEST part that ical.js reads', async () => {
    const mailer = await startMailer();
    const message = bookingMail({ sellerId, html: '<p>Ihr Termin steht.</p>' });
    const id = await mailer.send(message);
    await mailer.idle();

    expect(smtp.accepted).toHaveLength(1);
    const [mail] = smtp.accepted;
    if (!mail) throw new Error('no mail');
    expect(mail.envelope).toEqual({ from: 'nahbar@nahbar.test', to: ['gabi@example.test'] });
    const headers = parseHeaders(mail.raw.slice(0, mail.raw.indexOf('\r\n\r\n')));
    expect(headers.from).toBe('Nahbar <nahbar@nahbar.test>');
    expect(headers.to).toBe('Gabi Gast <gabi@example.test>');
    expect(headers['message-id']).toBe(`<${id}@nahbar.test>`);
    // The subject has umlauts, so it travels encoded.
    expect(headers.subject).toMatch(/^=\?UTF-8\?/);

    const parts = mimeParts(mail.raw);
    const type = (p: (typeof parts)[number]) => p.headers['content-type'] ?? '';
    const text = parts.find((p) => type(p).startsWith('text/plain'));
    expect(text?.body.replace(/\r\n/g, '\n')).toBe(message.text);
    expect(parts.some((p) => type(p).startsWith('text/html'))).toBe(true);
    const calendar = parts.find((p) => type(p).startsWith('text/calendar'));
    expect(type(calendar ?? parts[0]!)).toBe('text/calendar; charset=utf-8; method=REQUEST');
    expect(calendar?.body).toBe(invitation());
    const ics = parseInvitation(calendar?.body ?? '');
    expect(ics).toMatchObject({
      method: 'REQUEST',
      uid: 'bk_mailer_test@nahbar.test',
      sequence: 0,
      start: START,
      end: START + 20 * MIN,
      utc: { start: true, end: true, stamp: true },
      status: 'CONFIRMED',
      location: 'https://nahbar.test/r/olga-owner',
    });
    // The same file rides along as an attachment for clients that ignore the alternative.
    const attachment = parts.find((p) => type(p).startsWith('application/ics'));
    expect(attachment?.body).toBe(invitation());

    expect(await outboxRow(t.db, id)).toMatchObject({
      seller_id: sellerId,
      to_name: 'Gabi Gast',
      to_address: 'gabi@example.test',
      transport: 'smtp',
      sent_at: clock.now(),
      next_attempt_at: null,
      attempts: 1,
      error: null,
      ics_method: 'REQUEST',
      ics: invitation(),
      html_body: '<p>Ihr Termin steht.</p>',
    });
  });

  it('sends a cancellation with method=CANCEL in the part and the file', async () => {
    const mailer = await startMailer();
    await mailer.send(bookingMail({ calendar: { method: 'CANCEL', ics: invitation('CANCEL') } }));
    await mailer.idle();
    const calendar = mimeParts(smtp.accepted[0]?.raw ?? '').find((p) =>
      (p.headers['content-type'] ?? '').startsWith('text/calendar'),
    );
    expect(calendar?.headers['content-type']).toBe('text/calendar; charset=utf-8; method=CANCEL');
    expect(parseInvitation(calendar?.body ?? '')).toMatchObject({
      method: 'CANCEL',
      status: 'CANCELLED',
      sequence: 1,
    });
  });

  it('keeps the message in the outbox without SMTP and logs recipient and subject, never the body', async () => {
    const { log, lines } = capturingLogger();
    const mailer = await startMailer({ smtpUrl: null, log });
    expect(mailer.mode).toBe('outbox');
    const message = bookingMail({ sellerId });
    const id = await mailer.send(message);
    await mailer.idle();
    expect(await mailer.deliverDue()).toEqual({ sent: 0, failed: 0 });

    expect(smtp.accepted).toEqual([]);
    expect(await outboxRow(t.db, id)).toMatchObject({
      transport: 'outbox',
      sent_at: null,
      next_attempt_at: null,
      attempts: 0,
      text_body: message.text,
      ics: invitation(),
    });
    const line = lines.find((l) => l.msg === 'mail kept in the outbox (no SMTP server configured)');
    expect(line).toMatchObject({
      level: 30,
      outboxId: id,
      to: 'gabi@example.test',
      subject: message.subject,
    });
    const logged = JSON.stringify(lines);
    expect(logged).not.toContain('Ihr Termin steht');
    expect(logged).not.toContain('BEGIN:VCALENDAR');
  });

  it('records a refused attempt, tries again after the wait and sends exactly once', async () => {
    const { log, lines } = capturingLogger();
    const mailer = await startMailer({ log, retryBaseMs: MIN });
    smtp.refuseNext(1);
    const id = await mailer.send(bookingMail());
    await mailer.idle();

    expect(smtp.refused).toBe(1);
    expect(smtp.accepted).toEqual([]);
    const failed = await outboxRow(t.db, id);
    expect(failed).toMatchObject({
      sent_at: null,
      attempts: 1,
      next_attempt_at: clock.now() + MIN,
    });
    expect(failed.error).toContain('451 4.3.0 Mailbox busy, try again later');
    expect(lines.find((l) => l.msg === 'mail not sent; will try again')).toMatchObject({
      level: 40,
      outboxId: id,
      attempt: 1,
    });

    // Not before the wait is over.
    clock.advance(MIN - 1);
    expect(await mailer.deliverDue()).toEqual({ sent: 0, failed: 0 });
    clock.advance(1);
    expect(await mailer.deliverDue()).toEqual({ sent: 1, failed: 0 });
    expect(smtp.accepted).toHaveLength(1);
    expect(await outboxRow(t.db, id)).toMatchObject({
      sent_at: clock.now(),
      next_attempt_at: null,
      attempts: 2,
      error: null,
    });

    // Sent is final: no later round, wait or kick sends it again.
    clock.advance(24 * 60 * MIN);
    mailer.kick();
    await mailer.idle();
    expect(await mailer.deliverDue()).toEqual({ sent: 0, failed: 0 });
    expect(smtp.accepted).toHaveLength(1);
    expect(smtp.refused).toBe(1);
  });

  it('waits twice as long after each failure and gives up after the last attempt', async () => {
    const { log, lines } = capturingLogger();
    const mailer = await startMailer({ log, maxAttempts: 3, retryBaseMs: MIN });
    smtp.refuseNext(10);
    const id = await mailer.send(bookingMail());
    await mailer.idle();
    expect((await outboxRow(t.db, id)).next_attempt_at).toBe(clock.now() + MIN);
    clock.advance(MIN);
    expect(await mailer.deliverDue()).toEqual({ sent: 0, failed: 1 });
    expect((await outboxRow(t.db, id)).next_attempt_at).toBe(clock.now() + 2 * MIN);
    clock.advance(2 * MIN);
    expect(await mailer.deliverDue()).toEqual({ sent: 0, failed: 1 });

    const row = await outboxRow(t.db, id);
    expect(row).toMatchObject({ sent_at: null, next_attempt_at: null, attempts: 3 });
    expect(row.error).toContain('451');
    expect(
      lines.find((l) => l.msg === 'mail not sent after the last attempt; it stays in the outbox'),
    ).toMatchObject({ level: 50, outboxId: id, attempt: 3 });
    clock.advance(24 * 60 * MIN);
    expect(await mailer.deliverDue()).toEqual({ sent: 0, failed: 0 });
    expect(smtp.refused).toBe(3);
  });

  it('sends a message once when two mailers (two processes) race for it', async () => {
    const one = await startMailer();
    const two = await startMailer();
    // Their first rounds (at start) are over, so that only the rounds below can send.
    await Promise.all([one.idle(), two.idle()]);
    // Written inside a transaction, so that neither mailer is kicked before both race.
    const ids = await t.db
      .transaction()
      .execute(async (trx) =>
        Promise.all([1, 2, 3].map((n) => one.send(bookingMail({ subject: `Race ${n}` }), trx))),
      );
    const rounds = await Promise.all([one.deliverDue(), two.deliverDue(), one.deliverDue()]);
    expect(rounds.reduce((sum, r) => sum + r.sent, 0)).toBe(3);
    expect(smtp.accepted.map((m) => parseHeaders(m.raw).subject).sort()).toEqual([
      'Race 1',
      'Race 2',
      'Race 3',
    ]);
    for (const id of ids) expect((await outboxRow(t.db, id)).attempts).toBe(1);
  });

  it('sends at start what an earlier run left unsent', async () => {
    const crashed = new Mailer({
      db: t.db,
      clock,
      log: capturingLogger().log,
      config: { smtpUrl: smtp.url, from: FROM },
    });
    // Never started: the message is in the outbox, the process is gone.
    const id = await crashed.send(bookingMail());
    expect(smtp.accepted).toEqual([]);

    const restarted = await startMailer();
    await restarted.idle();
    expect(smtp.accepted).toHaveLength(1);
    expect((await outboxRow(t.db, id)).sent_at).toBe(clock.now());
  });

  it("commits a message with the caller's transaction and drops it with a rollback", async () => {
    const mailer = await startMailer();
    await expect(
      t.db.transaction().execute(async (trx) => {
        await mailer.send(bookingMail({ subject: 'Rolled back' }), trx);
        throw new Error('booking failed');
      }),
    ).rejects.toThrow('booking failed');
    const id = await t.db
      .transaction()
      .execute((trx) => mailer.send(bookingMail({ subject: 'Committed' }), trx));
    mailer.kick();
    await mailer.idle();
    expect(smtp.accepted.map((m) => parseHeaders(m.raw).subject)).toEqual(['Committed']);
    expect(await t.db.selectFrom('outbox').select('id').execute()).toEqual([{ id }]);
  });

  it('refuses a malformed message with an error that says what is wrong, and stores nothing', async () => {
    const mailer = await startMailer();
    await expect(
      mailer.send(bookingMail({ calendar: { method: 'REQUEST', ics: invitation('CANCEL') } })),
    ).rejects.toThrow(
      'Invalid e-mail message: calendar.ics the ICS says METHOD:CANCEL, but the method is REQUEST',
    );
    await expect(mailer.send(bookingMail({ to: 'Gabi Gast <not-an-address>' }))).rejects.toThrow(
      Invalid,
    );
    await expect(
      mailer.send(bookingMail({ subject: 'Hallo\r\nBcc: everyone@example.test' })),
    ).rejects.toThrow(
      'Invalid e-mail message: subject must be one line without control characters',
    );
    expect(await t.db.selectFrom('outbox').select('id').execute()).toEqual([]);
  });

  it('accepts a recipient given as name and address apart', async () => {
    const mailer = await startMailer({ smtpUrl: null });
    const id = await mailer.send(
      bookingMail({ to: { name: 'Müller, Gabi', address: 'gabi@example.test' } }),
    );
    expect(await outboxRow(t.db, id)).toMatchObject({
      to_name: 'Müller, Gabi',
      to_address: 'gabi@example.test',
    });
  });
});
