// One handler per client message type: authorize by connection state and role, then move people
// through the hub. Handlers throw the named signaling errors; the lounge turns them into frames.
import { findBookingOfLink } from '../booking/booking.reasons.js';
import { findLinkedContact } from '../contacts/link.service.js';
import type { KnockId, PeerId } from '../../shared/ids.js';
import { ClientMessage, ServerMessage } from '../../shared/protocol/signaling.js';
import type { ClientMessageData, ServerMessageInput } from '../../shared/protocol/signaling.js';
import type { Db } from '../db/database.js';
import { newId } from '../lib/random.js';
import { findRoomByHandle, findRoomById } from '../rooms/room.repository.js';
import type { Connection } from './connection.js';
import type { Hub } from './hub.js';
import type { LiveRoom, Participant } from './live-room.js';
import { decideKnock, hasSpace } from './lobby.js';
import { shareMachine, unshareMachine } from './machine-share.js';
import {
  forbidden,
  invalidMessage,
  notFound,
  resumeFailed,
  roomFull,
  roomLocked,
  roomNotFound,
} from './signal-errors.js';
import { verifyResumeToken } from './tokens.js';

type Msg<T extends ClientMessageData['type']> = Extract<ClientMessageData, { type: T }>;

/** Handles one validated client message on behalf of a connection. */
export async function handleClientMessage(
  hub: Hub,
  db: Db,
  conn: Connection,
  msg: ClientMessageData,
): Promise<void> {
  switch (msg.type) {
    case ClientMessage.Knock:
      return knock(hub, db, conn, msg);
    case ClientMessage.Resume:
      return resume(hub, db, conn, msg);
    case ClientMessage.Admit:
      return admit(hub, conn, msg.knockId);
    case ClientMessage.Hold:
      return hold(hub, conn, msg);
    case ClientMessage.Reject:
      return reject(hub, conn, msg.knockId);
    case ClientMessage.Signal:
      return signal(hub, conn, msg);
    case ClientMessage.Chat:
      return chat(hub, conn, msg.text);
    case ClientMessage.Media:
      return media(hub, conn, msg);
    case ClientMessage.Leave:
      return leave(hub, conn);
    case ClientMessage.Ping:
      conn.send({ type: ServerMessage.Pong });
      return;
    case ClientMessage.ShareMachine:
      return shareMachine(hub, db, conn, msg.machineId);
    case ClientMessage.UnshareMachine:
      return unshareMachine(hub, conn);
  }
}

/** True when a handler must stop after an await: the socket went away or the server stops. */
function gone(hub: Hub, conn: Connection): boolean {
  return conn.closed || hub.stopped || conn.state.kind !== 'fresh';
}

function requireFresh(conn: Connection): void {
  if (conn.state.kind !== 'fresh') throw forbidden('This connection is already in a room');
}

async function knock(hub: Hub, db: Db, conn: Connection, msg: Msg<'knock'>): Promise<void> {
  requireFresh(conn);
  const row = await findRoomByHandle(db, msg.room);
  if (!row) throw roomNotFound();
  if (gone(hub, conn)) return;
  const live = hub.room(row);
  await hub.ensureRecovered(live);
  if (gone(hub, conn)) return;
  // A personal link names the contact; an unknown or revoked one lets the guest knock as anyone.
  const linked = msg.link ? await findLinkedContact(db, msg.link, row.id) : null;
  const booking = linked ? await findBookingOfLink(db, linked.linkId) : null;
  if (gone(hub, conn)) return;
  const { clock, config } = hub.deps;
  const user = conn.origin.user;
  const decision = decideKnock({
    mode: live.mode,
    occupancy: live.occupancy,
    capacity: config.capacity,
    isHost: user !== null && user.id === live.ownerId,
  });
  const now = clock.now();
  switch (decision.kind) {
    case 'refuse':
      throw decision.code === 'room_full' ? roomFull() : roomLocked();
    case 'host':
    case 'enter':
      hub.enter(
        live,
        conn,
        {
          peerId: newId<PeerId>(),
          name: msg.name,
          role: decision.kind === 'host' ? 'host' : 'guest',
          userId: user?.id ?? null,
          contactId: decision.kind === 'host' ? null : (linked?.contactId ?? null),
          joinedAt: now,
        },
        ServerMessage.Joined,
      );
      return;
    case 'wait': {
      const knockId = newId<KnockId>();
      live.lobby.add({
        knockId,
        name: msg.name,
        contactId: linked?.contactId ?? null,
        company: linked?.companyName ?? null,
        booking,
        knockedAt: now,
        owner: conn,
      });
      conn.state = { kind: 'knocking', roomId: live.id, knockId };
      conn.send({ type: ServerMessage.Waiting, roomName: live.name });
      live.sendQueueToHosts();
      return;
    }
  }
}

