// Join time: from the host's click on "admit" to the first remote video frame the guest's page
// presents, beside a bare baseline: two pages with media already acquired whose peer connections
// negotiate over a bare WebSocket relay, timed from the second page's join message to its first
// remote frame. Both sides time the first frame the same way (requestVideoFrameCallback).
//
// The camera's frame phase: a sender's first video frame is the first one its camera delivers
// once the connection is up, so a join waits for between 0 and one frame period of the camera
// (50 ms for Chromium's fake camera at 20 fps). In Nahbar the host's and the guest's cameras have
// been running for a while, so that wait is random. The bare pages open their cameras right before
// they join, so their cameras would start at the same moment relative to the join in every run and
// the wait would be the same each time (it came out near its minimum: 92-108 ms in almost all
// runs, while a run with the phase left to chance spreads over 90-150 ms). The baseline therefore
// waits a random time of up to two frame periods between opening the cameras and joining.
import { setTimeout as delay } from 'node:timers/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createOwner } from '../../e2e/harness/accounts.js';
import { openParticipant } from '../../e2e/harness/browser.js';
import { admit, enterAsHost, knock } from '../../e2e/harness/lounge.js';
import { TestServer } from '../../e2e/harness/server.js';
import { waitFor } from '../../e2e/harness/wait.js';
import type { BareRelay } from './bare-relay.js';

interface TimingWindow {
  __benchAdmitAt?: number;
  __benchFirstFrameAt?: number;
  __benchJoinAt?: number;
  __benchJoin?: () => Promise<void>;
}

/**
 * Runs in every page before its own scripts: notes when "admit" is clicked and when the first
 * remote video frame is presented, both as absolute high-resolution times.
 */
function installTiming(): void {
  const w = window as unknown as TimingWindow;
  const now = () => performance.timeOrigin + performance.now();
  document.addEventListener(
    'click',
    (event) => {
      const target = event.target as Element | null;
      if (target?.closest?.('[data-testid="admit"]')) w.__benchAdmitAt = now();
    },
    true,
  );
  const Original = window.RTCPeerConnection;
  class TimedPeerConnection extends Original {
    constructor(config?: RTCConfiguration) {
      super(config);
      this.addEventListener('track', (event) => {
        if (event.track.kind !== 'video' || w.__benchFirstFrameAt !== undefined) return;
        const video = document.createElement('video');
        video.muted = true;
        video.style.cssText = 'position:fixed;left:0;top:0;width:4px;height:4px;opacity:0.01';
        video.srcObject = new MediaStream([event.track]);
        document.documentElement.appendChild(video);
        video.requestVideoFrameCallback(() => {
          w.__benchFirstFrameAt ??= now();
          video.srcObject = null;
          video.remove();
        });
        void video.play();
      });
    }
  }
  window.RTCPeerConnection = TimedPeerConnection;
}

// tsx (esbuild with keepNames) wraps named functions in `__name(...)` calls; functions serialized
// into a page need that helper to exist there.
const KEEP_NAMES_SHIM = { content: 'globalThis.__name ??= (fn) => fn;' };

/** Installs the timing script (and the shim it needs) in a browser context. */
async function addTiming(context: BrowserContext): Promise<void> {
  await context.addInitScript(KEEP_NAMES_SHIM);
  await context.addInitScript(installTiming);
}

async function readTime(page: Page, key: keyof TimingWindow, what: string): Promise<number> {
  return waitFor(
    what,
    () => page.evaluate((k) => (window as unknown as Record<string, unknown>)[k] as number, key),
    { timeout: 30_000, interval: 25 },
  );
}

