// The test-only init script that every page of a participant runs before the app: it records
// each RTCPeerConnection, WebSocket and Notification the app creates (the product exposes no
// test hooks), can force relay-only ICE, and can drop or block the signaling socket.
// `installProbe` is serialized into the page, so it must not reference anything outside itself;
// the browser types it needs are declared here minimally (the e2e tsconfig has no DOM library).

/** What the probe does besides recording. */
export interface ProbeOptions {
  /** Force `iceTransportPolicy: 'relay'`, keeping only TURN URLs of this transport (tls: `turns:`). */
  relay: 'udp' | 'tcp' | 'tls' | null;
}

/** One inbound RTP stream of a peer connection. */
export interface InboundStream {
  id: string;
  kind: 'audio' | 'video';
  packetsReceived: number;
  framesDecoded: number;
  totalSamplesReceived: number;
  frameWidth: number;
}

/** The nominated ICE candidate pair of a peer connection. */
export interface SelectedPair {
  localType: string;
  remoteType: string;
  localProtocol: string;
  /** Protocol between browser and TURN server for relay candidates ('udp', 'tcp' or 'tls'). */
  relayProtocol: string | null;
}

/** A peer connection as `getStats` describes it. */
export interface PeerConnectionSummary {
  index: number;
  connectionState: string;
  inbound: InboundStream[];
  selectedPair: SelectedPair | null;
}

/** A video tile of the call view and how far its <video> has played. */
export interface TileSummary {
  peerName: string | null;
  kind: string | null;
  stage: string | null;
  videoWidth: number;
  /** Frames the <video> element has presented (getVideoPlaybackQuality). */
  frames: number;
}

/** The configuration the app passed to RTCPeerConnection, before the probe forced anything. */
export interface RecordedConfig {
  iceServers?: { urls: string | string[]; username?: string; credential?: string }[];
  iceTransportPolicy?: string;
}

/** The API the probe installs as `window.__e2e`. */
export interface ProbeApi {
  /** Changes on every page load, so a test can tell that a page was not reloaded. */
  loadId: string;
  configs: RecordedConfig[];
  /** Text frames received on any WebSocket, in order. */
  received: string[];
  /** Titles and bodies of notifications the app showed. */
  notifications: string[];
  peerConnectionCount(): number;
  summary(): Promise<PeerConnectionSummary[]>;
  tiles(): TileSummary[];
  /** Closes every open signaling socket, as a network drop would; returns how many. */
  dropSignaling(): number;
  /** While blocked, new WebSockets go to a closed port and fail. */
  blockSignaling(blocked: boolean): void;
  socketCount(): number;
}

/** `globalThis` in a page that runs the probe. */
export interface ProbeHost {
  __e2e: ProbeApi;
}

type Stat = Record<string, unknown>;
interface StatsReport {
  forEach(cb: (stat: Stat) => void): void;
  get(id: string): Stat | undefined;
}
interface PeerConnectionLike {
  readonly connectionState: string;
  getStats(): Promise<StatsReport>;
  setConfiguration(config: RecordedConfig): void;
}
type PeerConnectionClass = new (config?: RecordedConfig, ...rest: unknown[]) => PeerConnectionLike;
interface WebSocketLike {
  readonly readyState: number;
  close(): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}
type WebSocketClass = new (url: string | URL, protocols?: string | string[]) => WebSocketLike;
type NotificationClass = new (title: string, options?: { body?: string }) => object;
interface VideoLike {
  videoWidth: number;
  getVideoPlaybackQuality?: () => { totalVideoFrames: number };
}
interface ElementLike {
  getAttribute(name: string): string | null;
  querySelector(selector: string): VideoLike | null;
}
interface PageGlobals {
  __e2e?: ProbeApi;
  RTCPeerConnection?: PeerConnectionClass;
  WebSocket: WebSocketClass;
  Notification?: NotificationClass;
  document: { querySelectorAll(selector: string): Iterable<ElementLike> };
  localStorage: { setItem(key: string, value: string): void };
}

