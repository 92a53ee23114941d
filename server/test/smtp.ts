// A real SMTP server for tests (the smtp-server package) on loopback, port 0, that keeps every
// message it accepts, can refuse the next ones like a busy server does, and splits a captured
// message into its MIME parts for checking.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** A message as the server received it. */
export interface CapturedMail {
  /** MAIL FROM and RCPT TO. */
  envelope: { from: string; to: string[] };
  /** The whole message, headers and body, as it came over the wire. */
  raw: string;
}

/** A running test SMTP server. */
export interface TestSmtpServer {
  /** smtp://127.0.0.1:<port> */
  url: string;
  /** Messages accepted so far, in order. */
  accepted: CapturedMail[];
  /** Messages refused so far. */
  refused: number;
  /** Refuses the next `count` messages with `451 4.3.0` (a temporary failure). */
  refuseNext(count: number): void;
  /** Forgets the messages and refusals so far and refuses nothing (between tests). */
  reset(): void;
  stop(): Promise<void>;
}

/** Starts an SMTP server on 127.0.0.1 with a free port; no TLS, no authentication. */
export async function startTestSmtpServer(): Promise<TestSmtpServer> {
  const accepted: CapturedMail[] = [];
  let refuse = 0;
  const state = { refused: 0 };
  const server = new SMTPServer({
    authOptional: true,
    // Without STARTTLS nodemailer stays on plain text, as a loopback test should.
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (refuse > 0) {
          refuse -= 1;
          state.refused += 1;
          const err = Object.assign(new Error('4.3.0 Mailbox busy, try again later'), {
            responseCode: 451,
          });
          callback(err);
          return;
        }
        const from = session.envelope.mailFrom;
        accepted.push({
          envelope: {
            from: from === false ? '' : from.address,
            to: session.envelope.rcptTo.map((r) => r.address),
          },
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    accepted,
    get refused() {
      return state.refused;
    },
    refuseNext(count) {
      refuse = count;
    },
    reset() {
      accepted.length = 0;
      state.refused = 0;
      refuse = 0;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** One leaf part of a MIME message: its headers (lower-case names) and decoded body. */
export interface MimePart {
  headers: Record<string, string>;
  body: string;
}

/** Splits a raw message into its leaf parts (multipart bodies walked), bodies decoded. */
export function mimeParts(raw: string): MimePart[] {
  const split = raw.indexOf('\r\n\r\n');
  const head = split < 0 ? raw : raw.slice(0, split);
  const body = split < 0 ? '' : raw.slice(split + 4);
  const headers = parseHeaders(head);
  const type = headers['content-type'] ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (type.toLowerCase().startsWith('multipart/') && boundary) {
    const sections = body.split(`--${boundary}`).slice(1);
    return sections
      .filter((s) => !s.startsWith('--'))
      .flatMap((s) => mimeParts(s.replace(/^\r\n/, '').replace(/\r\n$/, '')));
  }
  return [{ headers, body: decodeBody(body, headers['content-transfer-encoding']) }];
}

/** The header block of a message, unfolded, with lower-case names. */
export function parseHeaders(head: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0)
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

function decodeBody(body: string, encoding = '7bit'): string {
  switch (encoding.toLowerCase()) {
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    case 'quoted-printable': {
      const bytes = body
        .replace(/=\r\n/g, '')
        .replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
      return Buffer.from(bytes, 'latin1').toString('utf8');
    }
    default:
      return body;
  }
}

/** Decodes the MIME encoded-words (`=?UTF-8?Q?…?=`, `=?UTF-8?B?…?=`) of a header value. */
export function decodeHeader(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(
      /=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g,
      (_m, _charset: string, enc: string, text: string) =>
        enc.toUpperCase() === 'B'
          ? Buffer.from(text, 'base64').toString('utf8')
          : Buffer.from(
              text
                .replace(/_/g, ' ')
                .replace(/=([0-9A-F]{2})/gi, (_h, hex: string) =>
                  String.fromCharCode(parseInt(hex, 16)),
                ),
              'latin1',
            ).toString('utf8'),
    );
}

/** A captured message read as a person's mail client shows it. */
export interface ReadMail {
  to: string[];
  /** The decoded subject. */
  subject: string;
  /** The plain-text body. */
  text: string;
  /** The text/calendar alternative: its Content-Type header and the iCalendar text. */
  calendar: { contentType: string; ics: string } | null;
}

/** Reads a captured message: recipients, decoded subject, text and the text/calendar part. */
export function readMail(mail: CapturedMail): ReadMail {
  const headers = parseHeaders(mail.raw.slice(0, mail.raw.indexOf('\r\n\r\n')));
  const parts = mimeParts(mail.raw);
  const typeOf = (p: MimePart) => p.headers['content-type'] ?? '';
  const text = parts.find((p) => typeOf(p).startsWith('text/plain'));
  const calendar = parts.find((p) => typeOf(p).startsWith('text/calendar'));
  return {
    to: mail.envelope.to,
    subject: decodeHeader(headers.subject ?? ''),
    text: text?.body.replace(/\r\n/g, '\n') ?? '',
    calendar: calendar ? { contentType: typeOf(calendar), ics: calendar.body } : null,
  };
}
