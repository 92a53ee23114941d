// Proof 2: before admission the server gives a guest nothing of the room. A rejected and a
// still-waiting guest receive no media, no participant names and no chat while the host and an
// admitted guest talk and chat (checked in their DOM, their peer connections and every
// signaling frame they received).
import { describe, expect, test } from 'vitest';
import type { Participant } from './harness/browser.js';
import { rtcSummary, receivedFrames, waitForCall } from './harness/media.js';
import {
  enterAsHost,
  hold,
  knock,
  knockAndAdmit,
  knockEntry,
  reject,
  sendChat,
  waitForChat,
} from './harness/lounge.js';
import { Scene, useBrowser } from './harness/scene.js';

/** Signaling messages that carry room content and must never reach a guest before admission. */
const ROOM_CONTENT = new Set([
  'room.joined',
  'room.resumed',
  'peer.joined',
  'peer.left',
  'peer.media',
  'peer.connection',
  'signal',
  'chat.message',
  'lobby.queue',
]);

async function expectNothingOfTheRoom(outsider: Participant, secrets: string[]): Promise<void> {
  const pcs = await rtcSummary(outsider.page);
  const inbound = pcs.flatMap((pc) => pc.inbound).filter((s) => s.packetsReceived > 0);
  expect(inbound, `${outsider.name} received media`).toEqual([]);
  expect(pcs.filter((pc) => pc.connectionState === 'connected')).toEqual([]);

  const html = await outsider.page.content();
  for (const secret of secrets) {
    expect(html.includes(secret), `${outsider.name}'s page shows "${secret}"`).toBe(false);
  }
  const frames = await receivedFrames(outsider.page);
  for (const frame of frames) {
    for (const secret of secrets) {
      expect(frame.includes(secret), `${outsider.name} received "${secret}": ${frame}`).toBe(false);
    }
    const type = (JSON.parse(frame) as { type?: unknown }).type;
    expect(ROOM_CONTENT.has(String(type)), `${outsider.name} received ${frame}`).toBe(false);
  }
  expect(await outsider.page.getByTestId('call').count()).toBe(0);
  expect(await outsider.page.getByTestId('chat-message').count()).toBe(0);
  expect(await outsider.page.getByTestId('tile').count()).toBe(0);
}

describe('lobby isolation', () => {
  const browser = useBrowser();

  test('a rejected and a waiting guest receive no media, names or chat of the call', async () => {
    const scene = await Scene.start(browser());
    const host = await scene.host();
    const admitted = await scene.join('Alma Admitted');
    const rejected = await scene.join('Rita Rejected');
    const waiting = await scene.join('Walter Waiting');

    await enterAsHost(host, scene.room.handle);
    await knockAndAdmit(host, admitted, scene.room.handle);
    await Promise.all([waitForCall(host.page, 1), waitForCall(admitted.page, 1)]);

    await knock(rejected, scene.room.handle);
    await knockEntry(host, rejected.name).waitFor();
    await reject(host, rejected.name);
    await rejected.page.getByTestId('lobby-rejected').waitFor();

    await knock(waiting, scene.room.handle);
    await waiting.page.getByTestId('lobby-waiting').waitFor();
    await knockEntry(host, waiting.name).waitFor();

    const fromHost = 'Special price for Alma: 41.000 EUR';
    const fromGuest = 'Alma says the old press leaks oil';
    await sendChat(host, fromHost);
    await sendChat(admitted, fromGuest);
    for (const p of [host, admitted]) {
      await waitForChat(p, fromHost);
      await waitForChat(p, fromGuest);
    }
    // The hold message travels on the waiting guest's socket after the chat was broadcast, so
    // once it arrives, anything leaked with the chat would have arrived before it.
    await hold(host, waiting.name, 'One moment, please');
    await waiting.page.getByTestId('lobby-held-message').waitFor();

    // The host's name is public: the link is the seller's personal room (GET /api/rooms/public).
    const secrets = [admitted.name, fromHost, fromGuest];
    await expectNothingOfTheRoom(waiting, secrets);
    await expectNothingOfTheRoom(rejected, secrets);
  });
});
