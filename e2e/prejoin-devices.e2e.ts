// The pre-join page's devices: preview, level meter and remembered pickers (falling back to the
// default when a remembered device is gone) with Chromium's fake devices; real "missing" errors
// in a Chromium without fake devices, where the guest still joins as listener; real "denied"
// errors where the permission prompt is refused; and joining with camera off.
// A "busy" device (NotReadableError) cannot be produced for real in headless Chromium here; its
// classification is covered by client/call/deviceErrors.test.ts.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import type { Participant } from './harness/browser.js';
import { openCustomParticipant, useBrowserWith } from './harness/browsers.js';
import { waitForCall, waitForFlowingMedia } from './harness/media.js';
import { admit, enterAsHost, knockEntry, openPrejoin } from './harness/lounge.js';
import { Scene, useBrowser } from './harness/scene.js';
import { rtpTotal, sendingTracks, tap } from './harness/tap.js';
import { uiText } from './harness/texts.js';
import { waitFor } from './harness/wait.js';

interface PreviewState {
  videoWidth: number;
  /** Label of the previewed camera track ('' when there is none). */
  label: string;
}

function previewState(page: Page): Promise<PreviewState> {
  return page.getByTestId('prejoin-preview').evaluate((el) => {
    const video = el as unknown as {
      videoWidth: number;
      srcObject: { getVideoTracks(): { label: string }[] } | null;
    };
    return {
      videoWidth: video.videoWidth,
      label: video.srcObject?.getVideoTracks()[0]?.label ?? '',
    };
  });
}

async function optionLabels(page: Page, testId: string): Promise<string[]> {
  return page.getByTestId(testId).locator('option').allTextContents();
}

async function selectedLabel(page: Page, testId: string): Promise<string | null> {
  return page.getByTestId(testId).locator('option:checked').textContent();
}

/** Samples the meter's aria-valuenow for a while and returns the distinct values seen. */
async function meterValues(page: Page, samples = 25, intervalMs = 120): Promise<number[]> {
  const seen = new Set<number>();
  for (let i = 0; i < samples; i++) {
    seen.add(Number(await page.getByTestId('prejoin-meter').getAttribute('aria-valuenow')));
    await page.waitForTimeout(intervalMs);
  }
  return [...seen];
}

/** The guest knocks with one of the pre-join buttons, and the host admits them. */
async function joinWith(
  host: Participant,
  guest: Participant,
  button: 'prejoin-join' | 'prejoin-camera-off' | 'prejoin-listener',
): Promise<void> {
  await guest.page.getByTestId('prejoin-name').fill(guest.name);
  await guest.page.getByTestId(button).click();
  await guest.page.getByTestId('lobby-waiting').waitFor();
  await knockEntry(host, guest.name).waitFor();
  await admit(host, guest.name);
  await guest.page.getByTestId('call').waitFor();
}

/** The host's tile of `name`, and whether it shows the avatar (video off) and the muted flag. */
async function remoteTile(host: Participant, name: string) {
  const tile = host.page.locator(
    `[data-testid="tile"][data-kind="camera"][data-peer-name=${JSON.stringify(name)}]`,
  );
  await tile.waitFor();
  return {
    avatar: await tile.locator('.tile-avatar').count(),
    text: (await tile.textContent()) ?? '',
  };
}

