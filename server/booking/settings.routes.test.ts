// A seller's booking setup over HTTP, on SQLite and PostgreSQL: settings (defaults until saved,
// which opens the page), and meeting types with slugs, questions, order and deletion.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BookingSettingsView, MeetingTypeView } from '../../shared/api/booking.js';
import { FakeClock } from '../lib/clock.js';
import { anonymousAgent, inviteSeller, setupOwner } from '../test/actors.js';
import type { SignedIn } from '../test/actors.js';
import { createTestApp, TEST_PUBLIC_URL } from '../test/app.js';
import type { TestApp } from '../test/app.js';
import {
  createMeetingTypeFor,
  saveSettingsFor,
  TEST_SETTINGS,
  TEST_TYPE,
} from '../test/booking.js';
import { DIALECTS } from '../test/databases.js';

const anyString: unknown = expect.any(String);

describe.each(DIALECTS)('booking settings and meeting types on %s', (dialect) => {
  let t: TestApp;
  let owner: SignedIn;
  let seller: SignedIn;

  beforeAll(async () => {
    t = await createTestApp({ dialect, clock: new FakeClock() });
    owner = await setupOwner(t, { name: 'Olga Owner' });
    seller = await inviteSeller(t, owner.agent, { name: 'Sam Seller' });
  });
  afterAll(async () => {
    await t.close();
  });

  const settingsOf = async (who: SignedIn) => {
    const res = await who.agent.get('/api/booking/settings');
    expect(res.statusCode).toBe(200);
    return res.json<{ settings: BookingSettingsView }>().settings;
  };
  const typesOf = async (who: SignedIn) => {
    const res = await who.agent.get('/api/booking/meeting-types');
    expect(res.statusCode).toBe(200);
    return res.json<{ meetingTypes: MeetingTypeView[] }>().meetingTypes;
  };

  it('shows defaults under the personal room handle until the first save opens the page', async () => {
    expect(await settingsOf(seller)).toEqual({
      handle: 'sam-seller',
      pageUrl: `${TEST_PUBLIC_URL}/book/sam-seller`,
      saved: false,
      ...TEST_SETTINGS,
    });
    expect((await anonymousAgent(t).get('/api/book/sam-seller')).statusCode).toBe(404);

    const changed = {
      ...TEST_SETTINGS,
      timeZone: 'America/New_York',
      overrides: [{ date: '2026-12-24', intervals: [] }],
      changeCutoffHours: 24,
    };
    const res = await seller.agent.request({
      method: 'PUT',
      url: '/api/booking/settings',
      body: changed,
    });
    expect(res.statusCode).toBe(200);
    expect(await settingsOf(seller)).toEqual({
      handle: 'sam-seller',
      pageUrl: `${TEST_PUBLIC_URL}/book/sam-seller`,
      saved: true,
      ...changed,
    });
    const page = await anonymousAgent(t).get('/api/book/SAM-SELLER');
    expect(page.statusCode).toBe(200);
    expect(page.json()).toEqual({
      page: {
        handle: 'sam-seller',
        sellerName: 'Sam Seller',
        timeZone: 'America/New_York',
        meetingTypes: [],
      },
    });
  });

  it('refuses settings with an unknown zone, overlapping hours or a cut-off out of range', async () => {
    const bodies = [
      { ...TEST_SETTINGS, timeZone: 'Mars/Olympus' },
      {
        ...TEST_SETTINGS,
        weeklyHours: {
          ...TEST_SETTINGS.weeklyHours,
          mon: [
            { from: '09:00', to: '12:00' },
            { from: '11:00', to: '13:00' },
          ],
        },
      },
      { ...TEST_SETTINGS, changeCutoffHours: 0 },
      { ...TEST_SETTINGS, changeCutoffHours: 169 },
    ];
    for (const body of bodies) {
      const res = await seller.agent.request({ method: 'PUT', url: '/api/booking/settings', body });
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
  });

  it('derives unique slugs from names and refuses a slug the seller already uses', async () => {
    const first = await createMeetingTypeFor(owner.agent, { name: 'Maschinen-Demo' });
    const second = await createMeetingTypeFor(owner.agent, { name: 'Maschinen Demo' });
    expect([first.slug, second.slug]).toEqual(['maschinen-demo', 'maschinen-demo-2']);
    expect(first.url).toBe(`${TEST_PUBLIC_URL}/book/olga-owner/maschinen-demo`);
    expect([first.position, second.position]).toEqual([0, 1]);

    const taken = await owner.agent.post('/api/booking/meeting-types', {
      ...TEST_TYPE,
      slug: 'maschinen-demo',
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ error: { code: 'slug_taken' } });
    // Slugs are per seller: another seller may use the same one.
    const own = await createMeetingTypeFor(seller.agent, { slug: 'maschinen-demo' });
    expect(own.slug).toBe('maschinen-demo');
  });

  it('stores every timing rule and gives questions ids that survive a replace', async () => {
    const created = await createMeetingTypeFor(seller.agent, {
      name: 'Beratung',
      durationMinutes: 45,
      bufferBeforeMinutes: 10,
      bufferAfterMinutes: 15,
      minimumNoticeMinutes: 120,
      horizonDays: 30,
      slotStepMinutes: 15,
      dailyLimit: 3,
      questions: [{ label: 'Welche Maschine?', required: true }, { label: 'Sonst noch?' }],
    });
    expect(created).toMatchObject({
      name: 'Beratung',
      slug: 'beratung',
      durationMinutes: 45,
      bufferBeforeMinutes: 10,
      bufferAfterMinutes: 15,
      minimumNoticeMinutes: 120,
      horizonDays: 30,
      slotStepMinutes: 15,
      dailyLimit: 3,
      active: true,
    });
    const [machine, other] = created.questions;
    expect(machine).toEqual({ id: anyString, label: 'Welche Maschine?', required: true });
    expect(other).toEqual({ id: anyString, label: 'Sonst noch?', required: false });

    const res = await seller.agent.request({
      method: 'PUT',
      url: `/api/booking/meeting-types/${created.id}`,
      body: {
        ...TEST_TYPE,
        name: 'Beratung lang',
        durationMinutes: 60,
        active: false,
        questions: [{ id: machine!.id, label: 'Welche Maschine genau?', required: true }],
      },
    });
    expect(res.statusCode).toBe(200);
    const replaced = res.json<{ meetingType: MeetingTypeView }>().meetingType;
    expect(replaced).toMatchObject({
      id: created.id,
      name: 'Beratung lang',
      slug: 'beratung',
      durationMinutes: 60,
      dailyLimit: null,
      active: false,
      position: created.position,
      questions: [{ id: machine!.id, label: 'Welche Maschine genau?', required: true }],
    });
    expect((await typesOf(seller)).find((m) => m.id === created.id)).toEqual(replaced);
    // Inactive types are not on the page.
    const page = await anonymousAgent(t).get('/api/book/sam-seller');
    const slugs = page.json<{ page: { meetingTypes: { slug: string }[] } }>().page.meetingTypes;
    expect(slugs.map((m) => m.slug)).not.toContain('beratung');
  });

  it('refuses meeting types with impossible timing', async () => {
    for (const changes of [
      { durationMinutes: 0 },
      { slotStepMinutes: 1 },
      { horizonDays: 0 },
      { bufferAfterMinutes: 241 },
      { name: '' },
      { slug: 'Not A Slug!' },
    ]) {
      const res = await seller.agent.post('/api/booking/meeting-types', {
        ...TEST_TYPE,
        ...changes,
      });
      expect(res.statusCode, JSON.stringify(changes)).toBe(400);
    }
  });

  it('deletes a meeting type: gone from the list and the page, its slug free again', async () => {
    await saveSettingsFor(owner.agent);
    const type = await createMeetingTypeFor(owner.agent, { name: 'Kurz' });
    const res = await owner.agent.delete(`/api/booking/meeting-types/${type.id}`);
    expect(res.statusCode).toBe(204);
    expect((await typesOf(owner)).map((m) => m.id)).not.toContain(type.id);
    expect((await owner.agent.delete(`/api/booking/meeting-types/${type.id}`)).statusCode).toBe(
      404,
    );
    const page = await anonymousAgent(t).get('/api/book/olga-owner');
    const slugs = page.json<{ page: { meetingTypes: { slug: string }[] } }>().page.meetingTypes;
    expect(slugs.map((m) => m.slug)).not.toContain('kurz');
    expect((await createMeetingTypeFor(owner.agent, { name: 'Kurz' })).slug).toBe('kurz');
  });
});
