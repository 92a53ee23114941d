// The mailer (a Service): every message is written to the outbox first, so that nothing is lost.
// With NAHBAR_SMTP_URL it is then sent by SMTP in the background; a failed attempt is recorded and
// retried with growing waits, a bounded number of times. Without SMTP it stays in the outbox,
// where the app shows it, and the log says so (recipient and subject, never the body).
//
// Never twice: an attempt first claims its message with one UPDATE that only succeeds while the
// message is unsent and due, and moves its due time past the attempt (see outbox.repository.ts).
// A message whose `sent_at` is set is never claimed again. Only a process that dies after the
// server accepted a message and before `sent_at` is written can send it again, once its claim
// lapses; its Message-ID stays the same, so mail clients show one message.
import type { OutboxMessageId } from '../../shared/ids.js';
import type { Db } from '../db/database.js';
import type { Config } from '../env.js';
import { Invalid } from '../errors.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/logger.js';
import { newId } from '../lib/random.js';
import { Rounds } from '../services/rounds.js';
import type { Service } from '../services/service.js';
import { mailMessageSchema } from './mail.schemas.js';
import type { MailMessage } from './mail.schemas.js';
import {
  claimOutboxMessage,
  findDueOutboxIds,
  insertOutboxMessage,
  markOutboxFailed,
  markOutboxSent,
} from './outbox.repository.js';
import type { OutboxRow } from './outbox.table.js';
import { createSmtpTransport, describeSmtpError } from './smtp.js';
import type { MailTransport } from './smtp.js';

/** What the mailer needs, and how it retries. */
export interface MailerOptions {
  db: Db;
  clock: Clock;
  log: Logger;
  config: Config['mail'];
  /** Most SMTP attempts per message (default 6: the last about half an hour after the first). */
  maxAttempts?: number;
  /** Wait after the first failed attempt; it doubles with each further one (default 1 minute). */
  retryBaseMs?: number;
  /** Longest wait between two attempts (default 15 minutes). */
  retryMaxMs?: number;
  /**
   * How often the service looks for due messages besides when one is sent (default 10 s): it
   * also picks up messages committed with another transaction whose writer did not `kick()`.
   */
  pollIntervalMs?: number;
  /** How long an attempt keeps its claim; after that another sender may take the message (5 min). */
  claimMs?: number;
  /** Messages one query fetches (default 20). */
  batchSize?: number;
}

/** What one delivery round did. */
export interface DeliveryRound {
  sent: number;
  failed: number;
}

/** Writes every message to the outbox and, with SMTP configured, sends it from there. */
export class Mailer implements Service {
  readonly name = 'mailer';
  private readonly transport: MailTransport | null;
  private readonly maxAttempts: number;
  private readonly retryBaseMs: number;
  private readonly retryMaxMs: number;
  private readonly pollIntervalMs: number;
  private readonly claimMs: number;
  private readonly batchSize: number;
  private readonly rounds: Rounds<DeliveryRound>;

  constructor(private readonly options: MailerOptions) {
    this.transport = options.config.smtpUrl ? createSmtpTransport(options.config.smtpUrl) : null;
    this.maxAttempts = options.maxAttempts ?? 6;
    this.retryBaseMs = options.retryBaseMs ?? 60_000;
    this.retryMaxMs = options.retryMaxMs ?? 15 * 60_000;
    this.pollIntervalMs = options.pollIntervalMs ?? 10_000;
    this.claimMs = options.claimMs ?? 5 * 60_000;
    this.batchSize = options.batchSize ?? 20;
    this.rounds = new Rounds(
      () => this.runRound(),
      (err) => this.options.log.error({ err }, 'mail delivery round failed'),
    );
  }

  /** `smtp` when messages are sent, `outbox` when they are only kept. */
  get mode(): 'smtp' | 'outbox' {
    return this.transport ? 'smtp' : 'outbox';
  }

  /** Starts looking for due messages, first at once: those a previous run left unsent. */
  async start(): Promise<void> {
    const { smtpUrl } = this.options.config;
    if (!this.transport || !smtpUrl) {
      this.options.log.info('no SMTP server configured: e-mail stays in the outbox');
      return;
    }
    // The host only: the URL usually holds a password.
    this.options.log.info({ smtpHost: new URL(smtpUrl).host }, 'e-mail goes out by SMTP');
    this.rounds.start(this.pollIntervalMs);
  }

  /** Stops the timer, waits for the attempt in progress and closes the SMTP connection. */
  async stop(): Promise<void> {
    await this.rounds.stop();
    this.transport?.close();
  }

