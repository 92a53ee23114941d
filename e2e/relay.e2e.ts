// Proof 8: a relay-only call (iceTransportPolicy 'relay', forced by the probe) through a coturn
// that the test starts on loopback, with time-limited REST credentials handed out by Nahbar,
// connects and decodes frames, over TURN/UDP, TURN/TCP and TURN/TLS.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { rtcConfigs, rtcSummary, waitForCall } from './harness/media.js';
import { enterAsHost, knockAndAdmit } from './harness/lounge.js';
import { Scene, useBrowser } from './harness/scene.js';
import { startTurn } from './harness/turn.js';
import type { Turn } from './harness/turn.js';

describe('relay-only calls through coturn', () => {
  const browser = useBrowser();
  let turn: Turn;

  beforeAll(async () => {
    turn = await startTurn();
  });
  afterAll(async () => {
    await turn?.stop();
  });

  test.each(['udp', 'tcp', 'tls'] as const)(
    'a relay-only call over TURN/%s connects through coturn and decodes frames',
    async (transport) => {
      const scene = await Scene.start(browser(), {
        turn: { urls: turn.urls, secret: turn.secret },
      });
      const host = await scene.host({ relay: transport });
      const guest = await scene.join('Toni Turn', { relay: transport });
      await enterAsHost(host, scene.room.handle);
      await knockAndAdmit(host, guest, scene.room.handle);
      await Promise.all([waitForCall(host.page, 1), waitForCall(guest.page, 1)]);

      for (const p of [host, guest]) {
        const pairs = (await rtcSummary(p.page))
          .filter((pc) => pc.connectionState === 'connected')
          .map((pc) => pc.selectedPair);
        expect(pairs.length, `${p.name} has a connected peer connection`).toBeGreaterThan(0);
        for (const pair of pairs) {
          expect(pair).toMatchObject({
            localType: 'relay',
            remoteType: 'relay',
            relayProtocol: transport,
          });
        }

        // Nahbar handed out REST credentials for both TURN URLs: "<expiry>:<id>" signed with the secret.
        const servers = (await rtcConfigs(p.page)).flatMap((c) => c.iceServers ?? []);
        const turnServer = servers.find((s) => [s.urls].flat().some((u) => u.startsWith('turn:')));
        expect(turnServer, `${p.name} got a TURN server`).toBeDefined();
        expect([turnServer?.urls].flat().sort()).toEqual([...turn.urls].sort());
        const username = turnServer?.username ?? '';
        const expiry = Number(username.split(':')[0]);
        expect(expiry).toBeGreaterThan(Date.now() / 1000);
        expect(turnServer?.credential).toBe(
          createHmac('sha1', turn.secret).update(username).digest('base64'),
        );
      }
    },
  );
});
