// Proof 5: a screen share arrives at the other side and is shown large.
import { describe, expect, test } from 'vitest';
import { tiles, waitForCall, waitForFlowingMedia, waitForPlayingTile } from './harness/media.js';
import { enterAsHost, knockAndAdmit } from './harness/lounge.js';
import { Scene, useBrowser } from './harness/scene.js';

describe('screen share', () => {
  const browser = useBrowser();

  test('the host shares the screen and the guest decodes it in a large tile', async () => {
    const scene = await Scene.start(browser());
    const host = await scene.host();
    const guest = await scene.join('Sabine Screen');
    await enterAsHost(host, scene.room.handle);
    await knockAndAdmit(host, guest, scene.room.handle);
    await waitForCall(guest.page, 1);

    const share = host.page.getByTestId('toggle-screen');
    await share.click();
    await expect.poll(() => share.getAttribute('aria-pressed')).toBe('true');

    // Camera and screen: two video streams from the one peer keep decoding.
    await waitForFlowingMedia(guest.page, { kind: 'video', peers: 1, streams: 2 });
    const screen = await waitForPlayingTile(
      guest.page,
      (t) => t.kind === 'screen' && t.stage === 'true',
      "the host's screen on the guest's stage",
    );
    expect(screen.peerName).toBe(host.name);

    await share.click();
    await expect.poll(() => share.getAttribute('aria-pressed')).toBe('false');
    await expect
      .poll(async () => (await tiles(guest.page)).filter((t) => t.kind === 'screen').length)
      .toBe(0);
  });
});
