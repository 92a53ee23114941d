// Checks the harness itself, independent of the lounge: the probe records a loopback call between
// two RTCPeerConnections in one page, directly and relayed through the test's coturn with REST
// credentials, and the setup and invite flows sign users in. A failure here is a harness or
// environment problem (Chromium flags, coturn, namespace), not a product bug.
import { createHmac } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createOwner, inviteSeller } from './harness/accounts.js';
import { openParticipant } from './harness/browser.js';
import { rtcSummary, waitForFlowingMedia } from './harness/media.js';
import type { ProbeOptions } from './harness/probe.js';
import { useBrowser } from './harness/scene.js';
import { TestServer } from './harness/server.js';
import { startTurn } from './harness/turn.js';
import type { Turn } from './harness/turn.js';

/**
 * Two peer connections in one page send the fake camera and microphone to each other. The
 * received stream plays in a <video>: Chromium counts received audio samples only when played out.
 */
const LOOPBACK_CALL = `(async (iceServers) => {
  const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
  const a = new RTCPeerConnection({ iceServers });
  const b = new RTCPeerConnection({ iceServers });
  a.onicecandidate = (e) => e.candidate && b.addIceCandidate(e.candidate);
  b.onicecandidate = (e) => e.candidate && a.addIceCandidate(e.candidate);
  b.ontrack = (e) => {
    const video = document.querySelector('video') ?? document.body.appendChild(document.createElement('video'));
    video.autoplay = true;
    video.srcObject = e.streams[0];
  };
  for (const track of stream.getTracks()) a.addTrack(track, stream);
  await a.setLocalDescription();
  await b.setRemoteDescription(a.localDescription);
  await b.setLocalDescription();
  await a.setRemoteDescription(b.localDescription);
})`;

async function loopbackCall(page: Page, iceServers: unknown[]): Promise<void> {
  await page.evaluate(`${LOOPBACK_CALL}(${JSON.stringify(iceServers)})`);
}

describe('the e2e harness', () => {
  const browser = useBrowser();
  let server: TestServer;
  let turn: Turn;

  beforeAll(async () => {
    [server, turn] = await Promise.all([TestServer.start(), startTurn()]);
  });
  afterAll(async () => {
    await Promise.all([server?.dispose(), turn?.stop()]);
  });

  test('the probe sees video and audio of a direct loopback call keep flowing', async () => {
    const p = await openParticipant(browser(), server, 'Probe');
    try {
      await p.page.goto('/healthz');
      await loopbackCall(p.page, []);
      await waitForFlowingMedia(p.page, { kind: 'video', peers: 1 });
      await waitForFlowingMedia(p.page, { kind: 'audio', peers: 1 });
      const pair = (await rtcSummary(p.page)).find((pc) => pc.selectedPair)?.selectedPair;
      expect(pair?.localType).toBe('host');
    } finally {
      await p.context.close();
    }
  });

  test.each<ProbeOptions['relay'] & string>(['udp', 'tcp', 'tls'])(
    'a relay-only loopback call through coturn over %s decodes frames',
    async (transport) => {
      const p = await openParticipant(browser(), server, 'Probe', { relay: transport });
      try {
        const username = `${Math.floor(Date.now() / 1000) + 600}:probe`;
        const credential = createHmac('sha1', turn.secret).update(username).digest('base64');
        await p.page.goto('/healthz');
        await loopbackCall(p.page, [{ urls: turn.urls, username, credential }]);
        await waitForFlowingMedia(p.page, { kind: 'video', peers: 1 });
        const pair = (await rtcSummary(p.page)).find((pc) => pc.selectedPair)?.selectedPair;
        expect(pair).toMatchObject({ localType: 'relay', relayProtocol: transport });
      } finally {
        await p.context.close();
      }
    },
  );

  test('the setup link creates the owner and an invite signs a seller in', async () => {
    const owner = await createOwner(server, 'Harness Owner');
    const seller = await inviteSeller(owner, 'Harness Seller');
    expect(owner.sessionCookie.value).not.toBe(seller.sessionCookie.value);
    const session = (await seller.http.get('/api/session')) as { user: { name: string } | null };
    expect(session.user?.name).toBe('Harness Seller');
  });
});
