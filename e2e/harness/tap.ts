// A second, opt-in init script beside the probe: it records the page's RTCPeerConnections again
// (on top of the probe's wrapper) to read what the page *sends* (transceivers, sender tracks,
// outbound RTP), the received audio energy, and the ICE credentials of both descriptions.
// `installTap` is serialized into the page, so it must not reference anything outside itself.
import type { Page } from 'playwright-core';
import type { Participant } from './browser.js';

/** One transceiver of a peer connection and the local track it sends, if any. */
export interface TransceiverSummary {
  mid: string | null;
  /** Kind of the transceiver (its receiver track's kind). */
  kind: string;
  direction: string;
  currentDirection: string | null;
  /** The sender's track: null when nothing is attached. */
  track: { kind: string; enabled: boolean; readyState: string } | null;
}

/** One RTP stream of a peer connection, in either direction. */
export interface RtpSummary {
  id: string;
  kind: 'audio' | 'video';
  /** packetsSent (outbound) or packetsReceived (inbound). */
  packets: number;
  /** framesEncoded (outbound) or framesDecoded (inbound). */
  frames: number;
  /** Inbound audio: totalAudioEnergy of what was played out. */
  audioEnergy: number;
}

/** What the tap knows about one peer connection. */
export interface TapConnection {
  index: number;
  connectionState: string;
  transceivers: TransceiverSummary[];
  outbound: RtpSummary[];
  inbound: RtpSummary[];
  /** ice-ufrag values of the current local and remote descriptions. */
  localUfrags: string[];
  remoteUfrags: string[];
}

/** The API the tap installs as `window.__tap`. */
export interface TapApi {
  connections(): Promise<TapConnection[]>;
}

/** `globalThis` in a page that runs the tap. */
export interface TapHost {
  __tap: TapApi;
}

type Stat = Record<string, unknown>;
interface TrackLike {
  kind: string;
  enabled: boolean;
  readyState: string;
}
interface TransceiverLike {
  mid: string | null;
  direction: string;
  currentDirection: string | null;
  sender: { track: TrackLike | null };
  receiver: { track: TrackLike };
}
interface PeerConnectionLike {
  readonly connectionState: string;
  readonly localDescription: { sdp: string } | null;
  readonly remoteDescription: { sdp: string } | null;
  getTransceivers(): TransceiverLike[];
  getStats(): Promise<{ forEach(cb: (stat: Stat) => void): void }>;
}
type PeerConnectionClass = new (...args: unknown[]) => PeerConnectionLike;

/** Runs in the page before the app (via `addInitScript`); installs `window.__tap`. */
export function installTap(): void {
  const page = globalThis as unknown as {
    __tap?: TapApi;
    RTCPeerConnection?: PeerConnectionClass;
  };
  if (page.__tap) return;
  const connections: PeerConnectionLike[] = [];
  const Wrapped = page.RTCPeerConnection;
  if (Wrapped) {
    class TappedPeerConnection extends Wrapped {
      constructor(...args: unknown[]) {
        super(...args);
        connections.push(this);
      }
    }
    page.RTCPeerConnection = TappedPeerConnection;
  }
  const num = (value: unknown): number => (typeof value === 'number' ? value : 0);
  const ufrags = (sdp: string | undefined): string[] => [
    ...new Set([...(sdp ?? '').matchAll(/^a=ice-ufrag:(\S+)/gm)].map((m) => m[1] ?? '')),
  ];
  const describe = async (pc: PeerConnectionLike, index: number): Promise<TapConnection> => {
    const outbound: RtpSummary[] = [];
    const inbound: RtpSummary[] = [];
    // A closed connection has no stats worth reading (and may refuse getStats).
    const stats = pc.connectionState === 'closed' ? null : await pc.getStats();
    stats?.forEach((stat) => {
      const kind = stat.kind === 'audio' ? 'audio' : stat.kind === 'video' ? 'video' : null;
      if (!kind) return;
      const base: Pick<RtpSummary, 'id' | 'kind'> = { id: String(stat.id), kind };
      if (stat.type === 'outbound-rtp') {
        outbound.push({
          ...base,
          packets: num(stat.packetsSent),
          frames: num(stat.framesEncoded),
          audioEnergy: 0,
        });
      } else if (stat.type === 'inbound-rtp') {
        inbound.push({
          ...base,
          packets: num(stat.packetsReceived),
          frames: num(stat.framesDecoded),
          audioEnergy: num(stat.totalAudioEnergy),
        });
      }
    });
    return {
      index,
      connectionState: pc.connectionState,
      transceivers: pc.getTransceivers().map((t) => ({
        mid: t.mid,
        kind: t.receiver.track.kind,
        direction: t.direction,
        currentDirection: t.currentDirection,
        track: t.sender.track
          ? {
              kind: t.sender.track.kind,
              enabled: t.sender.track.enabled,
              readyState: t.sender.track.readyState,
            }
          : null,
      })),
      outbound,
      inbound,
      localUfrags: ufrags(pc.localDescription?.sdp),
      remoteUfrags: ufrags(pc.remoteDescription?.sdp),
    };
  };
  const api: TapApi = { connections: () => Promise.all(connections.map(describe)) };
  Object.defineProperty(page, '__tap', { value: api, enumerable: false });
}

/** Adds the tap to a participant's page; call before the page opens the lounge. */
export async function tap(p: Participant): Promise<void> {
  await p.page.addInitScript(installTap);
}

/** The live (not closed or failed) peer connections of a tapped page. */
export async function tapConnections(page: Page): Promise<TapConnection[]> {
  const all = await page.evaluate(() => (globalThis as unknown as TapHost).__tap.connections());
  return all.filter((pc) => pc.connectionState !== 'closed' && pc.connectionState !== 'failed');
}

/** Sum of a number over the streams of one kind and direction of a tapped page. */
export async function rtpTotal(
  page: Page,
  direction: 'inbound' | 'outbound',
  kind: 'audio' | 'video',
  field: 'packets' | 'frames' | 'audioEnergy',
): Promise<number> {
  const pcs = await tapConnections(page);
  return pcs
    .flatMap((pc) => pc[direction])
    .filter((s) => s.kind === kind)
    .reduce((sum, s) => sum + s[field], 0);
}

/** The local tracks a tapped page sends, by kind: live and enabled ones only. */
export async function sendingTracks(page: Page): Promise<{ audio: number; video: number }> {
  const pcs = await tapConnections(page);
  const live = pcs
    .flatMap((pc) => pc.transceivers)
    .map((t) => t.track)
    .filter((t) => t !== null && t.readyState === 'live' && t.enabled);
  return {
    audio: live.filter((t) => t?.kind === 'audio').length,
    video: live.filter((t) => t?.kind === 'video').length,
  };
}
