// The reminder service: every 30 s (and on start) it looks for reminder jobs that are due, and
// for each one claims it and writes its e-mails to the outbox in one transaction. The claim is one
// UPDATE that succeeds only while the job is unclaimed, so a reminder is written once however many
// services run (two processes on one database, or one before and one after a restart): the
// others find it claimed, or (PostgreSQL) wait for the first one's commit and then find it so.
// Sending is the mailer's, from the outbox, after the commit.
import type { Db } from '../db/database.js';
import { Invalid } from '../errors.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/logger.js';
import type { Mailer } from '../mail/mailer.js';
import { roomUrl } from '../rooms/room.presenters.js';
import { Rounds } from '../services/rounds.js';
import type { Service } from '../services/service.js';
import { composeReminderMails } from './booking-mail.js';
import { loungeUrl } from './booking.presenters.js';
import { findBookingRecord } from './booking.repository.js';
import type { BookingRecord } from './booking.repository.js';
import {
  claimReminder,
  failReminder,
  findDueReminders,
  setReminderOutcome,
} from './reminder.repository.js';
import type { ReminderRef } from './reminder.repository.js';
import { isReminderTooLate } from './reminders.js';

/** What the reminder service needs. */
export interface BookingRemindersOptions {
  db: Db;
  clock: Clock;
  log: Logger;
  /** Where reminders are written (inside the claim's transaction) and who is kicked after. */
  mailer: Pick<Mailer, 'send' | 'kick'>;
  /** Origin of the lounge links. */
  publicUrl: string;
  /** How often it looks for due reminders (default 30 s). */
  pollIntervalMs?: number;
  /** Jobs one query fetches (default 50). */
  batchSize?: number;
}

/** What one round did with the due jobs it found. */
export interface ReminderRound {
  /** Claimed, and their e-mails written to the outbox. */
  sent: number;
  /** Claimed, but too late to help (the meeting began) or the booking is no longer confirmed. */
  skipped: number;
  /** Claimed by another service first. */
  taken: number;
  /** Given up: their e-mails were refused as malformed. */
  failed: number;
  /** Left for the next round after an error (the database, say). */
  retry: number;
}

type Outcome = keyof ReminderRound;

/** Writes the 24-hour and 15-minute reminders of bookings when they fall due. */
export class BookingReminders implements Service {
  readonly name = 'booking-reminders';
  private readonly pollIntervalMs: number;
  private readonly batchSize: number;
  private readonly rounds: Rounds<ReminderRound>;

  constructor(private readonly options: BookingRemindersOptions) {
    this.pollIntervalMs = options.pollIntervalMs ?? 30_000;
    this.batchSize = options.batchSize ?? 50;
    this.rounds = new Rounds(
      () => this.runRound(),
      (err) => this.options.log.error({ err }, 'reminder round failed'),
    );
  }

  /** Starts looking for due reminders, first at once: those that fell due while none ran. */
  async start(): Promise<void> {
    this.rounds.start(this.pollIntervalMs);
  }

  /** Stops the timer and waits for the round in progress. */
  async stop(): Promise<void> {
    await this.rounds.stop();
  }

  /** Asks for a round soon (at most one waits behind the running one). */
  kick(): void {
    this.rounds.kick();
  }

  /** Resolves once every round queued so far has ended. */
  idle(): Promise<void> {
    return this.rounds.idle();
  }

  /** Handles every reminder due now, after the rounds already queued; resolves with what it did. */
  runDue(): Promise<ReminderRound> {
    return this.rounds.next();
  }

  private async runRound(): Promise<ReminderRound> {
    const result: ReminderRound = { sent: 0, skipped: 0, taken: 0, failed: 0, retry: 0 };
    const { db, clock, mailer } = this.options;
    try {
      for (;;) {
        const due = await findDueReminders(db, clock.now(), this.batchSize);
        for (const job of due) result[await this.handle(job)] += 1;
        // A handled job is no longer due, so a full batch means more may be waiting; one left for
        // retry would come back at once, so the round ends there.
        if (due.length < this.batchSize || result.retry > 0) return result;
      }
    } finally {
      if (result.sent > 0) mailer.kick();
    }
  }

  // Claims one job and writes its e-mails, in one transaction.
  private async handle(job: ReminderRef): Promise<Outcome> {
    const { db, clock, log, mailer } = this.options;
    const now = clock.now();
    const about = { bookingId: job.bookingId, kind: job.kind };
    try {
      return await db.transaction().execute(async (trx): Promise<Outcome> => {
        if (!(await claimReminder(trx, { ...job, now }))) return 'taken';
        const record = await findBookingRecord(trx, job.bookingId);
        if (
          !record ||
          record.row.status !== 'confirmed' ||
          isReminderTooLate(job.kind, record.row.starts_at, now)
        ) {
          await setReminderOutcome(trx, { ...job, outcome: 'skipped' });
          log.info(about, 'reminder skipped: too late, or the booking is cancelled');
          return 'skipped';
        }
        for (const mail of composeReminderMails(job.kind, this.reminderMeeting(record))) {
          await mailer.send(mail, trx);
        }
        log.info(about, 'reminder written to the outbox');
        return 'sent';
      });
    } catch (err) {
      if (err instanceof Invalid) {
        // A malformed message stays malformed; retrying would only repeat the error.
        await failReminder(db, { ...job, now, error: err.message });
        log.error({ ...about, err }, 'reminder cannot be written; given up');
        return 'failed';
      }
      log.warn({ ...about, err }, 'reminder not written; will try again');
      return 'retry';
    }
  }

  private reminderMeeting(record: BookingRecord) {
    const { row } = record;
    const { publicUrl } = this.options;
    return {
      bookingId: row.id,
      start: row.starts_at,
      meetingType: {
        name: record.meetingType.name,
        durationMinutes: Math.round((row.ends_at - row.starts_at) / 60_000),
      },
      guest: {
        name: row.guest_name,
        email: row.guest_email,
        company: row.guest_company,
        timeZone: row.guest_time_zone,
        language: row.guest_language,
      },
      seller: { id: row.seller_id, ...record.seller },
      loungeUrl:
        record.linkToken === null
          ? roomUrl(publicUrl, record.handle)
          : loungeUrl(publicUrl, record.handle, record.linkToken),
      sellerRoomUrl: roomUrl(publicUrl, record.handle),
    };
  }
}
