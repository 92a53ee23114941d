// Proof 7: the call survives signaling trouble. A dropped signaling socket or a network change
// reconnects by itself without a page reload while media keeps flowing peer to peer, and so
// does a server restart in the middle of a call.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import type { Participant } from './harness/browser.js';
import { loadId, waitForCall, waitForFlowingMedia } from './harness/media.js';
import type { ProbeHost } from './harness/probe.js';
import {
  enterAsHost,
  knockAndAdmit,
  sendChat,
  waitForChat,
  waitForConnectionState,
} from './harness/lounge.js';
import { Scene, useBrowser } from './harness/scene.js';

/** Blocks new signaling sockets (they fail like an unreachable server) and closes the open ones. */
function cutSignaling(page: Page): Promise<number> {
  return page.evaluate(() => {
    const api = (globalThis as unknown as ProbeHost).__e2e;
    api.blockSignaling(true);
    return api.dropSignaling();
  });
}

function restoreSignaling(page: Page): Promise<void> {
  return page.evaluate(() => (globalThis as unknown as ProbeHost).__e2e.blockSignaling(false));
}

async function startCall(scene: Scene): Promise<[Participant, Participant]> {
  const host = await scene.host();
  const guest = await scene.join('Rudi Resilient');
  await enterAsHost(host, scene.room.handle);
  await knockAndAdmit(host, guest, scene.room.handle);
  await Promise.all([waitForCall(host.page, 1), waitForCall(guest.page, 1)]);
  return [host, guest];
}

async function expectVideoBothWays(host: Participant, guest: Participant): Promise<void> {
  await Promise.all([
    waitForFlowingMedia(host.page, { kind: 'video', peers: 1 }),
    waitForFlowingMedia(guest.page, { kind: 'video', peers: 1 }),
  ]);
}

async function expectChatBothWays(host: Participant, guest: Participant, tag: string) {
  await sendChat(guest, `guest after ${tag}`);
  await sendChat(host, `host after ${tag}`);
  for (const p of [host, guest]) {
    await waitForChat(p, `guest after ${tag}`);
    await waitForChat(p, `host after ${tag}`);
  }
}

describe('resilience', () => {
  const browser = useBrowser();

  test('a dropped signaling socket shows reconnecting, the call goes on and signaling resumes without reload', async () => {
    const scene = await Scene.start(browser());
    const [host, guest] = await startCall(scene);
    const before = await loadId(guest.page);

    expect(await cutSignaling(guest.page)).toBeGreaterThan(0);
    await waitForConnectionState(guest, 'reconnecting');
    await expect
      .poll(() => guest.page.getByTestId('connection-state').textContent())
      .toMatch(/reconnecting/i);
    await expectVideoBothWays(host, guest);

    await restoreSignaling(guest.page);
    await waitForConnectionState(guest, 'connected', { timeout: 40_000 });
    expect(await loadId(guest.page)).toBe(before);
    await expectChatBothWays(host, guest, 'the drop');
    await expectVideoBothWays(host, guest);
    await waitForConnectionState(host, 'connected');
  });

  test('going offline and online again reconnects signaling while media keeps flowing', async () => {
    const scene = await Scene.start(browser());
    const [host, guest] = await startCall(scene);
    const before = await loadId(guest.page);

    // Offline emulation fails new connections but leaves an open WebSocket alone, so drop it too.
    await guest.context.setOffline(true);
    await guest.page.evaluate(() => (globalThis as unknown as ProbeHost).__e2e.dropSignaling());
    await waitForConnectionState(guest, 'reconnecting');
    await expectVideoBothWays(host, guest);

    await guest.context.setOffline(false);
    await waitForConnectionState(guest, 'connected', { timeout: 40_000 });
    expect(await loadId(guest.page)).toBe(before);
    await expectChatBothWays(host, guest, 'the network change');
    await expectVideoBothWays(host, guest);
  });

  test('a server restart mid-call keeps media flowing and both clients reconnect', async () => {
    const scene = await Scene.start(browser());
    const [host, guest] = await startCall(scene);
    const ids = [await loadId(host.page), await loadId(guest.page)];

    await scene.server.stop();
    await Promise.all([
      waitForConnectionState(host, 'reconnecting'),
      waitForConnectionState(guest, 'reconnecting'),
    ]);
    // Peer to peer media does not need the server.
    await expectVideoBothWays(host, guest);

    await scene.server.start();
    await Promise.all([
      waitForConnectionState(host, 'connected', { timeout: 40_000 }),
      waitForConnectionState(guest, 'connected', { timeout: 40_000 }),
    ]);
    expect([await loadId(host.page), await loadId(guest.page)]).toEqual(ids);
    await expectVideoBothWays(host, guest);
    await expectChatBothWays(host, guest, 'the restart');
  }, 90_000);
});
