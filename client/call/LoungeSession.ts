// The lounge session of one page: knocks, follows the lobby, runs the call and keeps React informed.
// It ties together the signaling client, the local media and the mesh; components only call its
// methods and read its snapshot.
import type { KnockId, MachineId, PeerId } from '../../shared/ids';
import type { RoomMode } from '../../shared/limits';
import {
  ClientMessage,
  ErrorCode,
  SIGNALING_PATH,
  ServerMessage,
} from '../../shared/protocol/signaling';
import type {
  KnockInfo,
  MediaState,
  PeerInfo,
  ServerMessageData,
  SharedMachine,
} from '../../shared/protocol/signaling';
import { appendChat, receiveChat } from './chat';
import type { ChatEntry } from './chat';
import { takeNewKnocks } from './knockAlerts';
import type { LocalMedia } from './LocalMedia';
import { Mesh } from './Mesh';
import { PreparedSlot, warmUpWebRtc } from './prepare';
import type { OutgoingMedia } from './RemotePeer';
import { isFinal, isKnocking, phaseAfter } from './phase';
import type { LoungePhase } from './phase';
import { savePreferences } from './preferences';
import { SignalingClient, signalingUrl } from './SignalingClient';
import type { SignalingStatus } from './SignalingClient';
import { Store } from './store';

/** A remote participant as the call view shows them. */
export interface RemoteView {
  peerId: PeerId;
  name: string;
  role: PeerInfo['role'];
  media: MediaState;
  /** Whether their signaling socket is up (media may flow either way). */
  signalingConnected: boolean;
  connectionState: RTCPeerConnectionState;
  cameraStream: MediaStream | null;
  screenStream: MediaStream | null;
}

export type { ChatEntry };

/** Everything the lounge page renders. */
export interface LoungeState {
  phase: LoungePhase;
  status: SignalingStatus;
  self: PeerInfo | null;
  roomName: string | null;
  mode: RoomMode | null;
  remotes: RemoteView[];
  knocks: KnockInfo[];
  chat: ChatEntry[];
  /** The machine panel a host shares into the call, with this participant's grant. */
  sharedMachine: SharedMachine | null;
  /** The last error frame that did not end anything, for a dismissible notice. */
  notice: ErrorCode | null;
}

/** What a session needs. */
export interface LoungeSessionOptions {
  handle: string;
  media: LocalMedia;
  /** Injected in tests; by default a client for `/ws` on this origin. */
  client?: SignalingClient;
  /** The token of the personal link the guest came through, sent with the knock. */
  link?: string | null;
  /** Called with knocks the host has not been alerted about yet (each knock exactly once). */
  onNewKnocks?: (knocks: KnockInfo[]) => void;
}

function sameMedia(a: MediaState | null, b: MediaState): boolean {
  return (
    a !== null &&
    a.audio === b.audio &&
    a.video === b.video &&
    a.screenStreamId === b.screenStreamId
  );
}

/**
 * How long the page may wait before showing a change of the session: one frame. Signaling
 * messages come in bursts (admission brings the room, the new participant, the lobby queue and
 * media states within a few milliseconds) exactly while the first offer and answer are on their
 * way. Rendering each at once held that negotiation up by 10-20 ms on both pages; one render a
 * frame later lets it go first and is not noticeable.
 */
const RENDER_DELAY_MS = 16;

/** One page's presence in one lounge, from knock to leave. */
export class LoungeSession extends Store<LoungeState> {
  private readonly client: SignalingClient;
  private readonly media: LocalMedia;
  private readonly participants = new Map<PeerId, PeerInfo>();
  private readonly seenKnocks = new Set<string>();
  private mesh: Mesh | null = null;
  /**
   * A connection prepared while someone waits for admission (see prepare.ts): a guest's towards
   * the first person in the room, a host's towards a knocking guest.
   */
  private readonly prepared = new PreparedSlot();
  private name = '';
  private lastSentMedia: MediaState | null = null;
  private localChatSeq = 0;
  private readonly unsubscribers: (() => void)[] = [];

