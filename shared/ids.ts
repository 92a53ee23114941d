// Branded identifiers shared by server and client, so that a RoomId can never be passed as a UserId.
import { z } from 'zod';

/** A string tagged with the name of what it identifies. */
export type Brand<T, B extends string> = T & { readonly __brand: B };

/** Identifies a user account (owner or seller). */
export type UserId = Brand<string, 'UserId'>;
/** Identifies a room in the database. */
export type RoomId = Brand<string, 'RoomId'>;
/** Identifies one participant connection in a room, stable across reconnects. */
export type PeerId = Brand<string, 'PeerId'>;
/** Identifies one knock waiting in a room's lobby. */
export type KnockId = Brand<string, 'KnockId'>;
/** Identifies a recorded meeting. */
export type MeetingId = Brand<string, 'MeetingId'>;
/** Identifies a contact (a person) in the relationship memory. */
export type ContactId = Brand<string, 'ContactId'>;
/** Identifies a company (a contact's employer). */
export type CompanyId = Brand<string, 'CompanyId'>;
/** Identifies one logged touchpoint. */
export type TouchpointId = Brand<string, 'TouchpointId'>;
/** Identifies a seller's meeting type on their booking page ("Kennenlernen, 20 min"). */
export type MeetingTypeId = Brand<string, 'MeetingTypeId'>;
/** Identifies one booking of a meeting type by a guest. */
export type BookingId = Brand<string, 'BookingId'>;
/** Identifies a machine (an asset of a customer's company). */
export type MachineId = Brand<string, 'MachineId'>;
/** Identifies a device (a sensor) on a machine. */
export type DeviceId = Brand<string, 'DeviceId'>;
/** Identifies an alarm rule of a device key. */
export type AlarmRuleId = Brand<string, 'AlarmRuleId'>;
/** Identifies one alarm (an episode of a rule firing, open until its clear condition holds). */
export type AlarmId = Brand<string, 'AlarmId'>;
/** Identifies one e-mail in the outbox (every mail Nahbar sends is kept there). */
export type OutboxMessageId = Brand<string, 'OutboxMessageId'>;

/** Random ids are 22 url-safe characters (128 bits); the schema accepts 8 to 64 to stay lenient. */
const opaqueId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'invalid id');

/** Validates a peer id on the wire. */
export const peerIdSchema = opaqueId.transform((s) => s as PeerId);
/** Validates a knock id on the wire. */
export const knockIdSchema = opaqueId.transform((s) => s as KnockId);
/** Validates a machine id on the wire. */
export const machineIdSchema = opaqueId.transform((s) => s as MachineId);
