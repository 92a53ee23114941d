// Resilience, ICE part: after a signaling socket is dropped and the session resumed, the page
// really restarts ICE (a new offer with new ICE credentials goes through the socket, and both
// peers' descriptions carry the new ufrags), and media keeps flowing on the restarted connection.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import type { Participant } from './harness/browser.js';
import { receivedFrames, waitForCall, waitForFlowingMedia } from './harness/media.js';
import type { ProbeHost } from './harness/probe.js';
import { enterAsHost, knockAndAdmit, waitForConnectionState } from './harness/lounge.js';
import { Scene, useBrowser } from './harness/scene.js';
import { tap, tapConnections } from './harness/tap.js';
import { waitFor } from './harness/wait.js';

interface Ufrags {
  local: string;
  remote: string;
}

/** The ICE ufrags of the page's single live peer connection (one remote participant). */
async function ufrags(page: Page): Promise<Ufrags> {
  const pcs = await tapConnections(page);
  if (pcs.length !== 1) throw new Error(`expected one live peer connection, found ${pcs.length}`);
  const [pc] = pcs;
  const local = pc?.localUfrags ?? [];
  const remote = pc?.remoteUfrags ?? [];
  // With max-bundle every m-line shares one set of credentials.
  if (local.length !== 1 || remote.length !== 1) {
    throw new Error(`expected one ufrag per side, got ${local.join(',')} / ${remote.join(',')}`);
  }
  return { local: local[0] ?? '', remote: remote[0] ?? '' };
}

/** The ufrags of the SDP offers among `frames` (signal frames the page received). */
function offeredUfrags(frames: string[]): string[] {
  const found: string[] = [];
  for (const frame of frames) {
    let message: { type?: unknown; description?: { type?: unknown; sdp?: unknown } };
    try {
      message = JSON.parse(frame) as typeof message;
    } catch {
      continue;
    }
    const { description } = message;
    if (message.type !== 'signal' || description?.type !== 'offer') continue;
    if (typeof description.sdp !== 'string') continue;
    const match = /^a=ice-ufrag:(\S+)/m.exec(description.sdp);
    if (match?.[1]) found.push(match[1]);
  }
  return found;
}

function dropSignaling(page: Page): Promise<number> {
  return page.evaluate(() => (globalThis as unknown as ProbeHost).__e2e.dropSignaling());
}

async function startCall(scene: Scene): Promise<[Participant, Participant]> {
  const host = await scene.host();
  const guest = await scene.join('Ines Restart');
  await Promise.all([tap(host), tap(guest)]);
  await enterAsHost(host, scene.room.handle);
  await knockAndAdmit(host, guest, scene.room.handle);
  await Promise.all([waitForCall(host.page, 1), waitForCall(guest.page, 1)]);
  return [host, guest];
}

/** Waits until both pages use new, matching ICE credentials on their connection to each other. */
async function waitForRestartedIce(
  a: Participant,
  b: Participant,
  before: [Ufrags, Ufrags],
): Promise<[Ufrags, Ufrags]> {
  return waitFor('both peers to use new ICE credentials', async () => {
    const now: [Ufrags, Ufrags] = [await ufrags(a.page), await ufrags(b.page)];
    const [x, y] = now;
    const fresh = x.local !== before[0].local && y.local !== before[1].local;
    const matching = x.remote === y.local && y.remote === x.local;
    return fresh && matching ? now : undefined;
  });
}

async function expectMediaBothWays(host: Participant, guest: Participant): Promise<void> {
  await Promise.all([
    waitForFlowingMedia(host.page, { kind: 'video', peers: 1 }),
    waitForFlowingMedia(guest.page, { kind: 'video', peers: 1 }),
    waitForFlowingMedia(host.page, { kind: 'audio', peers: 1 }),
    waitForFlowingMedia(guest.page, { kind: 'audio', peers: 1 }),
  ]);
}

describe('ICE restart on resume', () => {
  const browser = useBrowser();

  test('a resumed guest restarts ICE with a new offer through the socket and media keeps flowing', async () => {
    const scene = await Scene.start(browser());
    const [host, guest] = await startCall(scene);
    const before: [Ufrags, Ufrags] = [await ufrags(guest.page), await ufrags(host.page)];
    expect(before[0].local).toBe(before[1].remote);
    const framesBefore = (await receivedFrames(host.page)).length;

    expect(await dropSignaling(guest.page)).toBeGreaterThan(0);
    await waitForConnectionState(guest, 'reconnecting');
    await waitForConnectionState(guest, 'connected', { timeout: 40_000 });

    const [guestNow] = await waitForRestartedIce(guest, host, before);
    // The restart offer reached the host through the signaling socket.
    const offers = offeredUfrags((await receivedFrames(host.page)).slice(framesBefore));
    expect(offers).toContain(guestNow.local);
    expect(offers).not.toContain(before[0].local);

    await expectMediaBothWays(host, guest);
    await expect
      .poll(() => host.page.getByTestId('peer-state').first().getAttribute('data-state'))
      .toBe('connected');
  });

  test('after a server restart both pages resume, ICE restarts once more and media keeps flowing', async () => {
    const scene = await Scene.start(browser());
    const [host, guest] = await startCall(scene);
    const before: [Ufrags, Ufrags] = [await ufrags(guest.page), await ufrags(host.page)];

    await scene.server.stop();
    await Promise.all([
      waitForConnectionState(host, 'reconnecting'),
      waitForConnectionState(guest, 'reconnecting'),
    ]);
    await scene.server.start();
    await Promise.all([
      waitForConnectionState(host, 'connected', { timeout: 40_000 }),
      waitForConnectionState(guest, 'connected', { timeout: 40_000 }),
    ]);

    // Both sides restart at once; perfect negotiation must settle the glare into one restart.
    await waitForRestartedIce(guest, host, before);
    await expectMediaBothWays(host, guest);
    for (const p of [host, guest]) {
      await expect
        .poll(() => p.page.getByTestId('peer-state').first().getAttribute('data-state'))
        .toBe('connected');
    }
  }, 90_000);
});