  constructor(private readonly options: LoungeSessionOptions) {
    super(
      {
        phase: { kind: 'prejoin' },
        status: 'disconnected',
        self: null,
        roomName: null,
        mode: null,
        remotes: [],
        knocks: [],
        chat: [],
        sharedMachine: null,
        notice: null,
      },
      RENDER_DELAY_MS,
    );
    this.media = options.media;
    this.client =
      options.client ?? new SignalingClient({ url: signalingUrl(location, SIGNALING_PATH) });
  }

  /**
   * Starts listening to the socket and the media and opens the devices for the pre-join page;
   * returns the function that leaves and releases everything (the page calls it on unmount).
   */
  attach(): () => void {
    this.unsubscribers.push(
      this.client.onMessage((m) => this.handleMessage(m)),
      this.client.onStatus((status) => this.update({ status })),
      this.client.onOpen(({ resuming }) => this.handleOpen(resuming)),
      this.media.subscribe(() => this.handleMediaChange()),
    );
    this.media.activate();
    if (this.getSnapshot().phase.kind === 'prejoin') {
      void this.media.start().then(() => warmUpWebRtc());
    }
    return () => this.detach();
  }

  /** Replaces the alert callback (the page passes one bound to the current language). */
  setKnockAlert(onNewKnocks: (knocks: KnockInfo[]) => void): void {
    this.options.onNewKnocks = onNewKnocks;
  }

  /** Connects and knocks with `name` (the host walks straight in). */
  join(name: string): void {
    this.name = name.trim();
    savePreferences({ name: this.name });
    this.update({ phase: { kind: 'connecting' }, notice: null, chat: [], knocks: [] });
    if (typeof window !== 'undefined') window.addEventListener('pagehide', this.handlePageHide);
    if (this.client.status === 'connected') this.knock();
    else this.client.connect();
  }

  /** Leaves cleanly: tells the server, closes every connection and releases the devices. */
  leave(): void {
    this.client.send({ type: ClientMessage.Leave });
    this.shutDown({ kind: 'left' });
  }

  /** Back to the pre-join page after leaving or being turned away. */
  rejoin(): void {
    this.update({ phase: { kind: 'prejoin' }, notice: null });
    this.media.wantDevices();
    void this.media.start();
  }

  /** Lets a waiting guest in (host). */
  admit(knockId: KnockId): void {
    this.client.send({ type: ClientMessage.Admit, knockId });
  }

  /** Asks a waiting guest to hold on, with a short message (host). */
  hold(knockId: KnockId, message: string): void {
    this.client.send({ type: ClientMessage.Hold, knockId, message });
  }

  /** Turns a waiting guest away (host). */
  reject(knockId: KnockId): void {
    this.client.send({ type: ClientMessage.Reject, knockId });
  }

  /** Applies a lobby mode change the host made over HTTP, before the server's echo arrives. */
  setMode(mode: RoomMode): void {
    this.update({ mode });
  }

  /** Hides the current notice. */
  dismissNotice(): void {
    this.update({ notice: null });
  }

  /** Shows one of the host's machines to everyone in the call (hosts only; the server checks). */
  shareMachine(machineId: MachineId): boolean {
    return this.client.send({ type: ClientMessage.ShareMachine, machineId });
  }

  /** Stops showing the shared machine; every participant's grant ends at once. */
  unshareMachine(): boolean {
    return this.client.send({ type: ClientMessage.UnshareMachine });
  }

  /** Sends a chat message; it shows at once and is confirmed by the server's echo. */
  sendChat(text: string): boolean {
    const trimmed = text.trim();
    if (!trimmed || !this.client.send({ type: ClientMessage.Chat, text: trimmed })) return false;
    this.localChatSeq += 1;
    const chat = appendChat(this.getSnapshot().chat, {
      id: `local-${this.localChatSeq}`,
      fromSelf: true,
      name: this.getSnapshot().self?.name ?? this.name,
      text: trimmed,
      sentAt: Date.now(),
      pending: true,
    });
    this.update({ chat });
    return true;
  }

  /** Mutes or unmutes the microphone. */
  async toggleMic(): Promise<void> {
    const s = this.media.getSnapshot();
    await this.media.setMicOn(!(s.micOn && s.mic));
  }

  /** Turns the camera off or on. */
  async toggleCamera(): Promise<void> {
    const s = this.media.getSnapshot();
    await this.media.setCameraOn(!(s.cameraOn && s.camera));
  }

