// Proof 6: four participants all see and hear each other, and a fifth is told the room is full.
import { describe, expect, test } from 'vitest';
import type { Participant } from './harness/browser.js';
import { inboundPackets, rtcSummary, tiles, waitForFlowingMedia } from './harness/media.js';
import { enterAsHost, knock } from './harness/lounge.js';
import { Scene, useBrowser } from './harness/scene.js';

describe('full mesh', () => {
  const browser = useBrowser();

  test('four participants each decode three remote videos and a fifth gets "room is full"', async () => {
    const scene = await Scene.start(browser(), { capacity: 4 });
    // Open mode lets guests walk in, so the test needs no admit clicks.
    await scene.owner.setRoomMode(scene.room.id, 'open');
    const host = await scene.host();
    const guests: Participant[] = [];
    for (const name of ['Mia Mesh', 'Noah Mesh', 'Ole Mesh']) guests.push(await scene.join(name));

    await enterAsHost(host, scene.room.handle);
    await Promise.all(guests.map((g) => knock(g, scene.room.handle)));
    await Promise.all(guests.map((g) => g.page.getByTestId('call').waitFor()));

    const everyone = [host, ...guests];
    await Promise.all(
      everyone.map((p) =>
        waitForFlowingMedia(p.page, { kind: 'video', peers: 3 }, { timeout: 40_000 }),
      ),
    );
    await Promise.all(
      everyone.map((p) =>
        waitForFlowingMedia(p.page, { kind: 'audio', peers: 3 }, { timeout: 20_000 }),
      ),
    );
    for (const p of everyone) {
      // A full mesh: exactly one open peer connection per other participant, none leaked.
      const open = (await rtcSummary(p.page)).filter((pc) => pc.connectionState !== 'closed');
      expect(open.map((pc) => pc.connectionState)).toEqual(['connected', 'connected', 'connected']);
      const remote = (await tiles(p.page)).filter((t) => t.kind === 'camera');
      const others = everyone.filter((o) => o !== p).map((o) => o.name);
      expect(remote.map((t) => t.peerName).sort()).toEqual(others.sort());
    }

    const fifth = await scene.join('Fritz Fifth');
    await knock(fifth, scene.room.handle);
    await fifth.page.getByTestId('room-full').waitFor();
    expect(await fifth.page.getByTestId('call').count()).toBe(0);
    expect(await inboundPackets(fifth.page)).toBe(0);
  }, 120_000);
});
