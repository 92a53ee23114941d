// UI basics of issue 2: German and English (from the browser language, switchable, remembered),
// keyboard use from the room link to knocking, accessible names on every control, no requests to
// third parties, and no horizontal scrolling at phone width with the main controls in view.
import type { Page } from 'playwright-core';
import { describe, expect, onTestFinished, test } from 'vitest';
import { issueSetupLink } from '../server/accounts/setup.js';
import { controlsOf, unnamedControls } from './harness/a11y.js';
import type { Participant } from './harness/browser.js';
import { openCustomParticipant } from './harness/browsers.js';
import type { CustomContext } from './harness/browsers.js';
import { rtcConfigs, waitForCall } from './harness/media.js';
import { admit, enterAsHost, knock, knockEntry, openPrejoin } from './harness/lounge.js';
import { createTestMachine } from './harness/machines.js';
import { Scene, useBrowser } from './harness/scene.js';
import { TestServer } from './harness/server.js';
import { uiText } from './harness/texts.js';
import { waitFor } from './harness/wait.js';

const PHONE = { width: 390, height: 844 };

/** A fresh server without an owner, and its one-time setup link. */
async function freshInstallation(): Promise<{ server: TestServer; setupLink: string }> {
  const server = await TestServer.start();
  onTestFinished(() => server.dispose());
  const setupLink = await issueSetupLink(server.nahbar.db, server.url);
  if (!setupLink) throw new Error('a fresh server must need its setup');
  return { server, setupLink };
}

async function htmlLang(page: Page): Promise<string | null> {
  return page.locator('html').getAttribute('lang');
}

/** Every URL the context requests, WebSockets included. */
function recordRequests(p: Participant): string[] {
  const urls: string[] = [];
  p.context.on('request', (request) => urls.push(request.url()));
  p.page.on('websocket', (socket) => urls.push(socket.url()));
  return urls;
}

/** The URLs whose host is not the server's (data: and blob: URLs are local to the page). */
function foreign(urls: string[], serverUrl: string): string[] {
  const own = new URL(serverUrl).host;
  return urls.filter((raw) => {
    const url = new URL(raw);
    if (url.protocol === 'data:' || url.protocol === 'blob:') return false;
    return url.host !== own;
  });
}

/** What sticks out of the viewport to the right, and whether the page scrolls sideways. */
async function horizontalOverflow(page: Page): Promise<{ scrolls: boolean; offenders: string[] }> {
  return page.evaluate(() => {
    interface El {
      tagName: string;
      className: unknown;
      getAttribute(name: string): string | null;
      getBoundingClientRect(): { right: number; width: number };
      checkVisibility(): boolean;
    }
    const doc = globalThis as unknown as {
      innerWidth: number;
      document: {
        documentElement: { scrollWidth: number; clientWidth: number };
        body: { scrollWidth: number };
        querySelectorAll(selector: string): Iterable<El>;
      };
    };
    const width = doc.innerWidth;
    const { documentElement, body } = doc.document;
    const offenders = [...doc.document.querySelectorAll('body *')]
      .filter((el) => el.checkVisibility() && el.getBoundingClientRect().right > width + 1)
      .map(
        (el) =>
          `${el.tagName.toLowerCase()}.${String(el.className)}[${el.getAttribute('data-testid') ?? ''}] right=${Math.round(el.getBoundingClientRect().right)}`,
      )
      .slice(0, 10);
    const scrolls =
      documentElement.scrollWidth > documentElement.clientWidth || body.scrollWidth > width;
    return { scrolls, offenders };
  });
}

/** Expects the element to be visible and entirely inside the viewport (after scrolling to it). */
async function expectInView(page: Page, testId: string, scroll: boolean): Promise<void> {
  const element = page.getByTestId(testId).first();
  if (scroll) await element.scrollIntoViewIfNeeded();
  expect(await element.isVisible(), `${testId} visible`).toBe(true);
  const box = await element.boundingBox();
  const viewport = page.viewportSize() ?? PHONE;
  expect(box, `${testId} has a box`).not.toBeNull();
  if (!box) return;
  expect(box.x, `${testId} left edge`).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width, `${testId} right edge`).toBeLessThanOrEqual(viewport.width + 0.5);
  expect(box.y, `${testId} top edge`).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height, `${testId} bottom edge`).toBeLessThanOrEqual(viewport.height + 0.5);
}

