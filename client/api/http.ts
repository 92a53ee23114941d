// The typed fetch wrapper every API module uses: JSON in and out, CSRF token on state changes,
// and errors turned into ApiError with the server's stable error code.

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

function csrf(): Promise<string> {
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
  signal?: AbortSignal;
}

async function send(path: string, opts: ApiOptions, retry: boolean): Promise<Response> {
  const method = opts.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') headers['x-csrf-token'] = await csrf();
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: opts.body === undefined ? null : JSON.stringify(opts.body),
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

/** Calls the API and returns the parsed JSON body; throws ApiError on any non-2xx answer. */
export async function api<T>(path: string, opts: ApiOptions = {}): Promise<T> {
  const res = await send(path, opts, true);
  if (res.status === 204) return undefined as T;
  const body = (await res.json().catch(() => null)) as unknown;
  if (!res.ok) {
    const error = (
      body as { error?: { code?: string; message?: string; details?: unknown } } | null
    )?.error;
    throw new ApiError(
      res.status,
      error?.code ?? 'http_' + res.status,
      error?.message ?? res.statusText,
      error?.details,
    );
  }
  return body as T;
}

/** Forgets the cached CSRF token (after login or logout the server issues a new secret). */
export function resetCsrf(): void {
  csrfToken = null;
}
