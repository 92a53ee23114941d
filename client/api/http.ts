// The typed fetch wrapper every API module uses: JSON in and out (or a raw file in), CSRF token on
// state changes, and errors turned into ApiError with the server's stable error code.

/** An error answer from the API, or a network failure (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let csrfToken: Promise<string> | null = null;

async function fetchCsrfToken(): Promise<string> {
  const res = await fetch('/api/csrf', { credentials: 'same-origin' });
  if (!res.ok) throw new ApiError(res.status, 'csrf', 'Could not get a CSRF token');
  const body = (await res.json()) as { token: string };
  return body.token;
}

/** The CSRF token for state-changing requests, fetched once and cached until `resetCsrf`. */
export function csrf(): Promise<string> {
  csrfToken ??= fetchCsrfToken().catch((err: unknown) => {
    csrfToken = null;
    throw err;
  });
  return csrfToken;
}

/** Request options of `api`. */
export interface ApiOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  /** A file sent as is (`application/octet-stream`) instead of a JSON `body`. */
  raw?: Blob;
  signal?: AbortSignal;
}

async function send(path: string, opts: ApiOptions, retry: boolean): Promise<Response> {
  const method = opts.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: BodyInit | null = null;
  if (opts.raw !== undefined) {
    headers['content-type'] = 'application/octet-stream';
    body = opts.raw;
  } else if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  if (method !== 'GET') headers['x-csrf-token'] = await csrf();
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body,
      signal: opts.signal ?? null,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'network', 'Network error');
  }
  if (res.status === 403 && retry && method !== 'GET') {
    const body = (await res
      .clone()
      .json()
      .catch(() => null)) as { error?: { code?: string } } | null;
    if (body?.error?.code === 'csrf') {
      csrfToken = null;
      return send(path, opts, false);
    }
  }
  return res;
}

/** Turns a non-2xx answer's parsed body (or null) into an ApiError with the server's code. */
export function errorFromBody(status: number, statusText: string, body: unknown): ApiError {
  const error = (body as { error?: { code?: string; message?: string; details?: unknown } } | null)
    ?.error;
  return new ApiError(
    status,
    error?.code ?? 'http_' + status,
    error?.message ?? statusText,
    error?.details,
  );
}

/** Calls the API and returns the parsed JSON body; throws ApiError on any non-2xx answer. */
export async function api<T>(path: string, opts: ApiOptions = {}): Promise<T> {
  const res = await send(path, opts, true);
  if (res.status === 204) return undefined as T;
  const body = (await res.json().catch(() => null)) as unknown;
  if (!res.ok) throw errorFromBody(res.status, res.statusText, body);
  return body as T;
}

/** Forgets the cached CSRF token (after login or logout the server issues a new secret). */
export function resetCsrf(): void {
  csrfToken = null;
}
