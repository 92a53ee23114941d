import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SignalingClient, signalingUrl } from './SignalingClient';
import type { SignalingStatus } from './SignalingClient';
import { FakeNetwork, FakeSocket } from './fakeSocket';

const self = {
  peerId: 'peer-self-1',
  name: 'Ada',
  role: 'guest',
  media: { audio: true, video: true, screenStreamId: null },
  connected: true,
};
const joined = (token: string) => ({
  type: 'room.joined',
  self,
  roomName: 'Lounge',
  mode: 'knock',
  peers: [],
  iceServers: [],
  resumeToken: token,
});

function setup() {
  const sockets: FakeSocket[] = [];
  const network = new FakeNetwork();
  const client = new SignalingClient({
    url: 'ws://127.0.0.1/ws',
    createSocket: () => {
      const socket = new FakeSocket();
      sockets.push(socket);
      return socket;
    },
    random: () => 0.5,
    networkEvents: [network],
  });
  const statuses: SignalingStatus[] = [];
  client.onStatus((s) => statuses.push(s));
  const last = (): FakeSocket => {
    const socket = sockets.at(-1);
    if (!socket) throw new Error('no socket');
    return socket;
  };
  return { client, sockets, network, statuses, last };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('SignalingClient', () => {
  it('reports connecting, then connected once the socket opens', () => {
    const { client, last, statuses } = setup();
    client.connect();
    last().accept();
    expect(statuses).toEqual(['connecting', 'connected']);
    client.close();
  });

  it('passes valid frames on and silently drops invalid ones', () => {
    const { client, last } = setup();
    const received: string[] = [];
    client.onMessage((m) => received.push(m.type));
    client.connect();
    last().accept();
    last().receive('not json');
    last().receive({ type: 'peer.left', peerId: 'x' });
    last().receive({ type: 'lobby.waiting', roomName: 'Lounge' });
    expect(received).toEqual(['lobby.waiting']);
    client.close();
  });

  it('reconnects after a drop with growing delays and resumes with the latest token', () => {
    const { client, sockets, last, statuses } = setup();
    const opens: boolean[] = [];
    client.onOpen((info) => opens.push(info.resuming));
    client.connect();
    last().accept();
    last().receive(joined('token-1'));
    last().receive({ ...joined('token-2'), type: 'room.resumed' });

    last().serverClose(1012);
    expect(statuses.at(-1)).toBe('reconnecting');
    vi.advanceTimersByTime(499);
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(2);
    last().serverClose();
    vi.advanceTimersByTime(999);
    expect(sockets).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(3);

    last().accept();
    expect(last().sent).toEqual([{ type: 'resume', token: 'token-2' }]);
    expect(opens).toEqual([false, true]);
    expect(statuses.at(-1)).toBe('connected');
    client.close();
  });

  it('forgets the token when the server refuses to resume', () => {
    const { client, last } = setup();
    client.connect();
    last().accept();
    last().receive(joined('token-1'));
    last().receive({ type: 'error', code: 'resume_failed', message: 'gone' });
    expect(client.resumeToken).toBeNull();
    client.close();
  });

  it('pings when idle and drops a socket that stays silent', () => {
    const { client, sockets, last, statuses } = setup();
    client.connect();
    last().accept();
    vi.advanceTimersByTime(10_000);
    expect(last().sent).toEqual([{ type: 'ping' }]);
    vi.advanceTimersByTime(5_000);
    expect(sockets[0]?.closed).toBe(true);
    expect(statuses.at(-1)).toBe('reconnecting');
    client.close();
  });

  it('keeps a socket that answers the ping', () => {
    const { client, sockets, last } = setup();
    client.connect();
    last().accept();
    vi.advanceTimersByTime(10_000);
    last().receive({ type: 'pong' });
    vi.advanceTimersByTime(5_000);
    expect(sockets).toHaveLength(1);
    expect(sockets[0]?.closed).toBe(false);
    client.close();
  });

  it('reconnects at once when the browser comes back online', () => {
    const { client, sockets, network, last } = setup();
    client.connect();
    last().accept();
    last().serverClose();
    expect(sockets).toHaveLength(1);
    network.fire('online');
    expect(sockets).toHaveLength(2);
    client.close();
  });

  it('probes a seemingly open socket after a network change', () => {
    const { client, sockets, network, last } = setup();
    client.connect();
    last().accept();
    network.fire('change');
    expect(last().sent).toEqual([{ type: 'ping' }]);
    vi.advanceTimersByTime(3_000);
    expect(sockets[0]?.closed).toBe(true);
    vi.advanceTimersByTime(500);
    expect(sockets).toHaveLength(2);
    client.close();
  });

  it('stays closed after close(): no reconnect, status disconnected', () => {
    const { client, sockets, last, statuses } = setup();
    client.connect();
    last().accept();
    client.close();
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(1);
    expect(statuses.at(-1)).toBe('disconnected');
    expect(client.send({ type: 'ping' })).toBe(false);
  });
});

describe('signalingUrl', () => {
  it('uses wss on https pages and ws otherwise', () => {
    expect(signalingUrl({ protocol: 'https:', host: 'a.example:8443' }, '/ws')).toBe(
      'wss://a.example:8443/ws',
    );
    expect(signalingUrl({ protocol: 'http:', host: '127.0.0.1:8080' }, '/ws')).toBe(
      'ws://127.0.0.1:8080/ws',
    );
  });
});
