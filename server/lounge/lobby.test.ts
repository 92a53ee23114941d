// The lobby state machine: knock decisions and knock transitions, without sockets.
import { describe, expect, it } from 'vitest';
import type { KnockId } from '../../shared/ids.js';
import { Lobby, decideKnock, hasSpace, nextKnockStatus } from './lobby.js';
import type { KnockEvent, KnockStatus } from './lobby.js';

const id = (s: string) => s as KnockId;

describe('decideKnock', () => {
  const base = { mode: 'knock', occupancy: 1, capacity: 4, isHost: false } as const;

  it('lets the owner in as host whatever the mode and occupancy', () => {
    for (const mode of ['knock', 'open', 'locked'] as const) {
      expect(decideKnock({ ...base, mode, occupancy: 4, isHost: true })).toEqual({ kind: 'host' });
    }
  });

  it('sends a guest to the lobby of a room in knock mode', () => {
    expect(decideKnock(base)).toEqual({ kind: 'wait' });
    expect(decideKnock({ ...base, occupancy: 0 })).toEqual({ kind: 'wait' });
  });

  it('lets a guest walk into an open room', () => {
    expect(decideKnock({ ...base, mode: 'open' })).toEqual({ kind: 'enter' });
  });

  it('refuses a guest at a locked room, even an empty one', () => {
    expect(decideKnock({ ...base, mode: 'locked', occupancy: 0 })).toEqual({
      kind: 'refuse',
      code: 'room_locked',
    });
  });

  it('refuses a guest when occupancy has reached capacity, in knock and open mode', () => {
    for (const mode of ['knock', 'open'] as const) {
      expect(decideKnock({ ...base, mode, occupancy: 4 })).toEqual({
        kind: 'refuse',
        code: 'room_full',
      });
    }
    expect(decideKnock({ ...base, mode: 'open', occupancy: 3 })).toEqual({ kind: 'enter' });
  });

  it('counts space strictly below capacity', () => {
    expect(hasSpace(3, 4)).toBe(true);
    expect(hasSpace(4, 4)).toBe(false);
    expect(hasSpace(5, 4)).toBe(false);
  });
});

describe('nextKnockStatus', () => {
  const events: KnockEvent[] = ['hold', 'admit', 'reject', 'leave'];

  it('moves a waiting knock to held, admitted, rejected or left', () => {
    expect(events.map((e) => nextKnockStatus('waiting', e))).toEqual([
      'held',
      'admitted',
      'rejected',
      'left',
    ]);
  });

  it('lets a held knock be held again, admitted, rejected or leave', () => {
    expect(events.map((e) => nextKnockStatus('held', e))).toEqual([
      'held',
      'admitted',
      'rejected',
      'left',
    ]);
  });

  it('allows nothing after admitted, rejected or left', () => {
    for (const status of ['admitted', 'rejected', 'left'] as KnockStatus[]) {
      expect(events.map((e) => nextKnockStatus(status, e))).toEqual([null, null, null, null]);
    }
  });
});

describe('Lobby', () => {
  function lobbyOfThree() {
    const lobby = new Lobby<string>();
    lobby.add({
      knockId: id('k1'),
      name: 'Anna',
      contactId: null,
      company: null,
      knockedAt: 1,
      owner: 'socket-1',
    });
    lobby.add({
      knockId: id('k2'),
      name: 'Bernd',
      contactId: null,
      company: null,
      knockedAt: 2,
      owner: 'socket-2',
    });
    lobby.add({
      knockId: id('k3'),
      name: 'Cem',
      contactId: null,
      company: null,
      knockedAt: 3,
      owner: 'socket-3',
    });
    return lobby;
  }

  it('keeps knocks in arrival order and shows hosts no owner handles', () => {
    const lobby = lobbyOfThree();
    expect(lobby.size).toBe(3);
    expect(lobby.snapshot()).toEqual([
      {
        knockId: 'k1',
        name: 'Anna',
        company: null,
        booking: null,
        knockedAt: 1,
        heldMessage: null,
      },
      {
        knockId: 'k2',
        name: 'Bernd',
        company: null,
        booking: null,
        knockedAt: 2,
        heldMessage: null,
      },
      { knockId: 'k3', name: 'Cem', company: null, booking: null, knockedAt: 3, heldMessage: null },
    ]);
  });

  it('holds a knock with a message and keeps it queued in place', () => {
    const lobby = lobbyOfThree();
    expect(lobby.hold(id('k2'), '2 minutes, please')).toMatchObject({
      status: 'held',
      heldMessage: '2 minutes, please',
      owner: 'socket-2',
    });
    expect(lobby.hold(id('k2'), 'Gleich!')?.heldMessage).toBe('Gleich!');
    expect(lobby.list().map((k) => k.knockId)).toEqual(['k1', 'k2', 'k3']);
  });

  it('removes a knock when it is admitted, rejected or left, exactly once', () => {
    const lobby = lobbyOfThree();
    expect(lobby.resolve(id('k1'), 'admit')).toMatchObject({
      status: 'admitted',
      owner: 'socket-1',
    });
    lobby.hold(id('k2'), 'Moment');
    expect(lobby.resolve(id('k2'), 'reject')).toMatchObject({ status: 'rejected' });
    expect(lobby.resolve(id('k3'), 'leave')).toMatchObject({ status: 'left' });
    expect(lobby.size).toBe(0);
    expect(lobby.resolve(id('k1'), 'admit')).toBeUndefined();
    expect(lobby.hold(id('k3'), 'too late')).toBeUndefined();
    expect(lobby.get(id('k2'))).toBeUndefined();
  });

  it('answers undefined for unknown knocks', () => {
    const lobby = lobbyOfThree();
    expect(lobby.get(id('nope'))).toBeUndefined();
    expect(lobby.hold(id('nope'), 'x')).toBeUndefined();
    expect(lobby.resolve(id('nope'), 'reject')).toBeUndefined();
    expect(lobby.size).toBe(3);
  });
});