  /** Starts or stops sharing the screen. */
  async toggleScreen(): Promise<void> {
    if (this.media.getSnapshot().screen) this.media.stopScreen();
    else await this.media.startScreen();
  }

  private detach(): void {
    const { phase } = this.getSnapshot();
    if (isKnocking(phase) || phase.kind === 'call') this.client.send({ type: ClientMessage.Leave });
    for (const unsubscribe of this.unsubscribers.splice(0)) unsubscribe();
    this.shutDown(isKnocking(phase) || phase.kind === 'call' ? { kind: 'prejoin' } : phase);
    this.media.dispose();
  }

  private knock(): void {
    const { handle, link } = this.options;
    this.client.send({
      type: ClientMessage.Knock,
      room: handle,
      name: this.name,
      ...(link ? { link } : {}),
    });
  }

  private handleOpen(resuming: boolean): void {
    const { phase } = this.getSnapshot();
    // Without a session to resume, a page that was knocking (or lost its call) knocks again.
    if (!resuming && (isKnocking(phase) || phase.kind === 'call')) this.knock();
  }

  private handleMessage(message: ServerMessageData): void {
    const before = this.getSnapshot().phase;
    if (before.kind === 'prejoin' || isFinal(before)) return;
    const phase = phaseAfter(before, message);
    if (phase !== before) this.update({ phase });
    if (phase.kind === 'waiting' || phase.kind === 'held') {
      this.prepared.fill(this.outgoing(), 'offer', []);
    }
    switch (message.type) {
      case ServerMessage.Joined:
      case ServerMessage.Resumed:
        this.enterRoom(message, message.type === ServerMessage.Resumed);
        break;
      case ServerMessage.PeerJoined:
        this.participants.set(message.peer.peerId, message.peer);
        if (this.mesh?.get(message.peer.peerId)) this.mesh.peerReturned(message.peer.peerId);
        else this.mesh?.ensure(message.peer.peerId);
        this.refreshRemotes();
        break;
      case ServerMessage.PeerLeft:
        this.participants.delete(message.peerId);
        this.mesh?.remove(message.peerId);
        this.refreshRemotes();
        break;
      case ServerMessage.PeerMedia:
        this.patchParticipant(message.peerId, { media: message.media });
        break;
      case ServerMessage.PeerConnection:
        // Signals to an absent peer are buffered by the server, so nothing needs re-sending here.
        this.patchParticipant(message.peerId, { connected: message.connected });
        break;
      case ServerMessage.Mode:
        this.update({ mode: message.mode });
        break;
      case ServerMessage.Signal:
        void this.mesh?.handleSignal(message.from, message);
        break;
      case ServerMessage.Chat:
        this.update({
          chat: receiveChat(this.getSnapshot().chat, message, this.getSnapshot().self?.peerId),
        });
        break;
      case ServerMessage.Queue:
        this.updateQueue(message.knocks);
        break;
      case ServerMessage.MachineShared:
        this.update({ sharedMachine: message.machine });
        break;
      case ServerMessage.MachineUnshared:
        this.update({ sharedMachine: null });
        break;
      case ServerMessage.Error:
        this.handleError(message.code, before);
        break;
      default:
        break;
    }
    if (isFinal(phase)) this.shutDown(phase);
  }

  private enterRoom(
    message: Extract<ServerMessageData, { type: 'room.joined' | 'room.resumed' }>,
    resumed: boolean,
  ): void {
    const iceServers: RTCIceServer[] = message.iceServers;
    if (!resumed || !this.mesh || this.mesh.selfId !== message.self.peerId) {
      this.mesh?.close();
      this.participants.clear();
      this.mesh = new Mesh({
        selfId: message.self.peerId,
        iceServers,
        outgoing: this.outgoing(),
        sendSignal: (to, body) => this.client.send({ type: ClientMessage.Signal, to, ...body }),
        onChange: () => this.refreshRemotes(),
        takePrepared: (role) => this.prepared.take(role),
      });
    } else {
      // Peers missing from a resumed list may simply not have resumed yet: keep them.
      this.mesh.restartAll(iceServers);
    }
    for (const peer of message.peers) {
      if (peer.peerId === message.self.peerId) continue;
      this.participants.set(peer.peerId, peer);
      // A fresh join found these people in the room: this page offers to them. Someone new in a
      // resumed list joined while this page was away and got this page in their own list, so
      // their offer is on its way (buffered by the server).
      this.mesh.ensure(peer.peerId, !resumed);
    }
    // Nobody to call yet: a spare connection would only linger beside the mesh.
    this.prepared.drop();
    this.update({
      self: message.self,
      roomName: message.roomName,
      mode: message.mode,
      sharedMachine: message.sharedMachine ?? null,
    });
    this.lastSentMedia = null;
    this.sendMediaState();
    this.refreshRemotes();
  }

