import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../shared/protocol/signaling';
import type { ServerMessageData } from '../../shared/protocol/signaling';
import type { PeerId } from '../../shared/ids';
import { phaseAfter } from './phase';
import type { LoungePhase } from './phase';

const self = {
  peerId: 'peer-self-1' as PeerId,
  name: 'Ada',
  role: 'guest' as const,
  media: { audio: true, video: true, screenStreamId: null },
  connected: true,
};
const joined: ServerMessageData = {
  type: 'room.joined',
  self,
  roomName: 'Lounge',
  mode: 'knock',
  peers: [],
  iceServers: [],
  resumeToken: 't',
};
const error = (code: ErrorCode): ServerMessageData => ({ type: 'error', code, message: '' });
const connecting: LoungePhase = { kind: 'connecting' };
const call: LoungePhase = { kind: 'call' };

describe('phaseAfter', () => {
  it('moves a knocking guest to waiting, then held with the message, then into the call', () => {
    let phase = phaseAfter(connecting, { type: 'lobby.waiting', roomName: 'Lounge' });
    expect(phase).toEqual({ kind: 'waiting' });
    phase = phaseAfter(phase, { type: 'lobby.held', message: '2 minutes, please' });
    expect(phase).toEqual({ kind: 'held', message: '2 minutes, please' });
    expect(phaseAfter(phase, joined)).toEqual(call);
  });

  it('ends a knock on rejection', () => {
    expect(phaseAfter({ kind: 'waiting' }, { type: 'lobby.rejected' })).toEqual({
      kind: 'rejected',
    });
  });

  it('maps a full or locked room to their own phases', () => {
    expect(phaseAfter(connecting, error(ErrorCode.RoomFull))).toEqual({ kind: 'full' });
    expect(phaseAfter(connecting, error(ErrorCode.RoomLocked))).toEqual({ kind: 'locked' });
  });

  it('ends a knock with the error code when retrying cannot help', () => {
    expect(phaseAfter(connecting, error(ErrorCode.RoomNotFound))).toEqual({
      kind: 'failed',
      code: ErrorCode.RoomNotFound,
    });
  });

  it('keeps waiting after a transient error', () => {
    expect(phaseAfter({ kind: 'waiting' }, error(ErrorCode.RateLimited))).toEqual({
      kind: 'waiting',
    });
  });

  it('never ends a running call because of an error frame', () => {
    for (const code of Object.values(ErrorCode)) {
      expect(phaseAfter(call, error(code))).toEqual(call);
    }
  });

  it('ignores lobby messages once the page is in the call or has left', () => {
    expect(phaseAfter(call, { type: 'lobby.rejected' })).toEqual(call);
    expect(phaseAfter({ kind: 'left' }, joined)).toEqual({ kind: 'left' });
  });
});
