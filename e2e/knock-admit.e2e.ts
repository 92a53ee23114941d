// Proof 1: a guest knocks, the host admits, and both sides decode each other's video and receive audio.
import { describe, expect, test } from 'vitest';
import { waitForCall, waitForPlayingTile } from './harness/media.js';
import {
  admit,
  connectionState,
  enterAsHost,
  knock,
  knockAndAdmit,
  knockEntry,
} from './harness/lounge.js';
import { Scene, useBrowser } from './harness/scene.js';

describe('knock and admit', () => {
  const browser = useBrowser();

  test('a guest knocks, the host admits, and both decode remote video and receive audio', async () => {
    const scene = await Scene.start(browser());
    const host = await scene.host();
    const guest = await scene.join('Gina Guest');

    await enterAsHost(host, scene.room.handle);
    await knock(guest, scene.room.handle);
    await guest.page.getByTestId('lobby-waiting').waitFor();
    await knockEntry(host, guest.name).waitFor();
    await admit(host, guest.name);
    await guest.page.getByTestId('call').waitFor();

    await Promise.all([waitForCall(host.page, 1), waitForCall(guest.page, 1)]);
    await Promise.all([
      waitForPlayingTile(
        guest.page,
        (t) => t.kind === 'camera' && t.peerName === host.name,
        "the host's tile on the guest's page",
      ),
      waitForPlayingTile(
        host.page,
        (t) => t.kind === 'camera' && t.peerName === guest.name,
        "the guest's tile on the host's page",
      ),
    ]);
    expect(await connectionState(host)).toBe('connected');
    expect(await connectionState(guest)).toBe('connected');
    await expect
      .poll(() => guest.page.getByTestId('peer-state').first().getAttribute('data-state'))
      .toBe('connected');
    // The knock is handled: it leaves the host's lobby.
    await knockEntry(host, guest.name).waitFor({ state: 'detached' });
  });

  test('an invited seller hosts their own room, where another signed-in user must knock', async () => {
    const scene = await Scene.start(browser());
    const seller = await scene.seller('Sven Seller');
    const room = await seller.personalRoom();
    const host = await scene.join(seller.name, { user: seller });
    // The account owner is signed in, but in a seller's room they are a guest like anyone else.
    const visitor = await scene.host();

    await enterAsHost(host, room.handle);
    await knockAndAdmit(host, visitor, room.handle);
    await Promise.all([waitForCall(host.page, 1), waitForCall(visitor.page, 1)]);
  });
});
