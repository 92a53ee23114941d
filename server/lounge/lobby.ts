// The lobby as a pure state machine: what a knock leads to, and how a waiting knock moves
// between waiting, held, admitted, rejected and left. No sockets, timers or database here.
import type { KnockBooking } from '../booking/booking.reasons.js';
import type { ContactId, KnockId } from '../../shared/ids.js';
import type { RoomMode } from '../../shared/limits.js';
import { ErrorCode } from '../../shared/protocol/signaling.js';

/** What the hub knows when someone knocks. */
export interface KnockContext {
  mode: RoomMode;
  /** Admitted participants, including those disconnected but still within their grace period. */
  occupancy: number;
  capacity: number;
  /** The knocker is signed in as the room's owner. */
  isHost: boolean;
}

/** The outcome of a knock. */
export type KnockDecision =
  | { kind: 'host' }
  | { kind: 'enter' }
  | { kind: 'wait' }
  | { kind: 'refuse'; code: typeof ErrorCode.RoomLocked | typeof ErrorCode.RoomFull };

/** Whether one more guest fits into a room. */
export function hasSpace(occupancy: number, capacity: number): boolean {
  return occupancy < capacity;
}

/**
 * Decides a knock. The owner always walks into their own room (even when locked or full, so a
 * seller is never shut out of their lounge); guests are refused by a locked or full room, walk
 * into an open one and wait in the lobby otherwise.
 */
export function decideKnock(ctx: KnockContext): KnockDecision {
  if (ctx.isHost) return { kind: 'host' };
  if (ctx.mode === 'locked') return { kind: 'refuse', code: ErrorCode.RoomLocked };
  if (!hasSpace(ctx.occupancy, ctx.capacity)) return { kind: 'refuse', code: ErrorCode.RoomFull };
  return ctx.mode === 'open' ? { kind: 'enter' } : { kind: 'wait' };
}

/** Where a knock stands. `admitted`, `rejected` and `left` are final. */
export type KnockStatus = 'waiting' | 'held' | 'admitted' | 'rejected' | 'left';
/** What can happen to a knock: the host acts, or the knocker goes away. */
export type KnockEvent = 'hold' | 'admit' | 'reject' | 'leave';

const TRANSITIONS: Record<KnockStatus, Partial<Record<KnockEvent, KnockStatus>>> = {
  waiting: { hold: 'held', admit: 'admitted', reject: 'rejected', leave: 'left' },
  // Holding again replaces the message; a held guest can still be admitted or rejected.
  held: { hold: 'held', admit: 'admitted', reject: 'rejected', leave: 'left' },
  admitted: {},
  rejected: {},
  left: {},
};

/** The status after an event, or null when the event is not allowed in that status. */
export function nextKnockStatus(status: KnockStatus, event: KnockEvent): KnockStatus | null {
  return TRANSITIONS[status][event] ?? null;
}

/** One knock in a lobby; `owner` is whatever the caller uses to reach the knocker. */
export interface Knock<T> {
  knockId: KnockId;
  name: string;
  /** The contact and company of a guest who came through a personal link. */
  contactId: ContactId | null;
  company: string | null;
  /** The booking whose link the guest came through. */
  booking: KnockBooking | null;
  knockedAt: number;
  heldMessage: string | null;
  status: KnockStatus;
  owner: T;
}

/** A knock as hosts see it in `lobby.queue`. */
export interface KnockSnapshot {
  knockId: KnockId;
  name: string;
  company: string | null;
  booking: KnockBooking | null;
  knockedAt: number;
  heldMessage: string | null;
}

/** The unresolved knocks of one room in arrival order; resolved knocks leave the queue. */
export class Lobby<T> {
  private readonly knocks = new Map<KnockId, Knock<T>>();

  /** Number of knocks waiting or held. */
  get size(): number {
    return this.knocks.size;
  }

  /** Queues a new knock as waiting. */
  add(props: {
    knockId: KnockId;
    name: string;
    contactId: ContactId | null;
    company: string | null;
    booking?: KnockBooking | null;
    knockedAt: number;
    owner: T;
  }): Knock<T> {
    const knock: Knock<T> = {
      ...props,
      booking: props.booking ?? null,
      heldMessage: null,
      status: 'waiting',
    };
    this.knocks.set(knock.knockId, knock);
    return knock;
  }

  /** Finds an unresolved knock. */
  get(knockId: KnockId): Knock<T> | undefined {
    return this.knocks.get(knockId);
  }

  /** Holds a knock with a message for the guest; undefined when there is no such knock. */
  hold(knockId: KnockId, message: string): Knock<T> | undefined {
    const knock = this.knocks.get(knockId);
    if (!knock) return undefined;
    const next = nextKnockStatus(knock.status, 'hold');
    if (!next) return undefined;
    knock.status = next;
    knock.heldMessage = message;
    return knock;
  }

  /** Admits, rejects or drops a knock and removes it from the queue; undefined when unknown. */
  resolve(knockId: KnockId, event: 'admit' | 'reject' | 'leave'): Knock<T> | undefined {
    const knock = this.knocks.get(knockId);
    if (!knock) return undefined;
    const next = nextKnockStatus(knock.status, event);
    if (!next) return undefined;
    knock.status = next;
    this.knocks.delete(knockId);
    return knock;
  }

  /** Unresolved knocks, oldest first. */
  list(): Knock<T>[] {
    return [...this.knocks.values()];
  }

  /** The queue as hosts see it (no owner handles). */
  snapshot(): KnockSnapshot[] {
    return this.list().map((k) => ({
      knockId: k.knockId,
      name: k.name,
      company: k.company,
      booking: k.booking,
      knockedAt: k.knockedAt,
      heldMessage: k.heldMessage,
    }));
  }
}
