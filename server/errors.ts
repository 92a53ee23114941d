// The few named errors the server throws, and the one place that maps them to HTTP statuses.
// Services throw these; handlers never pick status codes themselves.

/** Base class: `code` is stable and machine-readable, `message` is for developers and logs. */
export abstract class AppError extends Error {
  abstract readonly status: number;
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The thing asked for does not exist, or the caller may not know that it exists. */
export class NotFound extends AppError {
  readonly status = 404;
  constructor(message = 'Not found', code = 'not_found') {
    super(code, message);
  }
}

/** The caller is not signed in, or the credentials are wrong. */
export class Unauthorized extends AppError {
  readonly status = 401;
  constructor(message = 'Sign-in required', code = 'unauthorized') {
    super(code, message);
  }
}

/** The caller is signed in but may not do this. */
export class Forbidden extends AppError {
  readonly status = 403;
  constructor(message = 'Forbidden', code = 'forbidden') {
    super(code, message);
  }
}

/** The input is well-formed JSON but breaks a rule. */
export class Invalid extends AppError {
  readonly status = 400;
  constructor(
    message = 'Invalid input',
    code = 'invalid',
    readonly details?: unknown,
  ) {
    super(code, message);
  }
}

/** The request clashes with the current state (a taken handle, a used invite). */
export class Conflict extends AppError {
  readonly status = 409;
  constructor(message = 'Conflict', code = 'conflict') {
    super(code, message);
  }
}

/** The caller sent too many requests. */
export class TooManyRequests extends AppError {
  readonly status = 429;
  constructor(message = 'Too many requests', code = 'rate_limited') {
    super(code, message);
  }
}

/** The server is too busy to take this now; the caller may try again after a short wait. */
export class Unavailable extends AppError {
  readonly status = 503;
  constructor(
    message = 'Busy, try again shortly',
    code = 'busy',
    readonly retryAfterSeconds = 1,
  ) {
    super(code, message);
  }
}

/** Body of every error response. */
export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/** Maps any thrown value to an HTTP status and a body that is safe to show a client. */
export function toHttpError(err: unknown): {
  status: number;
  body: ErrorBody;
  /** Seconds for a Retry-After header. */
  retryAfter?: number;
} {
  if (err instanceof AppError) {
    const details = err instanceof Invalid ? err.details : undefined;
    return {
      status: err.status,
      ...(err instanceof Unavailable ? { retryAfter: err.retryAfterSeconds } : {}),
      body: { error: { code: err.code, message: err.message, ...(details ? { details } : {}) } },
    };
  }
  return { status: 500, body: { error: { code: 'internal', message: 'Internal server error' } } };
}
