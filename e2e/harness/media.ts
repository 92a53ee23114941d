// Node-side reading of the probe: peer connections, inbound media, the selected ICE pair and
// the call's video tiles, plus waits for media that keeps flowing (sampled twice).
import type { Page } from 'playwright-core';
import type {
  InboundStream,
  PeerConnectionSummary,
  ProbeHost,
  RecordedConfig,
  TileSummary,
} from './probe.js';
import { waitFor } from './wait.js';
import type { WaitOptions } from './wait.js';

/** Every peer connection the page created, with its inbound streams and selected pair. */
export function rtcSummary(page: Page): Promise<PeerConnectionSummary[]> {
  return page.evaluate(() => (globalThis as unknown as ProbeHost).__e2e.summary());
}

/** The call view's tiles with their <video> state. */
export function tiles(page: Page): Promise<TileSummary[]> {
  return page.evaluate(() => (globalThis as unknown as ProbeHost).__e2e.tiles());
}

/** RTCPeerConnection configurations the app created (as the app passed them). */
export function rtcConfigs(page: Page): Promise<RecordedConfig[]> {
  return page.evaluate(() => (globalThis as unknown as ProbeHost).__e2e.configs);
}

/** Text frames the page received on its WebSockets. */
export function receivedFrames(page: Page): Promise<string[]> {
  return page.evaluate(() => (globalThis as unknown as ProbeHost).__e2e.received);
}

/** Title and body of every notification the page showed. */
export function notifications(page: Page): Promise<string[]> {
  return page.evaluate(() => (globalThis as unknown as ProbeHost).__e2e.notifications);
}

/** An id that changes when the page reloads. */
export function loadId(page: Page): Promise<string> {
  return page.evaluate(() => (globalThis as unknown as ProbeHost).__e2e.loadId);
}

/** Total inbound RTP packets over all peer connections of the page. */
export async function inboundPackets(page: Page): Promise<number> {
  const pcs = await rtcSummary(page);
  return pcs.flatMap((pc) => pc.inbound).reduce((sum, s) => sum + s.packetsReceived, 0);
}

const live = (pcs: PeerConnectionSummary[]) =>
  pcs.filter((pc) => pc.connectionState !== 'closed' && pc.connectionState !== 'failed');

const key = (pc: PeerConnectionSummary, stream: InboundStream) => `${pc.index}/${stream.id}`;

const progress = (stream: InboundStream) =>
  stream.kind === 'video' ? stream.framesDecoded : stream.totalSamplesReceived;

const flowing = (stream: InboundStream) =>
  stream.kind === 'video'
    ? stream.framesDecoded > 0
    : stream.packetsReceived > 0 && stream.totalSamplesReceived > 0;

/** What `waitForFlowingMedia` expects. */
export interface FlowExpectation {
  kind: 'audio' | 'video';
  /** Distinct live peer connections that must each carry a flowing stream of this kind. */
  peers: number;
  /** Flowing streams of this kind in total (default: `peers`), e.g. camera plus screen. */
  streams?: number;
}

/**
 * Waits until the page receives flowing media: first until enough streams have decoded frames
 * (video) or received samples (audio), then until every one of them has grown since, so a
 * stream that decoded once and froze does not count.
 */
export async function waitForFlowingMedia(
  page: Page,
  expected: FlowExpectation,
  waitOptions: WaitOptions = {},
): Promise<void> {
  // getStats is not free; a 4-page mesh polled too eagerly steals CPU from decoding.
  const opts = { interval: 250, ...waitOptions };
  const wanted = expected.streams ?? expected.peers;
  const what = `${page.url()}: ${expected.kind} from ${expected.peers} peer(s) in ${wanted} stream(s)`;
  const first = await waitFor(
    `${what} to start`,
    async () => {
      const pcs = live(await rtcSummary(page));
      const streams = pcs.flatMap((pc) =>
        pc.inbound
          .filter((s) => s.kind === expected.kind && flowing(s))
          .map((s) => ({ key: key(pc, s), pc: pc.index, value: progress(s) })),
      );
      const peers = new Set(streams.map((s) => s.pc)).size;
      return peers >= expected.peers && streams.length >= wanted ? streams : undefined;
    },
    opts,
  );
  await waitFor(
    `${what} to keep flowing`,
    async () => {
      const now = new Map<string, number>();
      for (const pc of await rtcSummary(page)) {
        for (const s of pc.inbound) now.set(key(pc, s), progress(s));
      }
      return first.every((s) => (now.get(s.key) ?? 0) > s.value);
    },
    opts,
  );
}

/** Waits for video and audio from `peers` remote participants. */
export async function waitForCall(
  page: Page,
  peers: number,
  opts: WaitOptions = {},
): Promise<void> {
  await waitForFlowingMedia(page, { kind: 'video', peers }, opts);
  await waitForFlowingMedia(page, { kind: 'audio', peers }, opts);
}

/** Waits until a tile matching `match` shows a playing <video> (width known, frames growing). */
export async function waitForPlayingTile(
  page: Page,
  match: (tile: TileSummary) => boolean,
  what: string,
  opts: WaitOptions = {},
): Promise<TileSummary> {
  const first = await waitFor(
    `${what} to show video`,
    async () => (await tiles(page)).find((t) => match(t) && t.videoWidth > 0 && t.frames > 0),
    opts,
  );
  return waitFor(
    `${what} to keep playing`,
    async () => (await tiles(page)).find((t) => match(t) && t.frames > first.frames),
    opts,
  );
}