/** Runs in the page before any app script (via `addInitScript`); installs `window.__e2e`. */
export function installProbe(options: ProbeOptions): void {
  const page = globalThis as unknown as PageGlobals;
  if (page.__e2e) return;
  try {
    // The UI contract lets tests pin the language; the context's locale is en-US as well.
    page.localStorage.setItem('nahbar.language', 'en');
  } catch {
    // about:blank and sandboxed frames have no storage.
  }
  const peerConnections: PeerConnectionLike[] = [];
  const configs: RecordedConfig[] = [];
  const sockets: WebSocketLike[] = [];
  const received: string[] = [];
  const notifications: string[] = [];
  let blocked = false;

  const force = (config: RecordedConfig | undefined): RecordedConfig | undefined => {
    if (config) configs.push(JSON.parse(JSON.stringify(config)) as RecordedConfig);
    if (!options.relay) return config;
    const transport = options.relay;
    const iceServers = (config?.iceServers ?? [])
      .map((server) => {
        const urls = (Array.isArray(server.urls) ? server.urls : [server.urls]).filter((url) => {
          if (url.startsWith('turns:')) return transport === 'tls';
          if (!url.startsWith('turn:')) return false;
          const match = /[?&]transport=(udp|tcp)/.exec(url);
          return (match?.[1] ?? 'udp') === transport;
        });
        return { ...server, urls };
      })
      .filter((server) => server.urls.length > 0);
    return { ...config, iceServers, iceTransportPolicy: 'relay' };
  };

  const NativePeerConnection = page.RTCPeerConnection;
  if (NativePeerConnection) {
    class RecordedPeerConnection extends NativePeerConnection {
      constructor(config?: RecordedConfig, ...rest: unknown[]) {
        super(force(config), ...rest);
        peerConnections.push(this);
      }
      override setConfiguration(config: RecordedConfig): void {
        super.setConfiguration(force(config) ?? config);
      }
    }
    page.RTCPeerConnection = RecordedPeerConnection;
  }

  const NativeWebSocket = page.WebSocket;
  class RecordedWebSocket extends NativeWebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      // Port 9 (discard) has no listener here, so a blocked socket fails like an unreachable server.
      super(blocked ? 'ws://127.0.0.1:9/blocked' : url, protocols);
      sockets.push(this);
      this.addEventListener('message', (event) => {
        if (typeof event.data === 'string' && received.length < 20_000) received.push(event.data);
      });
    }
  }
  page.WebSocket = RecordedWebSocket;

  const NativeNotification = page.Notification;
  if (NativeNotification) {
    class RecordedNotification extends NativeNotification {
      constructor(title: string, opts?: { body?: string }) {
        notifications.push(`${title} ${opts?.body ?? ''}`.trim());
        super(title, opts);
      }
    }
    page.Notification = RecordedNotification;
  }

  const num = (value: unknown): number => (typeof value === 'number' ? value : 0);
  const str = (value: unknown): string => (typeof value === 'string' ? value : '');

  const describe = async (pc: PeerConnectionLike, index: number) => {
    const report = await pc.getStats();
    const inbound: InboundStream[] = [];
    let pair: Stat | undefined;
    report.forEach((stat) => {
      if (stat.type === 'inbound-rtp' && (stat.kind === 'audio' || stat.kind === 'video')) {
        inbound.push({
          id: str(stat.id),
          kind: stat.kind,
          packetsReceived: num(stat.packetsReceived),
          framesDecoded: num(stat.framesDecoded),
          totalSamplesReceived: num(stat.totalSamplesReceived),
          frameWidth: num(stat.frameWidth),
        });
      }
      if (stat.type === 'transport' && typeof stat.selectedCandidatePairId === 'string') {
        pair = report.get(stat.selectedCandidatePairId);
      }
    });
    if (!pair) {
      report.forEach((stat) => {
        if (stat.type === 'candidate-pair' && stat.nominated === true && stat.state === 'succeeded')
          pair ??= stat;
      });
    }
    const local = pair ? report.get(str(pair.localCandidateId)) : undefined;
    const remote = pair ? report.get(str(pair.remoteCandidateId)) : undefined;
    const selectedPair: SelectedPair | null =
      local && remote
        ? {
            localType: str(local.candidateType),
            remoteType: str(remote.candidateType),
            localProtocol: str(local.protocol),
            relayProtocol: typeof local.relayProtocol === 'string' ? local.relayProtocol : null,
          }
        : null;
    return { index, connectionState: pc.connectionState, inbound, selectedPair };
  };

  const api: ProbeApi = {
    loadId: Math.random().toString(36).slice(2),
    configs,
    received,
    notifications,
    peerConnectionCount: () => peerConnections.length,
    summary: () => Promise.all(peerConnections.map(describe)),
    tiles: () =>
      [...page.document.querySelectorAll('[data-testid="tile"]')].map((tile) => {
        const video = tile.querySelector('video');
        return {
          peerName: tile.getAttribute('data-peer-name'),
          kind: tile.getAttribute('data-kind'),
          stage: tile.getAttribute('data-stage'),
          videoWidth: video?.videoWidth ?? 0,
          frames: video?.getVideoPlaybackQuality?.().totalVideoFrames ?? 0,
        };
      }),
    dropSignaling: () => {
      const open = sockets.filter((s) => s.readyState === 0 || s.readyState === 1);
      for (const socket of open) socket.close();
      return open.length;
    },
    blockSignaling: (value: boolean) => {
      blocked = value;
    },
    socketCount: () => sockets.length,
  };
  Object.defineProperty(page, '__e2e', { value: api, enumerable: false });
}