  /**
   * Writes a message to the outbox and returns its id; with SMTP it is sent in the background.
   * Pass a transaction as `executor` to commit the message with the caller's other writes; it is
   * then sent by the next round after the commit (call `kick()` after committing for at once).
   * Throws Invalid when the message is malformed.
   */
  async send(message: MailMessage, executor: Db = this.options.db): Promise<OutboxMessageId> {
    const parsed = mailMessageSchema.safeParse(message);
    if (!parsed.success) {
      const details = parsed.error.issues.map((i) => ({
        path: i.path.join('.'),
        message: i.message,
      }));
      const first = details[0];
      throw new Invalid(
        `Invalid e-mail message${first ? `: ${first.path || 'message'} ${first.message}` : ''}`,
        'invalid_mail',
        details,
      );
    }
    const mail = parsed.data;
    const id = newId<OutboxMessageId>();
    const now = this.options.clock.now();
    await insertOutboxMessage(executor, {
      id,
      seller_id: mail.sellerId,
      booking_id: mail.bookingId,
      to_name: mail.to.name,
      to_address: mail.to.address,
      subject: mail.subject,
      text_body: mail.text,
      html_body: mail.html,
      ics: mail.calendar?.ics ?? null,
      ics_method: mail.calendar?.method ?? null,
      created_at: now,
      sent_at: null,
      transport: this.mode,
      next_attempt_at: this.transport ? now : null,
      attempts: 0,
      error: null,
    });
    if (this.transport) {
      // Inside the caller's transaction the row is not visible to a round until the commit.
      if (executor === this.options.db) this.kick();
    } else {
      this.options.log.info(
        { outboxId: id, to: mail.to.address, subject: mail.subject },
        'mail kept in the outbox (no SMTP server configured)',
      );
    }
    return id;
  }

  /** Asks for a delivery round soon (at most one waits behind the running one). */
  kick(): void {
    this.rounds.kick();
  }

  /** Resolves once every round queued so far has ended (tests await the background sending). */
  idle(): Promise<void> {
    return this.rounds.idle();
  }

  /** Sends every message due now, after the rounds already queued; resolves with what it did. */
  deliverDue(): Promise<DeliveryRound> {
    return this.rounds.next();
  }

  private async runRound(): Promise<DeliveryRound> {
    const result: DeliveryRound = { sent: 0, failed: 0 };
    const transport = this.transport;
    if (!transport) return result;
    const { db, clock } = this.options;
    for (;;) {
      const ids = await findDueOutboxIds(db, clock.now(), this.batchSize);
      for (const id of ids) {
        const now = clock.now();
        const row = await claimOutboxMessage(db, { id, now, claimUntil: now + this.claimMs });
        if (!row) continue; // sent or claimed meanwhile, by another round or process
        if (await this.attempt(transport, row)) result.sent += 1;
        else result.failed += 1;
      }
      // A claimed message is no longer due, so a full batch means more may be waiting.
      if (ids.length < this.batchSize) return result;
    }
  }

  private async attempt(transport: MailTransport, row: OutboxRow): Promise<boolean> {
    const { db, clock, log, config } = this.options;
    const about = { outboxId: row.id, to: row.to_address, attempt: row.attempts };
    try {
      await transport.deliver({
        id: row.id,
        from: config.from,
        to: { name: row.to_name, address: row.to_address },
        subject: row.subject,
        text: row.text_body,
        html: row.html_body,
        calendar: row.ics && row.ics_method ? { method: row.ics_method, ics: row.ics } : null,
      });
    } catch (err) {
      const error = describeSmtpError(err);
      const giveUp = row.attempts >= this.maxAttempts;
      const nextAttemptAt = giveUp ? null : clock.now() + this.retryDelay(row.attempts);
      await markOutboxFailed(db, { id: row.id, error, nextAttemptAt });
      if (giveUp) {
        log.error(
          { ...about, error },
          'mail not sent after the last attempt; it stays in the outbox',
        );
      } else {
        log.warn({ ...about, error, nextAttemptAt }, 'mail not sent; will try again');
      }
      return false;
    }
    await markOutboxSent(db, { id: row.id, sentAt: clock.now() });
    log.info({ ...about, subject: row.subject }, 'mail sent');
    return true;
  }

  /** The wait after the n-th failed attempt: base, 2 × base, 4 × base, … up to the maximum. */
  private retryDelay(attempts: number): number {
    return Math.min(this.retryBaseMs * 2 ** (attempts - 1), this.retryMaxMs);
  }
}
