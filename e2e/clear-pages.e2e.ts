// Proof 3: a wrong room link gets a clear page (and HTTP 404), holding shows the host's message
// to the guest, and a locked room says so.
import { describe, expect, test } from 'vitest';
import { HttpClient } from './harness/http.js';
import { admit, enterAsHost, hold, knock, knockEntry, openRoomLink } from './harness/lounge.js';
import { Scene, useBrowser } from './harness/scene.js';

describe('clear pages', () => {
  const browser = useBrowser();

  test('a wrong room link shows the not-found page and the HTML answers 404', async () => {
    const scene = await Scene.start(browser());
    const http = new HttpClient(scene.server.url);
    const res = await http.send('GET', '/r/no-such-lounge', { accept: 'text/html' });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const api = await http.send('GET', '/api/rooms/public/no-such-lounge', {
      accept: 'application/json',
    });
    expect(api.status).toBe(404);
    expect(((await api.json()) as { error?: { code?: string } }).error?.code).toBe(
      'room_not_found',
    );

    const guest = await scene.join('Lost Guest');
    const response = await openRoomLink(guest, 'no-such-lounge');
    expect(response?.status()).toBe(404);
    await guest.page.getByTestId('room-not-found').waitFor();
    expect(await guest.page.getByTestId('prejoin').count()).toBe(0);
  });

  test('holding a guest with a message shows that message, and admitting lets them in', async () => {
    const scene = await Scene.start(browser());
    const host = await scene.host();
    const guest = await scene.join('Hanna Held');
    await enterAsHost(host, scene.room.handle);
    await knock(guest, scene.room.handle);
    await knockEntry(host, guest.name).waitFor();

    const message = 'Still with a customer, 2 minutes please';
    await hold(host, guest.name, message);
    const shown = guest.page.getByTestId('lobby-held-message');
    await shown.waitFor();
    expect(await shown.textContent()).toContain(message);

    await admit(host, guest.name);
    await guest.page.getByTestId('call').waitFor();
  });

  test('a locked room tells a new guest that it is locked', async () => {
    const scene = await Scene.start(browser());
    const host = await scene.host();
    const guest = await scene.join('Lukas Locked');
    await enterAsHost(host, scene.room.handle);
    await host.page.getByTestId('mode-select').selectOption('locked');
    await expect.poll(async () => (await scene.owner.personalRoom()).mode).toBe('locked');

    await knock(guest, scene.room.handle);
    await guest.page.getByTestId('room-locked').waitFor();
    expect(await host.page.getByTestId('knock').count()).toBe(0);
  });
});