  private handleError(code: ErrorCode, phase: LoungePhase): void {
    if (code === ErrorCode.ResumeFailed) {
      // The server forgot this page (grace period over): start again with a fresh knock.
      this.mesh?.close();
      this.mesh = null;
      this.participants.clear();
      this.update({ phase: { kind: 'connecting' }, self: null, remotes: [] });
      this.knock();
      return;
    }
    // Trickled candidates to a peer who just left answer not_found; that is no news to anyone.
    if (code === ErrorCode.NotFound) return;
    if (
      phase.kind === 'call' ||
      !isFinal(phaseAfter(phase, { type: 'error', code, message: '' }))
    ) {
      this.update({ notice: code });
    }
  }

  private updateQueue(knocks: KnockInfo[]): void {
    this.update({ knocks });
    if (knocks.length === 0) this.prepared.drop();
    else if (this.mesh) this.prepared.fill(this.outgoing(), 'answer', this.mesh.servers);
    const fresh = takeNewKnocks(this.seenKnocks, knocks);
    if (fresh.length > 0) this.options.onNewKnocks?.(fresh);
  }

  private patchParticipant(peerId: PeerId, patch: Partial<PeerInfo>): void {
    const current = this.participants.get(peerId);
    if (!current) return;
    this.participants.set(peerId, { ...current, ...patch });
    this.refreshRemotes();
  }

  private refreshRemotes(): void {
    const remotes: RemoteView[] = [];
    for (const info of this.participants.values()) {
      const peer = this.mesh?.get(info.peerId);
      remotes.push({
        peerId: info.peerId,
        name: info.name,
        role: info.role,
        media: info.media,
        signalingConnected: info.connected,
        connectionState: peer?.connectionState ?? 'new',
        // Shown from the first connection on: a <video> with remote audio is costly to set up
        // (Chromium opens an audio output for it) and has nothing to play before media flows,
        // so setting it up is kept out of the offer/answer exchange.
        cameraStream: peer?.connectedOnce ? peer.cameraStream : null,
        screenStream: peer?.screenStream ?? null,
      });
    }
    this.update({ remotes });
  }

  private outgoing(): OutgoingMedia {
    const s = this.media.getSnapshot();
    return { audio: s.mic, video: s.camera, screen: s.screen };
  }

  private currentMediaState(): MediaState {
    const s = this.media.getSnapshot();
    return {
      audio: s.mic !== null && s.micOn,
      video: s.camera !== null,
      screenStreamId: s.screen?.stream.id ?? null,
    };
  }

  private sendMediaState(): void {
    const media = this.currentMediaState();
    if (sameMedia(this.lastSentMedia, media)) return;
    if (this.client.send({ type: ClientMessage.Media, media })) this.lastSentMedia = media;
  }

  private handleMediaChange(): void {
    this.mesh?.setOutgoing(this.outgoing());
    if (this.getSnapshot().phase.kind === 'call') this.sendMediaState();
  }

  private readonly handlePageHide = (): void => {
    const { phase } = this.getSnapshot();
    if (isKnocking(phase) || phase.kind === 'call') this.client.send({ type: ClientMessage.Leave });
  };

  private shutDown(phase: LoungePhase): void {
    if (typeof window !== 'undefined') window.removeEventListener('pagehide', this.handlePageHide);
    this.client.close();
    this.mesh?.close();
    this.mesh = null;
    this.prepared.drop();
    this.participants.clear();
    this.media.stopAll();
    this.lastSentMedia = null;
    this.update({ phase, self: null, remotes: [], knocks: [] });
  }
}