async function resume(hub: Hub, db: Db, conn: Connection, msg: Msg<'resume'>): Promise<void> {
  requireFresh(conn);
  const { clock, config, secret } = hub.deps;
  const claims = verifyResumeToken(secret, msg.token, clock.now());
  if (!claims) throw resumeFailed('The session token is invalid or expired');
  if (hub.hasDeparted(claims.peerId)) throw resumeFailed('This session has ended');
  let live = hub.rooms.get(claims.roomId);
  if (!live) {
    const row = await findRoomById(db, claims.roomId);
    if (!row || row.archived_at !== null) throw resumeFailed('The room no longer exists');
    if (gone(hub, conn)) return;
    live = hub.room(row);
  }
  await hub.ensureRecovered(live);
  if (gone(hub, conn)) return;
  // Checked again: the peer may have timed out while we waited for the database.
  if (hub.hasDeparted(claims.peerId)) throw resumeFailed('This session has ended');
  const existing = live.participants.get(claims.peerId);
  if (existing) {
    hub.takeOver(live, existing, conn);
    return;
  }
  // Not in memory and not departed: the server restarted since the token was issued.
  const role =
    claims.role === 'host' && claims.userId !== null && claims.userId === live.ownerId
      ? 'host'
      : 'guest';
  if (role === 'guest' && !hasSpace(live.occupancy, config.capacity)) throw roomFull();
  hub.enter(
    live,
    conn,
    {
      peerId: claims.peerId,
      name: claims.name,
      role,
      userId: claims.userId,
      // A resume token does not carry the contact; a participant recovered from the meeting
      // record (the usual case after a restart) keeps it.
      contactId: null,
      joinedAt: clock.now(),
    },
    ServerMessage.Resumed,
  );
}

function requireParticipant(hub: Hub, conn: Connection): { live: LiveRoom; p: Participant } {
  const found = hub.participantOf(conn);
  if (!found) throw forbidden('Only participants of a room may do this');
  return found;
}

function requireHost(hub: Hub, conn: Connection): LiveRoom {
  const found = hub.participantOf(conn);
  if (!found || found.p.role !== 'host') throw forbidden('Only the host may do this');
  return found.live;
}

async function admit(hub: Hub, conn: Connection, knockId: KnockId): Promise<void> {
  const live = requireHost(hub, conn);
  if (!live.lobby.get(knockId)) throw notFound('No such knock');
  if (!hasSpace(live.occupancy, hub.deps.config.capacity)) throw roomFull();
  hub.admitKnock(live, knockId);
  live.sendQueueToHosts();
}

async function hold(hub: Hub, conn: Connection, msg: Msg<'lobby.hold'>): Promise<void> {
  const live = requireHost(hub, conn);
  const knock = live.lobby.hold(msg.knockId, msg.message);
  if (!knock) throw notFound('No such knock');
  knock.owner.send({ type: ServerMessage.Held, message: msg.message });
  live.sendQueueToHosts();
}

async function reject(hub: Hub, conn: Connection, knockId: KnockId): Promise<void> {
  const live = requireHost(hub, conn);
  const knock = live.lobby.resolve(knockId, 'reject');
  if (!knock) throw notFound('No such knock');
  knock.owner.state = { kind: 'fresh' };
  knock.owner.send({ type: ServerMessage.Rejected });
  live.sendQueueToHosts();
}

async function signal(hub: Hub, conn: Connection, msg: Msg<'signal'>): Promise<void> {
  const { live, p } = requireParticipant(hub, conn);
  if (!msg.description && !msg.candidate) {
    throw invalidMessage('A signal carries a description or a candidate');
  }
  if (msg.to === p.peerId) throw invalidMessage('A peer cannot signal itself');
  const target = live.participants.get(msg.to);
  if (!target) throw notFound('No such peer in this room');
  const out: ServerMessageInput = {
    type: ServerMessage.Signal,
    from: p.peerId,
    ...(msg.description ? { description: msg.description } : {}),
    ...(msg.candidate ? { candidate: msg.candidate } : {}),
  };
  if (target.connection) target.connection.send(out);
  else live.bufferSignal(target, out);
}

async function chat(hub: Hub, conn: Connection, text: string): Promise<void> {
  const { live, p } = requireParticipant(hub, conn);
  live.broadcast({
    type: ServerMessage.Chat,
    id: newId(),
    from: p.peerId,
    name: p.name,
    text,
    sentAt: hub.deps.clock.now(),
  });
}

async function media(hub: Hub, conn: Connection, msg: Msg<'media.state'>): Promise<void> {
  const { live, p } = requireParticipant(hub, conn);
  p.media = { ...msg.media };
  live.broadcast(
    { type: ServerMessage.PeerMedia, peerId: p.peerId, media: { ...p.media } },
    p.peerId,
  );
}

async function leave(hub: Hub, conn: Connection): Promise<void> {
  if (conn.state.kind === 'knocking') {
    hub.withdrawKnock(conn);
    return;
  }
  const found = hub.participantOf(conn);
  if (found) hub.remove(found.live, found.p, hub.deps.clock.now());
}