describe('pre-join devices', () => {
  const browser = useBrowser();
  // Two fake cameras, so that choosing one is a real choice.
  const twoCameras = useBrowserWith({ add: ['--use-fake-device-for-media-stream=device-count=2'] });
  // No fake devices: getUserMedia finds nothing (NotFoundError), as on a PC without camera or mic.
  const noDevices = useBrowserWith({ drop: ['--use-fake-device-for-media-stream'] });
  // Fake devices, but the camera is to play a file that does not exist: no camera, a working mic.
  const noCamera = useBrowserWith({
    add: ['--use-file-for-fake-video-capture=/nonexistent/nahbar-no-camera.y4m'],
  });
  // No auto-accepting fake UI and prompts refused: getUserMedia answers NotAllowedError.
  const denying = useBrowserWith({
    drop: ['--use-fake-ui-for-media-stream'],
    add: ['--deny-permission-prompts'],
  });

  test('the preview plays, the meter moves and the pickers list the fake devices', async () => {
    const scene = await Scene.start(twoCameras());
    const guest = await openCustomParticipant(twoCameras(), scene.server, 'Paula Preview');
    await openPrejoin(guest, scene.room.handle);

    const preview = await waitFor('the camera preview to play', async () => {
      const state = await previewState(guest.page);
      return state.videoWidth > 0 ? state : undefined;
    });
    expect(preview.label).toMatch(/^fake_device_/);
    const levels = await meterValues(guest.page);
    expect(levels.length, `meter values seen: ${levels.join(', ')}`).toBeGreaterThan(1);
    expect(Math.max(...levels)).toBeGreaterThan(0);

    await expect
      .poll(() => optionLabels(guest.page, 'prejoin-camera-select'))
      .toEqual(expect.arrayContaining(['fake_device_0', 'fake_device_1']));
    expect(await optionLabels(guest.page, 'prejoin-mic-select')).toEqual(
      expect.arrayContaining(['Fake Audio Input 1', 'Fake Audio Input 2']),
    );
    expect(await guest.page.getByTestId('device-error').count()).toBe(0);
  });

  test('a chosen camera and microphone are used, and are still chosen after a reload', async () => {
    const scene = await Scene.start(twoCameras());
    const guest = await openCustomParticipant(twoCameras(), scene.server, 'Rita Remember');
    await openPrejoin(guest, scene.room.handle);
    const first = await waitFor('the camera preview to play', async () => {
      const state = await previewState(guest.page);
      return state.videoWidth > 0 ? state : undefined;
    });
    await expect
      .poll(() => optionLabels(guest.page, 'prejoin-mic-select'))
      .toContain('Fake Audio Input 2');

    const camera = first.label === 'fake_device_1' ? 'fake_device_0' : 'fake_device_1';
    const mic = 'Fake Audio Input 2';
    await guest.page.getByTestId('prejoin-camera-select').selectOption({ label: camera });
    await guest.page.getByTestId('prejoin-mic-select').selectOption({ label: mic });
    // The pickers show the device actually opened (from the track's settings), so they must
    // still show the choice once the new tracks are open, and the preview must come from it.
    const expectInUse = async (when: string) => {
      await waitFor(`${when}: the preview to come from ${camera}`, async () => {
        const state = await previewState(guest.page);
        if (state.label !== camera)
          throw new Error(`the preview shows ${state.label || 'nothing'}`);
        return state.videoWidth > 0;
      });
      await expect.poll(() => selectedLabel(guest.page, 'prejoin-camera-select')).toBe(camera);
      await expect.poll(() => selectedLabel(guest.page, 'prejoin-mic-select')).toBe(mic);
    };
    await expectInUse('after choosing');

    await guest.page.reload();
    await guest.page.getByTestId('prejoin').waitFor();
    await expectInUse('after the reload');
  });

  test('a remembered camera and microphone that are gone fall back to the default devices, without an error', async () => {
    const scene = await Scene.start(twoCameras());
    const guest = await openCustomParticipant(twoCameras(), scene.server, 'Uwe Unplugged');
    await openPrejoin(guest, scene.room.handle);
    // As left by an earlier visit with devices that are unplugged now.
    const stale = { name: 'Uwe Unplugged', cameraId: 'unplugged-cam', micId: 'unplugged-mic' };
    await guest.page.evaluate((value) => {
      const page = globalThis as unknown as {
        localStorage: { setItem(key: string, value: string): void };
      };
      page.localStorage.setItem('nahbar.lounge', value);
    }, JSON.stringify(stale));
    await guest.page.reload();
    await guest.page.getByTestId('prejoin').waitFor();

    const preview = await waitFor('the camera preview to play', async () => {
      const state = await previewState(guest.page);
      return state.videoWidth > 0 ? state : undefined;
    });
    expect(preview.label).toMatch(/^fake_device_/);
    const levels = await meterValues(guest.page, 15);
    expect(Math.max(...levels), 'the microphone meter moves').toBeGreaterThan(0);
    expect(await guest.page.getByTestId('device-error').count()).toBe(0);
  });

  test('without any devices the guest reads "missing", joins as listener, receives the host and sends nothing', async () => {
    const scene = await Scene.start(browser());
    const host = await scene.host();
    await tap(host);
    const guest = await openCustomParticipant(noDevices(), scene.server, 'Lena Listener');
    await tap(guest);
    await enterAsHost(host, scene.room.handle);
    await openPrejoin(guest, scene.room.handle);

    const error = guest.page.getByTestId('device-error');
    await error.waitFor();
    await expect
      .poll(() => error.textContent())
      .toContain(uiText('en', 'lounge', 'device.camera.missing'));
    expect(await error.textContent()).toContain(uiText('en', 'lounge', 'device.mic.missing'));

    await joinWith(host, guest, 'prejoin-listener');
    await waitForCall(guest.page, 1);

    // The listener sends no track at all, and the host receives nothing from them.
    expect(await sendingTracks(guest.page)).toEqual({ audio: 0, video: 0 });
    await guest.page.waitForTimeout(1_500);
    expect(await rtpTotal(guest.page, 'outbound', 'audio', 'packets')).toBe(0);
    expect(await rtpTotal(guest.page, 'outbound', 'video', 'packets')).toBe(0);
    expect(await rtpTotal(host.page, 'inbound', 'video', 'frames')).toBe(0);
    expect(await rtpTotal(host.page, 'inbound', 'audio', 'packets')).toBe(0);
    const tile = await remoteTile(host, guest.name);
    expect(tile.avatar).toBe(1);
    expect(tile.text).toContain(uiText('en', 'lounge', 'call.muted'));
  });

  test('a missing camera alone is named as such while the microphone meter still works', async () => {
    const scene = await Scene.start(browser());
    const guest = await openCustomParticipant(noCamera(), scene.server, 'Nora Nocam');
    await openPrejoin(guest, scene.room.handle);
    const error = guest.page.getByTestId('device-error');
    await error.waitFor();
    await expect
      .poll(() => error.textContent())
      .toContain(uiText('en', 'lounge', 'device.camera.missing'));
    expect(await error.textContent()).not.toContain(uiText('en', 'lounge', 'device.mic.missing'));
    const levels = await meterValues(guest.page);
    expect(Math.max(...levels), `meter values seen: ${levels.join(', ')}`).toBeGreaterThan(0);
  });

  test('refused camera and microphone permissions show the "denied" messages', async () => {
    const scene = await Scene.start(browser());
    const guest = await openCustomParticipant(denying(), scene.server, 'Dennis Denied', {
      permissions: [],
    });
    await openPrejoin(guest, scene.room.handle);
    const error = guest.page.getByTestId('device-error');
    await error.waitFor();
    await expect
      .poll(() => error.textContent())
      .toContain(uiText('en', 'lounge', 'device.camera.denied'));
    expect(await error.textContent()).toContain(uiText('en', 'lounge', 'device.mic.denied'));
    const state = await previewState(guest.page);
    expect(state.videoWidth).toBe(0);
  });

  test('joining with the camera off sends audio but no video', async () => {
    const scene = await Scene.start(browser());
    const host = await scene.host();
    const guest = await scene.join('Carl Cameraoff');
    await Promise.all([tap(host), tap(guest)]);
    await enterAsHost(host, scene.room.handle);
    await openPrejoin(guest, scene.room.handle);
    await waitFor(
      'the camera preview to play',
      async () => (await previewState(guest.page)).videoWidth > 0,
    );

    await joinWith(host, guest, 'prejoin-camera-off');
    await waitForCall(guest.page, 1);
    await waitForFlowingMedia(host.page, { kind: 'audio', peers: 1 });
    expect(await sendingTracks(guest.page)).toEqual({ audio: 1, video: 0 });
    await guest.page.waitForTimeout(1_500);
    expect(await rtpTotal(host.page, 'inbound', 'video', 'frames')).toBe(0);
    expect(await rtpTotal(guest.page, 'outbound', 'video', 'frames')).toBe(0);
    const tile = await remoteTile(host, guest.name);
    expect(tile.avatar).toBe(1);
    expect(tile.text).not.toContain(uiText('en', 'lounge', 'call.muted'));
    expect(await guest.page.getByTestId('toggle-camera').getAttribute('aria-pressed')).toBe(
      'false',
    );
    expect(await guest.page.getByTestId('toggle-mic').getAttribute('aria-pressed')).toBe('true');
  });
});
