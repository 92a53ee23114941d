// The one place where errors thrown by signaling handlers become error frames. Handlers throw
// the server's named errors (with a signaling code where one exists); anything else is internal.
import { ErrorCode } from '../../shared/protocol/signaling.js';
import {
  AppError,
  Conflict,
  Forbidden,
  Invalid,
  NotFound,
  TooManyRequests,
  Unauthorized,
} from '../errors.js';

const KNOWN_CODES = new Set<string>(Object.values(ErrorCode));

/** The body of an error frame. */
export interface ErrorFrame {
  code: ErrorCode;
  message: string;
}

/** Maps a thrown value to an error frame; null means unexpected (answer `internal` and log it). */
export function toErrorFrame(err: unknown): ErrorFrame | null {
  if (!(err instanceof AppError)) return null;
  if (KNOWN_CODES.has(err.code)) return { code: err.code as ErrorCode, message: err.message };
  if (err instanceof Invalid) return { code: ErrorCode.InvalidMessage, message: err.message };
  if (err instanceof NotFound) return { code: ErrorCode.NotFound, message: err.message };
  if (err instanceof Forbidden || err instanceof Unauthorized) {
    return { code: ErrorCode.Forbidden, message: err.message };
  }
  if (err instanceof TooManyRequests) return { code: ErrorCode.RateLimited, message: err.message };
  return null;
}

/** The message is well-formed but makes no sense here. */
export const invalidMessage = (message: string) => new Invalid(message, ErrorCode.InvalidMessage);
/** The sender may not do this in its current state or role. */
export const forbidden = (message: string) => new Forbidden(message, ErrorCode.Forbidden);
/** The knock or peer addressed does not exist (in the sender's room). */
export const notFound = (message: string) => new NotFound(message, ErrorCode.NotFound);
/** No live room has this handle. */
export const roomNotFound = () => new NotFound('Room not found', ErrorCode.RoomNotFound);
/** The room holds as many participants as it may. */
export const roomFull = () => new Conflict('Room is full', ErrorCode.RoomFull);
/** The room takes no new guests. */
export const roomLocked = () => new Forbidden('Room is locked', ErrorCode.RoomLocked);
/** The resume token is not (or no longer) good; the client should knock afresh. */
export const resumeFailed = (message = 'Cannot resume this session') =>
  new Unauthorized(message, ErrorCode.ResumeFailed);
