// German texts of the booking e-mails (confirmation, move, cancel, reminders), for guests and
// sellers. German is the reference: the English texts (en.ts) have the same shape.

/** A meeting as one e-mail names it: in the recipient's language and zone. */
export interface MailMeeting {
  /** The meeting type with the other person: "Kennenlernen mit Sam Seller". */
  title: string;
  /** Date and time without the zone: "Dienstag, 1. Dezember 2026, 15:00". */
  at: string;
  /** The time alone: "15:00". */
  time: string;
}

/** The booking e-mail texts in German. */
export const de = {
  /** The locale Intl formats dates and times in. */
  locale: 'de-DE',
  /** How hours are written: "09:00" here, "9:00 AM" in English. */
  hour: '2-digit' as 'numeric' | '2-digit',
  title: (meetingType: string, other: string) => `${meetingType} mit ${other}`,
  duration: (minutes: number) => `${minutes} Minuten`,
  labels: {
    when: 'Wann',
    before: 'Bisher',
    join: 'Zum Gespräch',
    room: 'Ihr Raum',
    reschedule: 'Termin verschieben',
    cancel: 'Termin absagen',
    guest: 'Gast',
    name: 'Name',
    company: 'Firma',
    email: 'E-Mail',
    phone: 'Telefon',
    timeZone: 'Zeitzone',
    message: 'Nachricht',
  },
  greeting: (name: string) => `Hallo ${name},`,
  closing: (sender: string) => `Viele Grüße\n${sender}`,
  guest: {
    subject: {
      booked: (m: MailMeeting) => `Bestätigt: ${m.title} am ${m.at}`,
      rescheduled: (m: MailMeeting) => `Verschoben: ${m.title}, jetzt am ${m.at}`,
      cancelled: (m: MailMeeting) => `Abgesagt: ${m.title} am ${m.at}`,
    },
    intro: {
      booked: 'Ihr Termin ist gebucht.',
      rescheduled: 'Ihr Termin wurde verschoben.',
      cancelledByGuest: 'Sie haben Ihren Termin abgesagt.',
      cancelledBySeller: (seller: string) => `${seller} hat Ihren Termin leider abgesagt.`,
    },
    calendar: {
      request: 'Die Einladung im Anhang trägt den Termin in Ihren Kalender ein.',
      cancel: 'Die Absage im Anhang nimmt den Termin aus Ihrem Kalender.',
    },
  },
  seller: {
    subject: {
      booked: (m: MailMeeting) => `Neue Buchung: ${m.title} am ${m.at}`,
      rescheduled: (m: MailMeeting) => `Verschoben: ${m.title}, jetzt am ${m.at}`,
      cancelled: (m: MailMeeting) => `Abgesagt: ${m.title} am ${m.at}`,
    },
    intro: {
      booked: (guest: string) => `${guest} hat einen Termin bei Ihnen gebucht.`,
      rescheduled: (guest: string) => `${guest} hat den Termin verschoben.`,
      cancelledByGuest: (guest: string) => `${guest} hat den Termin abgesagt.`,
      cancelledBySeller: 'Der Termin wurde in Nahbar abgesagt; der Gast ist benachrichtigt.',
    },
  },
  reminder: {
    guest: {
      subject: {
        '24h': (m: MailMeeting) => `Erinnerung: ${m.title} am ${m.at}`,
        '15m': (m: MailMeeting) => `Gleich geht es los: ${m.title} um ${m.time}`,
      },
      intro: {
        '24h': 'zur Erinnerung: Ihr Termin steht bevor.',
        '15m': 'Ihr Termin beginnt in wenigen Minuten. Der Link bringt Sie direkt ins Gespräch.',
      },
    },
    seller: {
      subject: (m: MailMeeting) => `Gleich: ${m.title} um ${m.time}`,
      intro: (guest: string) => `gleich beginnt Ihr Termin mit ${guest}.`,
    },
  },
};

/** The shape every language's booking e-mail texts have. */
export type BookingMailTexts = typeof de;
