// The lounge's signaling protocol: every WebSocket frame between browser and server, as zod schemas.
// Both ends validate what they receive against these schemas; nothing else defines the wire format.
import { z } from 'zod';
import { knockIdSchema, machineIdSchema, peerIdSchema } from '../ids.js';
import type { KnockId, PeerId } from '../ids.js';
import {
  MAX_CHAT_LENGTH,
  MAX_HOLD_MESSAGE_LENGTH,
  displayNameSchema,
  personalLinkTokenSchema,
  roomHandleSchema,
  roomModeSchema,
} from '../limits.js';

/** Path of the signaling WebSocket endpoint. */
export const SIGNALING_PATH = '/ws';

/** Close code the server uses when it shuts down; clients reconnect and resume. */
export const CLOSE_SERVER_RESTART = 1012;

/** Close code when a newer connection resumed the same participant; the client must not reconnect. */
export const CLOSE_REPLACED = 4001;

/** Message types sent by the browser. */
export const ClientMessage = {
  Knock: 'knock',
  Resume: 'resume',
  Admit: 'lobby.admit',
  Hold: 'lobby.hold',
  Reject: 'lobby.reject',
  Signal: 'signal',
  Chat: 'chat.send',
  Media: 'media.state',
  Leave: 'leave',
  Ping: 'ping',
  ShareMachine: 'machine.share',
  UnshareMachine: 'machine.unshare',
} as const;

/** Message types sent by the server. */
export const ServerMessage = {
  Waiting: 'lobby.waiting',
  Held: 'lobby.held',
  Rejected: 'lobby.rejected',
  Queue: 'lobby.queue',
  Joined: 'room.joined',
  Resumed: 'room.resumed',
  PeerJoined: 'peer.joined',
  PeerLeft: 'peer.left',
  PeerMedia: 'peer.media',
  PeerConnection: 'peer.connection',
  Mode: 'room.mode',
  Signal: 'signal',
  Chat: 'chat.message',
  Pong: 'pong',
  MachineShared: 'machine.shared',
  MachineUnshared: 'machine.unshared',
  Error: 'error',
} as const;

/** Error codes carried by error frames; the client maps each to a translated message. */
export const ErrorCode = {
  InvalidMessage: 'invalid_message',
  TooLarge: 'too_large',
  RateLimited: 'rate_limited',
  Forbidden: 'forbidden',
  RoomNotFound: 'room_not_found',
  RoomFull: 'room_full',
  RoomLocked: 'room_locked',
  NotFound: 'not_found',
  ResumeFailed: 'resume_failed',
  Internal: 'internal',
} as const;
/** One of the error codes. */
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Role of a participant: the room's owner hosts, everyone else is a guest. */
export const roleSchema = z.enum(['host', 'guest']);
/** Role of a participant. */
export type Role = z.infer<typeof roleSchema>;

/** What a participant currently sends: microphone, camera, and the stream id of a screen share. */
export const mediaStateSchema = z.object({
  audio: z.boolean(),
  video: z.boolean(),
  screenStreamId: z.string().max(100).nullable(),
});
/** What a participant currently sends. */
export type MediaState = z.infer<typeof mediaStateSchema>;

/** A session description as produced by RTCPeerConnection. */
export const descriptionSchema = z.object({
  type: z.enum(['offer', 'answer', 'pranswer', 'rollback']),
  sdp: z.string().max(60_000).optional(),
});

/** A trickled ICE candidate; `null` candidate text is not used, end of candidates is simply not sent. */
export const candidateSchema = z.object({
  candidate: z.string().max(2_000),
  sdpMid: z.string().max(64).nullable().optional(),
  sdpMLineIndex: z.number().int().min(0).max(1024).nullable().optional(),
  usernameFragment: z.string().max(256).nullable().optional(),
});

/** One ICE server as handed to RTCPeerConnection. */
export const iceServerSchema = z.object({
  urls: z.union([z.string(), z.array(z.string())]),
  username: z.string().optional(),
  credential: z.string().optional(),
});
/** One ICE server. */
export type IceServer = z.infer<typeof iceServerSchema>;

/** A participant as other participants see them. */
export const peerSchema = z.object({
  peerId: peerIdSchema,
  name: z.string(),
  role: roleSchema,
  media: mediaStateSchema,
  connected: z.boolean(),
});
/** A participant as other participants see them. */
export type PeerInfo = z.infer<typeof peerSchema>;

/** A knock as the host sees it in the lobby queue. */
export const knockSchema = z.object({
  knockId: knockIdSchema,
  name: z.string(),
  /** The company of a contact who came through a personal link. */
  company: z.string().nullable().optional(),
  /** The booking whose link the guest came through: when and what kind of meeting. */
  booking: z.object({ startsAt: z.number(), meetingType: z.string() }).nullable().optional(),
  knockedAt: z.number(),
  heldMessage: z.string().nullable(),
});
/** A knock as the host sees it. */
export type KnockInfo = z.infer<typeof knockSchema>;

const signalBody = {
  description: descriptionSchema.optional(),
  candidate: candidateSchema.optional(),
};

