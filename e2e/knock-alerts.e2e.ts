// Host alert: every one of several simultaneous knocks reaches the host (one lobby entry, one
// notification each and the count in the tab title), also while the host shares the screen.
import { describe, expect, test } from 'vitest';
import type { Participant } from './harness/browser.js';
import { notifications } from './harness/media.js';
import { admit, enterAsHost, hold, knock, knockEntry, reject, title } from './harness/lounge.js';
import { Scene, useBrowser } from './harness/scene.js';
import { waitFor } from './harness/wait.js';

async function waitForBadge(host: Participant, count: number | null): Promise<void> {
  const badge = count === null ? null : `(${count})`;
  await waitFor(`the host's title badge to be ${badge ?? 'gone'}`, async () => {
    const text = await title(host);
    return badge === null ? !/^\(\d+\)/.test(text) : text.startsWith(badge);
  });
}

async function knockTogether(guests: Participant[], handle: string): Promise<void> {
  await Promise.all(guests.map((g) => knock(g, handle)));
  await Promise.all(guests.map((g) => g.page.getByTestId('lobby-waiting').waitFor()));
}

describe('knock alerts', () => {
  const browser = useBrowser();

  test('three simultaneous knocks each get a lobby entry and count in the title badge', async () => {
    const scene = await Scene.start(browser());
    const host = await scene.host();
    const guests = [
      await scene.join('Anna Knock'),
      await scene.join('Bernd Knock'),
      await scene.join('Carla Knock'),
    ];
    await enterAsHost(host, scene.room.handle);
    await waitForBadge(host, null);

    await knockTogether(guests, scene.room.handle);
    for (const guest of guests) await knockEntry(host, guest.name).waitFor();
    await expect.poll(() => host.page.getByTestId('knock').count()).toBe(3);
    await waitForBadge(host, 3);
    // One system notification per knock, each naming its guest.
    const shown = await notifications(host.page);
    for (const guest of guests) {
      expect(shown.filter((text) => text.includes(guest.name))).toHaveLength(1);
    }

    const [anna, bernd, carla] = guests as [Participant, Participant, Participant];
    await admit(host, anna.name);
    await waitForBadge(host, 2);
    await reject(host, bernd.name);
    await bernd.page.getByTestId('lobby-rejected').waitFor();
    await waitForBadge(host, 1);
    await hold(host, carla.name, '2 minutes, please');
    await carla.page.getByTestId('lobby-held-message').waitFor();
    await admit(host, carla.name);
    await carla.page.getByTestId('call').waitFor();
    await waitForBadge(host, null);
    expect(await host.page.getByTestId('knock').count()).toBe(0);
  });

  test('knocks arriving while the host shares the screen are all shown', async () => {
    const scene = await Scene.start(browser());
    const host = await scene.host();
    const guests = [await scene.join('Dora Knock'), await scene.join('Emil Knock')];
    await enterAsHost(host, scene.room.handle);
    const share = host.page.getByTestId('toggle-screen');
    await share.click();
    await expect.poll(() => share.getAttribute('aria-pressed')).toBe('true');

    await knockTogether(guests, scene.room.handle);
    for (const guest of guests) await knockEntry(host, guest.name).waitFor();
    await waitForBadge(host, 2);
  });
});