/** Nahbar: one host stays in the lounge; each run a fresh guest knocks, is admitted and leaves. */
export async function benchNahbarJoin(browser: Browser, runs: number): Promise<number[]> {
  const server = await TestServer.start({ logLevel: 'warn' });
  const contexts: BrowserContext[] = [];
  try {
    const owner = await createOwner(server, 'Bench Host');
    const room = await owner.personalRoom();
    const host = await openParticipant(browser, server, 'Bench Host', { user: owner });
    contexts.push(host.context);
    await addTiming(host.context);
    await enterAsHost(host, room.handle);
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const guest = await openParticipant(browser, server, `Guest ${i + 1}`);
      await addTiming(guest.context);
      await knock(guest, room.handle);
      await guest.page.getByTestId('lobby-waiting').waitFor();
      await admit(host, guest.name);
      const admittedAt = await readTime(host.page, '__benchAdmitAt', 'the admit click');
      const firstFrameAt = await readTime(guest.page, '__benchFirstFrameAt', 'the first frame');
      times.push(firstFrameAt - admittedAt);
      await host.page.evaluate(() => {
        delete (window as unknown as TimingWindow).__benchAdmitAt;
      });
      await guest.page.getByTestId('leave').click();
      await waitFor(
        'the host to see the guest leave',
        async () =>
          (await host.page.locator('[data-testid="tile"][data-kind="camera"]').count()) === 0,
        { timeout: 30_000, interval: 50 },
      );
      await guest.context.close();
    }
    return times;
  } finally {
    for (const context of contexts) await context.close();
    await server.dispose();
  }
}

/**
 * The baseline peer, run inside a bare page: acquires media, opens the relay socket, and exposes
 * `__benchJoin` which sends the join message and (for the second page) the offer at once.
 */
async function prepareBarePeer(args: { wsUrl: string; room: string; offerer: boolean }) {
  const w = window as unknown as TimingWindow;
  const now = () => performance.timeOrigin + performance.now();
  const stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: true });
  const pc = new RTCPeerConnection();
  for (const track of stream.getTracks()) pc.addTrack(track, stream);
  const ws = new WebSocket(args.wsUrl);
  await new Promise((resolve, reject) => {
    ws.onopen = resolve;
    ws.onerror = reject;
  });
  const send = (message: unknown) => ws.send(JSON.stringify(message));
  let markJoined: () => void = () => {};
  const joined = new Promise<void>((resolve) => (markJoined = resolve));
  pc.onicecandidate = (event) => {
    if (event.candidate) send({ candidate: event.candidate.toJSON() });
  };
  ws.onmessage = async (event: MessageEvent<string>) => {
    const message = JSON.parse(event.data) as {
      joined?: boolean;
      description?: RTCSessionDescriptionInit;
      candidate?: RTCIceCandidateInit;
    };
    if (message.joined) {
      markJoined();
    } else if (message.description) {
      await pc.setRemoteDescription(message.description);
      if (message.description.type === 'offer') {
        await pc.setLocalDescription();
        send({ description: pc.localDescription });
      }
    } else if (message.candidate) {
      await pc.addIceCandidate(message.candidate);
    }
  };
  w.__benchJoin = async () => {
    w.__benchJoinAt = now();
    send({ join: args.room });
    if (args.offerer) {
      await pc.setLocalDescription();
      send({ description: pc.localDescription });
    } else {
      // The first page must be in the room before the second one's offer arrives.
      await joined;
    }
  };
}

/** Two frame periods of Chromium's fake camera (20 fps): a random wait this long randomizes the phase. */
const CAMERA_PHASE_SPREAD_MS = 100;

/** Baseline: per run, two fresh bare pages in one context; the second joins and offers. */
export async function benchBaselineJoin(
  browser: Browser,
  relay: BareRelay,
  runs: number,
): Promise<number[]> {
  const base = `http://127.0.0.1:${relay.port}`;
  const context = await browser.newContext({ permissions: ['camera', 'microphone'] });
  await addTiming(context);
  const times: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const room = `baseline-${i}`;
      const wsUrl = `ws://127.0.0.1:${relay.port}/`;
      const [first, second] = [await context.newPage(), await context.newPage()];
      await first.goto(base);
      await second.goto(base);
      await first.evaluate(prepareBarePeer, { wsUrl, room, offerer: false });
      await second.evaluate(prepareBarePeer, { wsUrl, room, offerer: true });
      await delay(Math.random() * CAMERA_PHASE_SPREAD_MS);
      await first.evaluate(() => (window as unknown as TimingWindow).__benchJoin?.());
      await second.evaluate(() => (window as unknown as TimingWindow).__benchJoin?.());
      const joinAt = await readTime(second, '__benchJoinAt', 'the join message');
      const firstFrameAt = await readTime(second, '__benchFirstFrameAt', 'the first frame');
      times.push(firstFrameAt - joinAt);
      await first.close();
      await second.close();
    }
    return times;
  } finally {
    await context.close();
  }
}