/** Every message the browser may send, discriminated by `type`. */
export const clientMessageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal(ClientMessage.Knock),
    room: roomHandleSchema,
    name: displayNameSchema,
    /** The token of a personal link (`?c=` in the room link), when the guest came through one. */
    link: personalLinkTokenSchema.optional(),
  }),
  z.object({ type: z.literal(ClientMessage.Resume), token: z.string().min(1).max(2_000) }),
  z.object({ type: z.literal(ClientMessage.Admit), knockId: knockIdSchema }),
  z.object({
    type: z.literal(ClientMessage.Hold),
    knockId: knockIdSchema,
    message: z.string().trim().min(1).max(MAX_HOLD_MESSAGE_LENGTH),
  }),
  z.object({ type: z.literal(ClientMessage.Reject), knockId: knockIdSchema }),
  z.object({ type: z.literal(ClientMessage.Signal), to: peerIdSchema, ...signalBody }),
  z.object({
    type: z.literal(ClientMessage.Chat),
    text: z.string().trim().min(1).max(MAX_CHAT_LENGTH),
  }),
  z.object({ type: z.literal(ClientMessage.Media), media: mediaStateSchema }),
  z.object({ type: z.literal(ClientMessage.Leave) }),
  z.object({ type: z.literal(ClientMessage.Ping) }),
  /** A host shows one of their machines to everyone in the call (replacing what was shown). */
  z.object({ type: z.literal(ClientMessage.ShareMachine), machineId: machineIdSchema }),
  z.object({ type: z.literal(ClientMessage.UnshareMachine) }),
]);
/** A message from the browser, after validation. */
export type ClientMessageData = z.infer<typeof clientMessageSchema>;
/** A message from the browser, as the browser builds it before sending. */
export type ClientMessageInput = z.input<typeof clientMessageSchema>;

/**
 * A machine panel shared into the call: everyone in the call reads its chart through the grant,
 * a signed token that is valid for this machine only, and only while this meeting lasts.
 */
export const sharedMachineSchema = z.object({
  machineId: machineIdSchema,
  name: z.string(),
  grant: z.string().min(1).max(2_000),
});
/** A machine panel shared into the call. */
export type SharedMachine = z.infer<typeof sharedMachineSchema>;

/** Sent to the newly joined or resumed participant: who they are and who is there. */
const roomStateBody = {
  /** The machine panel shown in the call right now, if any. */
  sharedMachine: sharedMachineSchema.nullable().optional(),
  self: peerSchema,
  roomName: z.string(),
  mode: roomModeSchema,
  peers: z.array(peerSchema),
  iceServers: z.array(iceServerSchema),
  resumeToken: z.string(),
};

/** Every message the server may send, discriminated by `type`. */
export const serverMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal(ServerMessage.Waiting), roomName: z.string() }),
  z.object({ type: z.literal(ServerMessage.Held), message: z.string() }),
  z.object({ type: z.literal(ServerMessage.Rejected) }),
  z.object({ type: z.literal(ServerMessage.Queue), knocks: z.array(knockSchema) }),
  z.object({ type: z.literal(ServerMessage.Joined), ...roomStateBody }),
  z.object({ type: z.literal(ServerMessage.Resumed), ...roomStateBody }),
  z.object({ type: z.literal(ServerMessage.PeerJoined), peer: peerSchema }),
  z.object({ type: z.literal(ServerMessage.PeerLeft), peerId: peerIdSchema }),
  z.object({
    type: z.literal(ServerMessage.PeerMedia),
    peerId: peerIdSchema,
    media: mediaStateSchema,
  }),
  z.object({
    type: z.literal(ServerMessage.PeerConnection),
    peerId: peerIdSchema,
    connected: z.boolean(),
  }),
  z.object({ type: z.literal(ServerMessage.Mode), mode: roomModeSchema }),
  z.object({ type: z.literal(ServerMessage.Signal), from: peerIdSchema, ...signalBody }),
  z.object({
    type: z.literal(ServerMessage.Chat),
    id: z.string(),
    from: peerIdSchema,
    name: z.string(),
    text: z.string(),
    sentAt: z.number(),
  }),
  z.object({ type: z.literal(ServerMessage.Pong) }),
  z.object({ type: z.literal(ServerMessage.MachineShared), machine: sharedMachineSchema }),
  z.object({ type: z.literal(ServerMessage.MachineUnshared) }),
  z.object({
    type: z.literal(ServerMessage.Error),
    code: z.enum(Object.values(ErrorCode) as [ErrorCode, ...ErrorCode[]]),
    message: z.string(),
  }),
]);
/** A message from the server. */
export type ServerMessageData = z.infer<typeof serverMessageSchema>;
/** A message from the server, as the server builds it (ids not yet branded by parsing). */
export type ServerMessageInput = z.input<typeof serverMessageSchema>;

/** Narrows a server message union to one type. */
export type ServerMessageOf<T extends ServerMessageData['type']> = Extract<
  ServerMessageData,
  { type: T }
>;

/** Result of parsing one raw frame. */
export type ParseResult<T> = { ok: true; message: T } | { ok: false; error: string };

function parseFrame<T>(schema: z.ZodType<T>, raw: string): ParseResult<T> {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, error: 'frame is not JSON' };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
    return { ok: false, error: `${issue?.message ?? 'invalid message'}${where}` };
  }
  return { ok: true, message: parsed.data };
}

/** Parses and validates one frame sent by a browser. */
export function parseClientMessage(raw: string): ParseResult<ClientMessageData> {
  return parseFrame(clientMessageSchema, raw);
}

/** Parses and validates one frame sent by the server. */
export function parseServerMessage(raw: string): ParseResult<ServerMessageData> {
  return parseFrame(serverMessageSchema, raw);
}

/** Re-exported so users of the protocol need only this module. */
export type { KnockId, PeerId };
