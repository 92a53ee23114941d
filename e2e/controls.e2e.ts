// In-call controls: muting and turning the camera off change what the other side receives (and
// what its tile shows), `aria-pressed` follows each toggle, and leaving ends the call on that page
// while the other page sees the participant go.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import type { Participant } from './harness/browser.js';
import { waitForCall, waitForFlowingMedia, waitForPlayingTile } from './harness/media.js';
import { enterAsHost, knockAndAdmit } from './harness/lounge.js';
import { Scene, useBrowser } from './harness/scene.js';
import { rtpTotal, sendingTracks, tap, tapConnections } from './harness/tap.js';
import { uiText } from './harness/texts.js';
import { waitFor } from './harness/wait.js';

type Measure = (page: Page) => Promise<number>;

/** Received audio energy (what was played out) over all connections of the page. */
const audioEnergy: Measure = (page) => rtpTotal(page, 'inbound', 'audio', 'audioEnergy');
/** Decoded video frames over all connections of the page. */
const videoFrames: Measure = (page) => rtpTotal(page, 'inbound', 'video', 'frames');

/** How much `measure` grows on `page` within `ms`. */
async function growth(page: Page, measure: Measure, ms: number): Promise<number> {
  const before = await measure(page);
  await page.waitForTimeout(ms);
  return (await measure(page)) - before;
}

/** Waits until `measure` stops growing: two consecutive windows without growth. */
async function waitForStill(page: Page, measure: Measure, what: string): Promise<void> {
  let still = 0;
  await waitFor(`${what} to stop`, async () => {
    still = (await growth(page, measure, 700)) <= 1e-6 ? still + 1 : 0;
    return still >= 2;
  });
}

/** Waits until `measure` grows again. */
async function waitForGrowing(page: Page, measure: Measure, what: string): Promise<void> {
  await waitFor(`${what} to grow`, async () => (await growth(page, measure, 700)) > 0);
}

function cameraTile(p: Participant, name: string) {
  return p.page.locator(
    `[data-testid="tile"][data-kind="camera"][data-peer-name=${JSON.stringify(name)}]`,
  );
}

async function pressed(p: Participant, testId: string): Promise<string | null> {
  return p.page.getByTestId(testId).getAttribute('aria-pressed');
}

async function startCall(scene: Scene): Promise<[Participant, Participant]> {
  const host = await scene.host();
  const guest = await scene.join('Mia Mute');
  await Promise.all([tap(host), tap(guest)]);
  await enterAsHost(host, scene.room.handle);
  await knockAndAdmit(host, guest, scene.room.handle);
  await Promise.all([waitForCall(host.page, 1), waitForCall(guest.page, 1)]);
  return [host, guest];
}

describe('call controls', () => {
  const browser = useBrowser();
  const muted = uiText('en', 'lounge', 'call.muted');

  test('muting silences the guest for the host and unmuting brings the sound back', async () => {
    const scene = await Scene.start(browser());
    const [host, guest] = await startCall(scene);
    const tile = cameraTile(host, guest.name);
    expect(await pressed(guest, 'toggle-mic')).toBe('true');
    await waitForGrowing(host.page, audioEnergy, "the guest's audio energy at the host");
    expect(await tile.textContent()).not.toContain(muted);

    await guest.page.getByTestId('toggle-mic').click();
    await expect.poll(() => pressed(guest, 'toggle-mic')).toBe('false');
    expect((await sendingTracks(guest.page)).audio).toBe(0);
    await waitForStill(host.page, audioEnergy, "the guest's audio energy at the host");
    await expect.poll(() => tile.textContent()).toContain(muted);
    // Video is untouched by the microphone.
    await waitForFlowingMedia(host.page, { kind: 'video', peers: 1 });

    await guest.page.getByTestId('toggle-mic').click();
    await expect.poll(() => pressed(guest, 'toggle-mic')).toBe('true');
    expect((await sendingTracks(guest.page)).audio).toBe(1);
    await waitForGrowing(host.page, audioEnergy, "the guest's audio energy at the host");
    await expect.poll(() => tile.textContent()).not.toContain(muted);
  });

  test('turning the camera off stops the video at the other side and turning it on restarts it', async () => {
    const scene = await Scene.start(browser());
    const [host, guest] = await startCall(scene);
    const tile = cameraTile(host, guest.name);
    expect(await pressed(guest, 'toggle-camera')).toBe('true');
    expect(await tile.locator('.tile-avatar').count()).toBe(0);

    await guest.page.getByTestId('toggle-camera').click();
    await expect.poll(() => pressed(guest, 'toggle-camera')).toBe('false');
    expect(await sendingTracks(guest.page)).toEqual({ audio: 1, video: 0 });
    await waitForStill(host.page, videoFrames, "the guest's video frames at the host");
    await expect.poll(() => tile.locator('.tile-avatar').count()).toBe(1);
    // The sound goes on while the picture is off.
    await waitForFlowingMedia(host.page, { kind: 'audio', peers: 1 });
    // The guest's own tile shows the camera as off too.
    await expect
      .poll(() => guest.page.locator('[data-testid="tile"][data-kind="self"] .tile-avatar').count())
      .toBe(1);

    await guest.page.getByTestId('toggle-camera').click();
    await expect.poll(() => pressed(guest, 'toggle-camera')).toBe('true');
    expect(await sendingTracks(guest.page)).toEqual({ audio: 1, video: 1 });
    await waitForGrowing(host.page, videoFrames, "the guest's video frames at the host");
    await expect.poll(() => tile.locator('.tile-avatar').count()).toBe(0);
    await waitForPlayingTile(
      host.page,
      (t) => t.kind === 'camera' && t.peerName === guest.name,
      "the guest's tile after the camera came back",
    );
  });

  test('leaving ends the call on that page and the other page sees the participant go', async () => {
    const scene = await Scene.start(browser());
    const [host, guest] = await startCall(scene);
    await cameraTile(host, guest.name).waitFor();

    await guest.page.getByTestId('leave').click();
    await guest.page.getByTestId('left').waitFor();
    expect(await guest.page.getByTestId('call').count()).toBe(0);
    // Everything on the leaving page is closed: no live connection, no sending track.
    await expect.poll(async () => (await tapConnections(guest.page)).length).toBe(0);

    await cameraTile(host, guest.name).waitFor({ state: 'detached' });
    await expect.poll(async () => (await tapConnections(host.page)).length).toBe(0);
    expect(await host.page.getByTestId('call').count()).toBe(1);
    await expect
      .poll(() => host.page.getByTestId('call').textContent())
      .toContain(uiText('en', 'lounge', 'call.alone'));
  });
});
