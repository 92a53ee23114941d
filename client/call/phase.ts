// The guest's and host's way through the lounge as a pure state machine over server messages.
import { ErrorCode, ServerMessage } from '../../shared/protocol/signaling';
import type { ServerMessageData } from '../../shared/protocol/signaling';

/** Where the page is: before joining, in the lobby, in the call, or at one of the ends. */
export type LoungePhase =
  | { kind: 'prejoin' }
  | { kind: 'connecting' }
  | { kind: 'waiting' }
  | { kind: 'held'; message: string }
  | { kind: 'rejected' }
  | { kind: 'full' }
  | { kind: 'locked' }
  | { kind: 'failed'; code: ErrorCode }
  | { kind: 'call' }
  | { kind: 'left' };

/** Phases in which the page has knocked and waits for the host's decision. */
export function isKnocking(phase: LoungePhase): boolean {
  return phase.kind === 'connecting' || phase.kind === 'waiting' || phase.kind === 'held';
}

/** Phases after which the socket is no longer needed (nothing more will happen without the user). */
export function isFinal(phase: LoungePhase): boolean {
  return (
    phase.kind === 'rejected' ||
    phase.kind === 'full' ||
    phase.kind === 'locked' ||
    phase.kind === 'failed' ||
    phase.kind === 'left'
  );
}

/** Error codes that end a knock: the room cannot be entered now. */
const KNOCK_ENDING: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  ErrorCode.RoomFull,
  ErrorCode.RoomLocked,
  ErrorCode.RoomNotFound,
  ErrorCode.Forbidden,
  ErrorCode.InvalidMessage,
  ErrorCode.TooLarge,
]);

/**
 * The phase after a server message. Lobby answers only move a knocking page; an error frame ends a
 * knock only when retrying cannot help, and never ends a running call (chat or signal errors are
 * shown as notices instead). Everything else leaves the phase as it is.
 */
export function phaseAfter(phase: LoungePhase, message: ServerMessageData): LoungePhase {
  switch (message.type) {
    case ServerMessage.Waiting:
      return isKnocking(phase) ? { kind: 'waiting' } : phase;
    case ServerMessage.Held:
      return isKnocking(phase) ? { kind: 'held', message: message.message } : phase;
    case ServerMessage.Rejected:
      return isKnocking(phase) ? { kind: 'rejected' } : phase;
    case ServerMessage.Joined:
    case ServerMessage.Resumed:
      return isKnocking(phase) || phase.kind === 'call' ? { kind: 'call' } : phase;
    case ServerMessage.Error:
      if (!isKnocking(phase) || !KNOCK_ENDING.has(message.code)) return phase;
      if (message.code === ErrorCode.RoomFull) return { kind: 'full' };
      if (message.code === ErrorCode.RoomLocked) return { kind: 'locked' };
      return { kind: 'failed', code: message.code };
    default:
      return phase;
  }
}
