// The one mail transport technology Nahbar speaks: SMTP through nodemailer. A calendar invitation
// travels as nodemailer's `icalEvent`: a `text/calendar; method=…` alternative of the text (what
// calendar clients act on) and the same file as an `invite.ics` attachment.
import { createTransport } from 'nodemailer';
import type { CalendarMethod } from '../../shared/api/outbox.js';
import type { MailAddress } from './address.js';

/** A message ready to leave, as the transport receives it. */
export interface OutgoingMail {
  /** The outbox id; the Message-ID is made from it, so that a resent copy is the same message. */
  id: string;
  from: MailAddress;
  to: MailAddress;
  subject: string;
  text: string;
  html: string | null;
  calendar: { method: CalendarMethod; ics: string } | null;
}

/** Hands messages to a mail server. */
export interface MailTransport {
  /** Resolves once the server accepted the message; rejects with the server's or network's error. */
  deliver(mail: OutgoingMail): Promise<void>;
  /** Closes connections. */
  close(): void;
}

/** Opens an SMTP transport for an smtp:// or smtps:// URL (credentials in the URL). */
export function createSmtpTransport(url: string): MailTransport {
  const transporter = createTransport({
    url,
    // nodemailer's defaults wait up to 2 minutes for a connection and 10 minutes on a silent
    // socket; an attempt should fail sooner and be retried by the mailer.
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  });
  return {
    async deliver(mail) {
      await transporter.sendMail({
        from: headerAddress(mail.from),
        to: headerAddress(mail.to),
        subject: mail.subject,
        text: mail.text,
        ...(mail.html === null ? {} : { html: mail.html }),
        messageId: `<${mail.id}@${domainOf(mail.from.address)}>`,
        ...(mail.calendar
          ? { icalEvent: { method: mail.calendar.method, content: mail.calendar.ics } }
          : {}),
      });
    },
    close() {
      transporter.close();
    },
  };
}

/** Describes a failed attempt for the outbox and the log: the server's answer when there is one. */
export function describeSmtpError(err: unknown): string {
  if (!(err instanceof Error)) return String(err).slice(0, 1000);
  const { code, response } = err as { code?: unknown; response?: unknown };
  const parts = [typeof code === 'string' ? code : null, err.message];
  if (typeof response === 'string' && !err.message.includes(response)) parts.push(response);
  return parts
    .filter((p): p is string => p !== null && p !== '')
    .join(': ')
    .slice(0, 1000);
}

// nodemailer quotes and encodes a name given apart from its address.
function headerAddress(a: MailAddress): string | { name: string; address: string } {
  return a.name ? { name: a.name, address: a.address } : a.address;
}

function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1);
}
