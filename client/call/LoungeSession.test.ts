import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { KnockInfo } from '../../shared/protocol/signaling';
import { FakeNetwork, FakeSocket } from './fakeSocket';
import { LocalMedia } from './LocalMedia';
import { LoungeSession } from './LoungeSession';
import { SignalingClient } from './SignalingClient';

const selfInfo = {
  peerId: 'peer-self-1',
  name: 'Gina',
  role: 'guest',
  media: { audio: false, video: false, screenStreamId: null },
  connected: true,
};
const joined = {
  type: 'room.joined',
  self: selfInfo,
  roomName: 'Lounge',
  mode: 'knock',
  peers: [],
  iceServers: [],
  resumeToken: 'token-1',
};
const knockInfo = (id: string, name: string) => ({
  knockId: id,
  name,
  knockedAt: 1,
  heldMessage: null,
});

function setup() {
  const sockets: FakeSocket[] = [];
  const client = new SignalingClient({
    url: 'ws://127.0.0.1/ws',
    createSocket: () => {
      const socket = new FakeSocket();
      sockets.push(socket);
      return socket;
    },
    random: () => 0.5,
    networkEvents: [new FakeNetwork()],
  });
  const alerts: string[][] = [];
  const media = new LocalMedia();
  const session = new LoungeSession({
    handle: 'gina-lounge',
    media,
    client,
    onNewKnocks: (knocks: KnockInfo[]) => alerts.push(knocks.map((k) => k.name)),
  });
  const detach = session.attach();
  const socket = (): FakeSocket => {
    const last = sockets.at(-1);
    if (!last) throw new Error('no socket yet');
    return last;
  };
  return { session, socket, sockets, alerts, detach };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('LoungeSession', () => {
  it('knocks with the room handle and the trimmed name as soon as the socket opens', () => {
    const { session, socket, detach } = setup();
    session.join('  Gina  ');
    expect(session.getSnapshot().phase).toEqual({ kind: 'connecting' });
    socket().accept();
    expect(socket().sent).toEqual([{ type: 'knock', room: 'gina-lounge', name: 'Gina' }]);
    detach();
  });

  it('follows waiting and held, then enters the call and announces its media', () => {
    const { session, socket, detach } = setup();
    session.join('Gina');
    socket().accept();
    socket().receive({ type: 'lobby.waiting', roomName: 'Lounge' });
    expect(session.getSnapshot().phase).toEqual({ kind: 'waiting' });
    socket().receive({ type: 'lobby.held', message: '2 minutes, please' });
    expect(session.getSnapshot().phase).toEqual({ kind: 'held', message: '2 minutes, please' });
    socket().receive(joined);
    expect(session.getSnapshot().phase).toEqual({ kind: 'call' });
    expect(socket().sent.at(-1)).toEqual({
      type: 'media.state',
      media: { audio: false, video: false, screenStreamId: null },
    });
    detach();
  });

  it('closes the socket for good when the guest is turned away', () => {
    const { session, socket, sockets, detach } = setup();
    session.join('Gina');
    socket().accept();
    socket().receive({ type: 'lobby.waiting', roomName: 'Lounge' });
    socket().receive({ type: 'lobby.rejected' });
    expect(session.getSnapshot().phase).toEqual({ kind: 'rejected' });
    expect(socket().closed).toBe(true);
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(1);
    detach();
  });

  it('shows a full room as full and a locked room as locked', () => {
    const full = setup();
    full.session.join('Gina');
    full.socket().accept();
    full.socket().receive({ type: 'error', code: 'room_full', message: 'full' });
    expect(full.session.getSnapshot().phase).toEqual({ kind: 'full' });
    full.detach();

    const locked = setup();
    locked.session.join('Gina');
    locked.socket().accept();
    locked.socket().receive({ type: 'error', code: 'room_locked', message: 'locked' });
    expect(locked.session.getSnapshot().phase).toEqual({ kind: 'locked' });
    locked.detach();
  });

  it('knocks again when a waiting guest loses the socket and gets it back', () => {
    const { session, socket, sockets, detach } = setup();
    session.join('Gina');
    socket().accept();
    socket().receive({ type: 'lobby.waiting', roomName: 'Lounge' });
    socket().serverClose();
    vi.advanceTimersByTime(500);
    expect(sockets).toHaveLength(2);
    socket().accept();
    expect(socket().sent).toEqual([{ type: 'knock', room: 'gina-lounge', name: 'Gina' }]);
    detach();
  });

  it('resumes a call after a drop and knocks afresh when the server cannot resume it', () => {
    const { session, socket, detach } = setup();
    session.join('Gina');
    socket().accept();
    socket().receive(joined);
    socket().serverClose(1012);
    expect(session.getSnapshot().status).toBe('reconnecting');
    expect(session.getSnapshot().phase).toEqual({ kind: 'call' });
    vi.advanceTimersByTime(500);
    socket().accept();
    expect(socket().sent).toEqual([{ type: 'resume', token: 'token-1' }]);
    socket().receive({ type: 'error', code: 'resume_failed', message: 'gone' });
    expect(session.getSnapshot().phase).toEqual({ kind: 'connecting' });
    expect(socket().sent.at(-1)).toEqual({ type: 'knock', room: 'gina-lounge', name: 'Gina' });
    detach();
  });

  it('alerts the host once for every new knock, several at once included', () => {
    const { session, socket, alerts, detach } = setup();
    session.join('Olga');
    socket().accept();
    socket().receive({ ...joined, self: { ...selfInfo, role: 'host' } });
    socket().receive({
      type: 'lobby.queue',
      knocks: [knockInfo('knock-aaaa', 'Anna'), knockInfo('knock-bbbb', 'Bernd')],
    });
    socket().receive({
      type: 'lobby.queue',
      knocks: [knockInfo('knock-bbbb', 'Bernd'), knockInfo('knock-cccc', 'Carla')],
    });
    expect(alerts).toEqual([['Anna', 'Bernd'], ['Carla']]);
    expect(session.getSnapshot().knocks.map((k) => k.name)).toEqual(['Bernd', 'Carla']);
    detach();
  });

  it('shows an own chat message at once and replaces it with the server echo', () => {
    const { session, socket, detach } = setup();
    session.join('Gina');
    socket().accept();
    socket().receive(joined);
    expect(session.sendChat('  <img src=x onerror=alert(1)>  ')).toBe(true);
    expect(session.getSnapshot().chat).toMatchObject([
      { text: '<img src=x onerror=alert(1)>', pending: true, fromSelf: true },
    ]);
    socket().receive({
      type: 'chat.message',
      id: 'msg-1',
      from: 'peer-self-1',
      name: 'Gina',
      text: '<img src=x onerror=alert(1)>',
      sentAt: 5,
    });
    expect(session.getSnapshot().chat).toMatchObject([
      { id: 'msg-1', pending: false, fromSelf: true },
    ]);
    detach();
  });

  it('shows a machine shared into the call until the host stops sharing it', () => {
    const { session, socket, detach } = setup();
    session.join('Gina');
    socket().accept();
    const machine = { machineId: 'machine-0001', name: 'Fräse 7', grant: 'grant.sig' };
    socket().receive({ ...joined, sharedMachine: machine });
    expect(session.getSnapshot().sharedMachine).toEqual(machine);
    socket().receive({ type: 'machine.unshared' });
    expect(session.getSnapshot().sharedMachine).toBeNull();
    socket().receive({ type: 'machine.shared', machine: { ...machine, grant: 'grant.two' } });
    expect(session.getSnapshot().sharedMachine?.grant).toBe('grant.two');
    expect(session.shareMachine('machine-0002' as never)).toBe(true);
    expect(session.unshareMachine()).toBe(true);
    expect(socket().sent.slice(-2)).toEqual([
      { type: 'machine.share', machineId: 'machine-0002' },
      { type: 'machine.unshare' },
    ]);
    detach();
  });

  it('does not send empty chat messages', () => {
    const { session, socket, detach } = setup();
    session.join('Gina');
    socket().accept();
    socket().receive(joined);
    const before = socket().sent.length;
    expect(session.sendChat('   ')).toBe(false);
    expect(socket().sent).toHaveLength(before);
    detach();
  });

  it('leaves with a leave frame and stays disconnected', () => {
    const { session, socket, sockets, detach } = setup();
    session.join('Gina');
    socket().accept();
    socket().receive(joined);
    session.leave();
    expect(socket().sent.at(-1)).toEqual({ type: 'leave' });
    expect(session.getSnapshot().phase).toEqual({ kind: 'left' });
    expect(session.getSnapshot().status).toBe('disconnected');
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(1);
    detach();
  });
});