/** The data-testid of the focused element ("" when it has none). */
async function focusedTestId(page: Page): Promise<string> {
  return String(await page.evaluate('document.activeElement?.getAttribute("data-testid") ?? ""'));
}

/** Presses Tab until the element with `testId` has the focus, at most `max` times. */
async function tabTo(page: Page, testId: string, max = 60): Promise<void> {
  const path: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const now = await focusedTestId(page);
    if (now === testId) return;
    path.push(now || '?');
  }
  throw new Error(`Tab did not reach ${testId}; focus went ${path.join(' → ')}`);
}

describe('UI basics', () => {
  const browser = useBrowser();

  const open = (scene: Scene | TestServer, name: string, opts: CustomContext = {}) =>
    openCustomParticipant(browser(), scene instanceof Scene ? scene.server : scene, name, opts);

  test('a German browser gets German pages, and switching to English sticks after a reload', async () => {
    const scene = await Scene.start(browser());
    // Without the probe, which would pin the language to English.
    const guest = await open(scene, 'Greta Deutsch', { locale: 'de-DE', probe: false });
    const de = (key: string) => uiText('de', 'lounge', key);
    const en = (key: string) => uiText('en', 'lounge', key);

    await openPrejoin(guest, scene.room.handle);
    expect(await htmlLang(guest.page)).toBe('de');
    expect(await guest.page.getByTestId('prejoin-join').textContent()).toBe(de('prejoin.knock'));
    await guest.page.getByLabel(de('prejoin.name'), { exact: true }).waitFor();

    await guest.page.goto('/login');
    const heading = guest.page.getByRole('heading', { level: 1 });
    await expect.poll(() => heading.textContent()).toBe(uiText('de', 'accounts', 'login.title'));

    await guest.page
      .getByLabel(uiText('de', 'common', 'language'), { exact: true })
      .selectOption('en');
    await expect.poll(() => heading.textContent()).toBe(uiText('en', 'accounts', 'login.title'));
    expect(await htmlLang(guest.page)).toBe('en');

    await guest.page.reload();
    await expect.poll(() => heading.textContent()).toBe(uiText('en', 'accounts', 'login.title'));
    expect(await htmlLang(guest.page)).toBe('en');
    await openPrejoin(guest, scene.room.handle);
    await expect
      .poll(() => guest.page.getByTestId('prejoin-join').textContent())
      .toBe(en('prejoin.knock'));

    // And back to German on the pre-join page itself.
    await guest.page
      .getByLabel(uiText('en', 'common', 'language'), { exact: true })
      .selectOption('de');
    await expect
      .poll(() => guest.page.getByTestId('prejoin-join').textContent())
      .toBe(de('prejoin.knock'));
    await guest.page.reload();
    await guest.page.getByTestId('prejoin').waitFor();
    expect(await guest.page.getByTestId('prejoin-join').textContent()).toBe(de('prejoin.knock'));
  });

  test('a guest gets from the room link to knocking with the keyboard only', async () => {
    const scene = await Scene.start(browser());
    const host = await scene.host();
    const guest = await scene.join('Kai Keyboard');
    await enterAsHost(host, scene.room.handle);
    await openPrejoin(guest, scene.room.handle);

    const focused = () =>
      guest.page.evaluate(() => {
        const el = (
          globalThis as unknown as {
            document: {
              activeElement: {
                tagName: string;
                getAttribute(n: string): string | null;
                textContent: string | null;
              } | null;
            };
          }
        ).document.activeElement;
        return el
          ? `${el.tagName.toLowerCase()}[${el.getAttribute('data-testid') ?? ''}] ${(el.textContent ?? '').slice(0, 30)}`
          : '';
      });
    const path: string[] = [];
    await waitFor(
      'Tab to reach the name field',
      async () => {
        await guest.page.keyboard.press('Tab');
        const now = await focused();
        path.push(now);
        if (path.length > 30)
          throw new Error(`name field not reached; focus went ${path.join(' → ')}`);
        return now.startsWith('input[prejoin-name]');
      },
      { interval: 0 },
    );
    await guest.page.keyboard.type(guest.name);
    await guest.page.keyboard.press('Enter');

    await guest.page.getByTestId('lobby-waiting').waitFor();
    await knockEntry(host, guest.name).waitFor();
  });

  test('every visible control of the pre-join, call, login, setup and seller pages has an accessible name', async () => {
    const scene = await Scene.start(browser());
    const host = await scene.host();
    const guest = await scene.join('Lea Label');
    const waiting = await scene.join('Willi Waiting');

    await openPrejoin(guest, scene.room.handle);
    await guest.page.getByTestId('prejoin-camera-select').locator('option').first().waitFor({
      state: 'attached',
    });
    const prejoin = await controlsOf(guest.page);
    expect(prejoin.length).toBeGreaterThanOrEqual(8);
    expect(await unnamedControls(guest.page), 'pre-join page').toEqual([]);

    await enterAsHost(host, scene.room.handle);
    await knock(guest, scene.room.handle);
    await admit(host, guest.name);
    await guest.page.getByTestId('call').waitFor();
    await knock(waiting, scene.room.handle);
    await knockEntry(host, waiting.name).waitFor();
    await knockEntry(host, waiting.name).getByTestId('hold').click();
    await host.page.getByTestId('hold-message').waitFor();
    const call = await controlsOf(host.page);
    // The knock's buttons, the hold form, mode select, chat and the call controls are all there.
    expect(call.length).toBeGreaterThanOrEqual(12);
    expect(await unnamedControls(host.page), "host's call view with a knock").toEqual([]);
    expect(await unnamedControls(guest.page), "guest's call view").toEqual([]);
    expect(await unnamedControls(waiting.page), 'waiting page').toEqual([]);

    const visitor = await open(scene, 'Vera Visitor');
    await visitor.page.goto('/login');
    await visitor.page
      .getByRole('button', { name: uiText('en', 'accounts', 'login.submit') })
      .waitFor();
    expect(await unnamedControls(visitor.page), 'login page').toEqual([]);

    // The seller's relationship pages, with a contact on them.
    const { contact } = (await scene.owner.http.post('/api/contacts', {
      name: 'Nils Named',
      emails: ['nils@example.test'],
      phones: ['0171 7654321'],
    })) as { contact: { id: string } };
    const sellerPages: [string, string][] = [
      ['/today', 'today-entry'],
      ['/contacts', 'contact-search'],
      ['/contacts/import', 'import-file'],
      ['/contacts/cadences', 'cadence-list'],
      [`/contacts/${contact.id}`, 'log-call'],
    ];
    for (const [path, testId] of sellerPages) {
      await host.page.goto(path);
      await host.page.getByTestId(testId).first().waitFor({ state: 'attached' });
      expect(await unnamedControls(host.page), path).toEqual([]);
    }

    // The booking pages: the seller's (bookings, hours and meeting types with the form open,
    // outbox) and the guest's booking page with its slots.
    await host.page.goto('/booking/settings');
    await host.page.getByTestId('booking-settings-save').click();
    await host.page.getByTestId('booking-settings-saved').waitFor();
    await host.page.getByTestId('meeting-type-new').click();
    await host.page.getByTestId('meeting-type-form').waitFor();
    expect(await unnamedControls(host.page), '/booking/settings').toEqual([]);
    await host.page.getByTestId('meeting-type-name').fill('Kennenlernen');
    await host.page.getByTestId('meeting-type-save').click();
    await host.page.getByTestId('meeting-type').first().waitFor();
    const bookingPages: [string, string][] = [
      ['/booking', 'bookings-empty'],
      ['/booking/outbox', 'outbox-empty'],
    ];
    for (const [path, testId] of bookingPages) {
      await host.page.goto(path);
      await host.page.getByTestId(testId).waitFor();
      expect(await unnamedControls(host.page), path).toEqual([]);
    }
    const visitorOfPage = await scene.join('Bea Bookerin');
    await visitorOfPage.page.goto(`/book/${scene.room.handle}`);
    await visitorOfPage.page.locator('[data-testid^="booking-slot-"]').first().waitFor();
    expect(await unnamedControls(visitorOfPage.page), '/book/:handle').toEqual([]);

    // The machine pages: the list with the new-machine form and its customer search, and a
    // machine with readings, a device and the form for a reading's meaning open.
    const machine = await createTestMachine(scene.owner, {
      company: 'Named Maschinenbau GmbH',
      contact: 'Nora Named',
      machine: 'Named press',
      readings: [{ temperature: 21.5 }, { temperature: 22 }],
    });
    await host.page.goto('/machines');
    await host.page.getByTestId('machine-list').waitFor();
    await host.page.getByTestId('new-machine').click();
    await host.page.getByTestId('machine-customer-search').fill('Named');
    await host.page.getByTestId('customer-choose').first().waitFor();
    expect(await unnamedControls(host.page), '/machines').toEqual([]);
    await host.page.goto(`/machines/${machine.machineId}`);
    await host.page.getByTestId('machine-chart-plot').first().waitFor();
    await host.page.getByTestId('key-edit').first().click();
    await host.page.getByTestId('key-save').waitFor();
    expect(await unnamedControls(host.page), '/machines/:id').toEqual([]);

    const fresh = await freshInstallation();
    const owner = await open(fresh.server, 'Sam Setup');
    await owner.page.goto(fresh.setupLink);
    await owner.page
      .getByRole('button', { name: uiText('en', 'accounts', 'setup.submit') })
      .waitFor();
    expect(await unnamedControls(owner.page), 'setup page').toEqual([]);
  });

  test('every request of the lounge, login and setup pages goes to the Nahbar server itself', async () => {
    const scene = await Scene.start(browser());
    const host = await open(scene, scene.owner.name, { user: scene.owner });
    const guest = await open(scene, 'Otto Origin');
    const urls = [host, guest].map(recordRequests);

    await enterAsHost(host, scene.room.handle);
    await knock(guest, scene.room.handle);
    await knockEntry(host, guest.name).waitFor();
    await admit(host, guest.name);
    await guest.page.getByTestId('call').waitFor();
    await Promise.all([waitForCall(host.page, 1), waitForCall(guest.page, 1)]);
    // The seller's own pages load lazily: visit them too.
    const { contact } = (await scene.owner.http.post('/api/contacts', {
      name: 'Rita Request',
      phones: ['0171 1234567'],
    })) as { contact: { id: string } };
    for (const path of [
      '/',
      '/rooms',
      '/team',
      '/today',
      '/contacts',
      '/contacts/import',
      '/contacts/cadences',
      `/contacts/${contact.id}`,
    ]) {
      await host.page.goto(path);
      await host.page.getByRole('heading', { level: 1 }).first().waitFor();
    }
    // The machine page loads its chart code (uPlot and its CSS) lazily as well.
    const machine = await createTestMachine(scene.owner, {
      company: 'Request Maschinenbau GmbH',
      contact: 'Rolf Request',
      machine: 'Request press',
      readings: [{ temperature: 21.5 }],
    });
    await host.page.goto('/machines');
    await host.page.getByTestId('machine-list').waitFor();
    await host.page.goto(`/machines/${machine.machineId}`);
    await host.page.getByTestId('machine-chart-plot').first().waitFor();
    const visitor = await open(scene, 'Vera Visitor');
    urls.push(recordRequests(visitor));
    await visitor.page.goto('/login');
    await visitor.page
      .getByRole('button', { name: uiText('en', 'accounts', 'login.submit') })
      .waitFor();
    await visitor.page.goto('/r/no-such-room');
    await visitor.page.getByTestId('room-not-found').waitFor();

    const fresh = await freshInstallation();
    const owner = await open(fresh.server, 'Sam Setup');
    const setupUrls = recordRequests(owner);
    await owner.page.goto(fresh.setupLink);
    await owner.page
      .getByRole('button', { name: uiText('en', 'accounts', 'setup.submit') })
      .waitFor();

    const all = urls.flat();
    expect(all.length).toBeGreaterThan(10);
    expect(all.some((u) => u.startsWith('ws:'))).toBe(true);
    expect(foreign(all, scene.server.url)).toEqual([]);
    expect(foreign(setupUrls, fresh.server.url)).toEqual([]);
    // No STUN or TURN server elsewhere either.
    const iceUrls = (await rtcConfigs(guest.page))
      .flatMap((c) => c.iceServers ?? [])
      .flatMap((s) => (Array.isArray(s.urls) ? s.urls : [s.urls]));
    expect(iceUrls.filter((u) => !/^(stuns?|turns?):127\.0\.0\.1(:|$|\?)/.test(u))).toEqual([]);
  });

  test('at phone width the pre-join page, the call view and the seller pages do not scroll sideways, and the call keeps its controls in view', async () => {
    const scene = await Scene.start(browser());
    const phone: CustomContext = { viewport: PHONE, mobile: true };
    const host = await open(scene, scene.owner.name, { ...phone, user: scene.owner });
    const guest = await open(scene, 'Phil Phone', phone);

    await openPrejoin(guest, scene.room.handle);
    await guest.page.getByTestId('prejoin-camera-select').locator('option').first().waitFor({
      state: 'attached',
    });
    expect(await horizontalOverflow(guest.page), 'pre-join page').toEqual({
      scrolls: false,
      offenders: [],
    });
    for (const id of ['prejoin-preview', 'prejoin-name', 'prejoin-join', 'prejoin-listener']) {
      await expectInView(guest.page, id, true);
    }

    await enterAsHost(host, scene.room.handle);
    await knock(guest, scene.room.handle);
    await knockEntry(host, guest.name).waitFor();
    // With a knock pending, the host's lobby must fit as well.
    expect(await horizontalOverflow(host.page), 'host call view with a knock').toEqual({
      scrolls: false,
      offenders: [],
    });
    await admit(host, guest.name);
    await guest.page.getByTestId('call').waitFor();
    await Promise.all([waitForCall(host.page, 1), waitForCall(guest.page, 1)]);

    for (const p of [host, guest]) {
      expect(await horizontalOverflow(p.page), `${p.name}'s call view`).toEqual({
        scrolls: false,
        offenders: [],
      });
      // The call controls stay on screen without scrolling.
      for (const id of ['toggle-mic', 'toggle-camera', 'leave']) {
        await expectInView(p.page, id, false);
      }
      await expectInView(p.page, 'connection-state', false);
    }

    // The seller's relationship pages fit a phone as well.
    const { contact } = (await scene.owner.http.post('/api/contacts', {
      name: 'Philippa Phone-Width mit einem recht langen Namen',
      companyName: 'Präzisionsmaschinenbau Oberschwaben GmbH & Co. KG',
      phones: ['0171 1112223'],
      family: 'Zwei Kinder, ein Hund',
    })) as { contact: { id: string } };
    for (const [path, testId] of [
      ['/today', 'today-entry'],
      ['/contacts', 'contact-search'],
      ['/contacts/import', 'import-file'],
      ['/contacts/cadences', 'cadence-list'],
      [`/contacts/${contact.id}`, 'log-call'],
    ] as const) {
      await host.page.goto(path);
      await host.page.getByTestId(testId).first().waitFor({ state: 'attached' });
      expect(await horizontalOverflow(host.page), path).toEqual({ scrolls: false, offenders: [] });
    }

    // The machine pages too: the list, the charts, and a freshly issued token with its examples.
    const machine = await createTestMachine(scene.owner, {
      company: 'Präzisionsmaschinenbau Oberschwaben GmbH & Co. KG',
      contact: 'Paul Phone',
      machine: 'Hydraulische Presse mit Transferautomatisierung Linie 2',
      readings: [{ 'spindle.temperature.front': 21.5 }, { 'spindle.temperature.front': 22 }],
    });
    await host.page.goto('/machines');
    await host.page.getByTestId('machine-list').waitFor();
    expect(await horizontalOverflow(host.page), '/machines').toEqual({
      scrolls: false,
      offenders: [],
    });
    await host.page.goto(`/machines/${machine.machineId}`);
    await host.page.getByTestId('machine-chart-plot').first().waitFor();
    await host.page.getByTestId('device-name').fill('Zweiter Sensor an der Hydraulikpumpe');
    await host.page.getByTestId('device-add').click();
    await host.page.getByTestId('token-box').waitFor();
    await host.page.locator('.token-box details').first().evaluate('(el) => { el.open = true; }');
    expect(await horizontalOverflow(host.page), '/machines/:id').toEqual({
      scrolls: false,
      offenders: [],
    });

    // The booking pages: the seller's hours and meeting types, and the guest's booking page
    // with its days, times and the form, which guests mostly open on their phones.
    await host.page.goto('/booking/settings');
    await host.page.getByTestId('booking-settings-save').click();
    await host.page.getByTestId('booking-settings-saved').waitFor();
    await host.page.getByTestId('meeting-type-new').click();
    await host.page.getByTestId('meeting-type-name').fill('Vorführung der Transferautomatisierung');
    await host.page.getByTestId('meeting-type-save').click();
    await host.page.getByTestId('meeting-type').first().waitFor();
    expect(await horizontalOverflow(host.page), '/booking/settings').toEqual({
      scrolls: false,
      offenders: [],
    });
    await guest.page.goto(`/book/${scene.room.handle}`);
    const slot = guest.page.locator('[data-testid^="booking-slot-"]').first();
    await slot.waitFor();
    expect(await horizontalOverflow(guest.page), '/book/:handle').toEqual({
      scrolls: false,
      offenders: [],
    });
    await slot.click();
    await guest.page.getByTestId('booking-name').waitFor();
    expect(await horizontalOverflow(guest.page), '/book/:handle form').toEqual({
      scrolls: false,
      offenders: [],
    });
  });

  test('a seller switches the chart range and provisions a device with the keyboard only', async () => {
    const scene = await Scene.start(browser());
    const host = await open(scene, scene.owner.name, { user: scene.owner });
    const machine = await createTestMachine(scene.owner, {
      company: 'Keyboard Maschinenbau GmbH',
      contact: 'Kira Keys',
      machine: 'Keyboard press',
      readings: [{ temperature: 21.5 }],
    });
    await host.page.goto(`/machines/${machine.machineId}`);
    await host.page.getByTestId('machine-chart-plot').first().waitFor();

    await tabTo(host.page, 'range-24h');
    await host.page.keyboard.press('Enter');
    await expect
      .poll(() => host.page.getByTestId('range-24h').getAttribute('aria-pressed'))
      .toBe('true');
    expect(host.page.url()).toMatch(/[?&]range=24h/);

    await tabTo(host.page, 'device-name');
    await host.page.keyboard.type('Keyboard sensor');
    await host.page.keyboard.press('Tab');
    expect(await focusedTestId(host.page)).toBe('device-interval');
    await host.page.keyboard.press('Enter');
    await host.page.getByTestId('token-box').waitFor();
    // The token is what matters now: focus moves to it, and the copy button is next.
    await expect.poll(() => focusedTestId(host.page)).toBe('token-box-title');
    await tabTo(host.page, 'device-token-copy', 4);
    await tabTo(host.page, 'token-done');
    await host.page.keyboard.press('Enter');
    await expect.poll(() => host.page.getByTestId('token-box').count()).toBe(0);
  });
});
