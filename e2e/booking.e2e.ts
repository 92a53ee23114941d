// Issue 5, proof 7: a guest whose browser is in America/New_York books a seller in Europe/Berlin
// on the seller's booking page; the seller sees the meeting at the right Berlin time; the
// invitation that reaches a real SMTP server has the right UTC time; and the guest joins the lounge
// from the link in that e-mail, is greeted by name, and the host sees the booking at the knock.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { TEST_SETTINGS } from '../server/test/booking.js';
import { parseInvitation } from '../server/test/ics.js';
import { readMail, startTestSmtpServer } from '../server/test/smtp.js';
import type { TestSmtpServer } from '../server/test/smtp.js';
import { enterAsHost, knockEntry } from './harness/lounge.js';
import { Scene, useBrowser } from './harness/scene.js';
import { waitFor } from './harness/wait.js';

/** "15:00" as the clock in `zone` shows `instant`, as the booking pages write times. */
function clock(instant: number, zone: string): string {
  return new Intl.DateTimeFormat('en-US', {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: zone,
  }).format(instant);
}

describe('booking in the browser', () => {
  const browser = useBrowser();
  let smtp: TestSmtpServer;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
  });
  afterAll(async () => {
    await smtp.stop();
  });

  test('a guest in New York books a seller in Berlin, gets the invitation and joins from it', async () => {
    const scene = await Scene.start(browser(), { smtpUrl: smtp.url });
    // The seller opens the booking page: Berlin, Monday to Friday 09:00–17:00, one meeting type.
    await scene.owner.http.request('PUT', '/api/booking/settings', TEST_SETTINGS);
    await scene.owner.http.post('/api/booking/meeting-types', {
      name: 'Maschinen-Demo',
      slug: 'demo',
      durationMinutes: 45,
      bufferBeforeMinutes: 0,
      bufferAfterMinutes: 15,
      minimumNoticeMinutes: 60,
      horizonDays: 30,
      slotStepMinutes: 15,
      dailyLimit: null,
    });

    // The guest, in New York, picks the first free time.
    const guest = await scene.join('Gwen Guest', { timezoneId: 'America/New_York' });
    await guest.page.goto(`/book/${scene.room.handle}`);
    await guest.page.getByTestId('booking-page').waitFor();
    expect(await guest.page.getByTestId('booking-zone').inputValue()).toBe('America/New_York');
    const slot = guest.page.locator('[data-testid^="booking-slot-"]').first();
    await slot.waitFor();
    const testId = await slot.getAttribute('data-testid');
    const start = Date.parse(testId!.slice('booking-slot-'.length));
    expect(Number.isFinite(start)).toBe(true);
    // The button shows the guest's own clock.
    expect(await slot.textContent()).toContain(clock(start, 'America/New_York'));
    await slot.click();
    await guest.page.getByTestId('booking-name').fill('Gwen Guest');
    await guest.page.getByTestId('booking-email').fill('gwen@guest.example');
    await guest.page.getByTestId('booking-company').fill('Guest Machines Inc.');
    await guest.page.getByTestId('booking-submit').click();
    await guest.page.getByTestId('booking-confirmed').waitFor();
    expect(await guest.page.getByTestId('booking-confirmed-time').textContent()).toContain(
      clock(start, 'America/New_York'),
    );
    expect(await guest.page.getByTestId('booking-confirmed-time-seller').textContent()).toContain(
      clock(start, 'Europe/Berlin'),
    );

    // The seller, in Berlin, sees the meeting at the Berlin time.
    const seller = await scene.host({ timezoneId: 'Europe/Berlin' });
    await seller.page.goto('/booking');
    const row = seller.page.getByTestId('booking-row').first();
    await row.waitFor();
    expect(await row.textContent()).toContain('Gwen Guest');
    expect(await row.getByTestId('booking-row-time').textContent()).toContain(
      clock(start, 'Europe/Berlin'),
    );

    // The invitation reaches the guest with the meeting's time in UTC.
    const mail = await waitFor('the invitation to the guest', async () => {
      const found = smtp.accepted.find((m) => m.envelope.to.includes('gwen@guest.example'));
      return found ? readMail(found) : undefined;
    });
    expect(mail.calendar?.contentType).toMatch(/^text\/calendar;.*method=REQUEST/i);
    const invitation = parseInvitation(mail.calendar!.ics);
    expect(invitation).toMatchObject({
      method: 'REQUEST',
      sequence: 0,
      start,
      end: start + 45 * 60_000,
      utc: { start: true, end: true, stamp: true },
    });
    expect(invitation.url).toBe(invitation.location);
    expect(mail.text).toContain(invitation.location);

    // The seller waits in the lounge; the guest follows the link from the e-mail.
    const lounge = await seller.context.newPage();
    await enterAsHost({ ...seller, page: lounge }, scene.room.handle);
    const link = new URL(invitation.location);
    await guest.page.goto(link.pathname + link.search);
    await guest.page.getByTestId('prejoin').waitFor();
    expect(await guest.page.locator('h1').textContent()).toContain('Gwen Guest');
    expect(await guest.page.getByTestId('prejoin-name').inputValue()).toBe('Gwen Guest');
    await guest.page.getByTestId('prejoin-join').click();
    const entry = knockEntry({ ...seller, page: lounge }, 'Gwen Guest');
    await entry.waitFor();
    expect(await entry.getByTestId('knock-company').textContent()).toBe('Guest Machines Inc.');
    expect(await entry.getByTestId('knock-booking').textContent()).toContain('Maschinen-Demo');
  });
});
