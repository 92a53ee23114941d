// English texts of the booking e-mails; the same shape as the German ones (de.ts).
import type { BookingMailTexts, MailMeeting } from './de.js';

/** The booking e-mail texts in English. */
export const en: BookingMailTexts = {
  locale: 'en-US',
  hour: 'numeric',
  title: (meetingType: string, other: string) => `${meetingType} with ${other}`,
  duration: (minutes: number) => `${minutes} minutes`,
  labels: {
    when: 'When',
    before: 'Before',
    join: 'Join the meeting',
    room: 'Your room',
    reschedule: 'Reschedule',
    cancel: 'Cancel',
    guest: 'Guest',
    name: 'Name',
    company: 'Company',
    email: 'E-mail',
    phone: 'Phone',
    timeZone: 'Time zone',
    message: 'Message',
  },
  greeting: (name: string) => `Hello ${name},`,
  closing: (sender: string) => `Best regards\n${sender}`,
  guest: {
    subject: {
      booked: (m: MailMeeting) => `Confirmed: ${m.title} on ${m.at}`,
      rescheduled: (m: MailMeeting) => `Rescheduled: ${m.title}, now on ${m.at}`,
      cancelled: (m: MailMeeting) => `Cancelled: ${m.title} on ${m.at}`,
    },
    intro: {
      booked: 'Your meeting is booked.',
      rescheduled: 'Your meeting has been moved.',
      cancelledByGuest: 'You have cancelled your meeting.',
      cancelledBySeller: (seller: string) => `${seller} has had to cancel your meeting.`,
    },
    calendar: {
      request: 'The attached invitation puts the meeting into your calendar.',
      cancel: 'The attached cancellation takes the meeting out of your calendar.',
    },
  },
  seller: {
    subject: {
      booked: (m: MailMeeting) => `New booking: ${m.title} on ${m.at}`,
      rescheduled: (m: MailMeeting) => `Rescheduled: ${m.title}, now on ${m.at}`,
      cancelled: (m: MailMeeting) => `Cancelled: ${m.title} on ${m.at}`,
    },
    intro: {
      booked: (guest: string) => `${guest} has booked a meeting with you.`,
      rescheduled: (guest: string) => `${guest} has moved the meeting.`,
      cancelledByGuest: (guest: string) => `${guest} has cancelled the meeting.`,
      cancelledBySeller: 'The meeting was cancelled in Nahbar; the guest has been told.',
    },
  },
  reminder: {
    guest: {
      subject: {
        '24h': (m: MailMeeting) => `Reminder: ${m.title} on ${m.at}`,
        '15m': (m: MailMeeting) => `Starting soon: ${m.title} at ${m.time}`,
      },
      intro: {
        '24h': 'a reminder of your upcoming meeting.',
        '15m': 'your meeting starts in a few minutes. The link takes you straight in.',
      },
    },
    seller: {
      subject: (m: MailMeeting) => `Starting soon: ${m.title} at ${m.time}`,
      intro: (guest: string) => `your meeting with ${guest} starts in a few minutes.`,
    },
  },
};
