// A machine panel shared into a call. A host shows one of their machines; every participant gets
// a grant of their own: a signed token naming the room, the share, the machine and the
// participant. A grant opens that machine's chart read-only and only while the share is on and
// its holder is still in the call; the share ends when the host stops it or the call empties.
import { z } from 'zod';
import type { MachineId, PeerId, RoomId } from '../../shared/ids.js';
import { ServerMessage } from '../../shared/protocol/signaling.js';
import type { SharedMachine } from '../../shared/protocol/signaling.js';
import type { Db } from '../db/database.js';
import { newId } from '../lib/random.js';
import { signClaims, verifyClaims } from '../lib/signed-token.js';
import { getMachine } from '../machines/machine.service.js';
import type { Connection } from './connection.js';
import type { Hub } from './hub.js';
import type { LiveRoom, Participant } from './live-room.js';
import { forbidden } from './signal-errors.js';

const PURPOSE = 'nahbar.machine-grant.v1';
/** Upper bound of a grant's life; in practice it ends with the share or the call. */
const GRANT_TTL_MS = 12 * 60 * 60 * 1000;

/** What a machine grant asserts. */
export interface MachineGrant {
  roomId: RoomId;
  shareId: string;
  machineId: MachineId;
  peerId: PeerId;
  exp: number;
}

const grantSchema = z.object({
  roomId: z.string().min(1).max(64),
  shareId: z.string().min(1).max(64),
  machineId: z.string().min(1).max(64),
  peerId: z.string().min(1).max(64),
  exp: z.number().int(),
});

/** The machine a room shows right now. */
export interface RoomShare {
  shareId: string;
  machineId: MachineId;
  name: string;
}

/** The panel as one participant receives it, with their own grant. */
export function sharedMachineFor(hub: Hub, live: LiveRoom, p: Participant): SharedMachine | null {
  const share = live.share;
  if (!share) return null;
  const grant = signClaims(hub.deps.secret, PURPOSE, {
    roomId: live.id,
    shareId: share.shareId,
    machineId: share.machineId,
    peerId: p.peerId,
    exp: hub.deps.clock.now() + GRANT_TTL_MS,
  });
  return { machineId: share.machineId, name: share.name, grant };
}

function announce(hub: Hub, live: LiveRoom): void {
  for (const p of live.participants.values()) {
    const machine = sharedMachineFor(hub, live, p);
    p.connection?.send(
      machine
        ? { type: ServerMessage.MachineShared, machine }
        : { type: ServerMessage.MachineUnshared },
    );
  }
}

function hostOf(hub: Hub, conn: Connection): { live: LiveRoom; p: Participant } {
  const found = hub.participantOf(conn);
  if (!found || found.p.role !== 'host' || !found.p.userId || !conn.origin.user) {
    throw forbidden('Only the host can share a machine');
  }
  return found;
}

/** Shows one of the host's machines to everyone in the call. */
export async function shareMachine(
  hub: Hub,
  db: Db,
  conn: Connection,
  machineId: MachineId,
): Promise<void> {
  const { live } = hostOf(hub, conn);
  const user = conn.origin.user!;
  // NotFound for a machine the host may not see, as the machine routes answer.
  const machine = await getMachine(db, { id: user.id, isOwner: user.role === 'owner' }, machineId);
  if (conn.closed || hub.stopped || !hub.participantOf(conn)) return;
  live.share = { shareId: newId(), machineId, name: machine.row.name };
  announce(hub, live);
}

/** Stops showing the machine; every grant of the share stops working at once. */
export function unshareMachine(hub: Hub, conn: Connection): void {
  const { live } = hostOf(hub, conn);
  if (!live.share) return;
  live.share = null;
  announce(hub, live);
}

/** The grant's claims while it opens its machine: the share is on and its holder in the call. */
export function checkMachineGrant(hub: Hub, token: string): MachineGrant | null {
  const claims = verifyClaims(hub.deps.secret, PURPOSE, token, grantSchema, hub.deps.clock.now());
  if (!claims) return null;
  const live = hub.rooms.get(claims.roomId as RoomId);
  const share = live?.share;
  if (!live || !share || share.shareId !== claims.shareId || share.machineId !== claims.machineId) {
    return null;
  }
  if (!live.participants.has(claims.peerId as PeerId)) return null;
  return {
    roomId: live.id,
    shareId: share.shareId,
    machineId: share.machineId,
    peerId: claims.peerId as PeerId,
    exp: claims.exp,
  };
}
