// A tiny HTTP client with a cookie jar and the CSRF header, used to drive the real setup and
// invite flows over HTTP, the same way the browser does.

/** An HTTP answer other than 2xx. */
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly status: number,
    readonly body: string,
    what: string,
  ) {
    super(`${what} answered ${status}: ${body.slice(0, 300)}`);
  }
}

/** A cookie as the browser context needs it. */
export interface JarCookie {
  name: string;
  value: string;
}

/** One client (one "browser") talking to one server. */
export class HttpClient {
  private readonly cookies = new Map<string, string>();
  private csrfToken: string | null = null;

  constructor(readonly baseUrl: string) {}

  /** GETs a path and returns the parsed JSON body. */
  async get(path: string): Promise<unknown> {
    return this.request('GET', path);
  }

  /** POSTs JSON (with CSRF token) and returns the parsed JSON body. */
  async post(path: string, body: unknown = {}): Promise<unknown> {
    return this.request('POST', path, body);
  }

  /** PATCHes JSON (with CSRF token) and returns the parsed JSON body. */
  async patch(path: string, body: unknown): Promise<unknown> {
    return this.request('PATCH', path, body);
  }

  /** The cookies received so far. */
  cookieList(): JarCookie[] {
    return [...this.cookies].map(([name, value]) => ({ name, value }));
  }

  /** One cookie's value, if received. */
  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  /** Sends one request; throws HttpError unless the status is 2xx. */
  async request(method: string, path: string, body?: unknown): Promise<unknown> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (method !== 'GET') headers['x-csrf-token'] = await this.csrf();
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await this.send(method, path, headers, body);
    const text = await res.text();
    if (!res.ok) throw new HttpError(res.status, text, `${method} ${path}`);
    return text.length > 0 ? (JSON.parse(text) as unknown) : null;
  }

  /** Sends a request as is and returns the raw response (cookies are still recorded). */
  async send(
    method: string,
    path: string,
    headers: Record<string, string> = {},
    body?: unknown,
  ): Promise<Response> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(new URL(path, this.baseUrl), {
      method,
      headers: cookie ? { ...headers, cookie } : headers,
      body: body === undefined ? null : JSON.stringify(body),
      redirect: 'manual',
    });
    for (const line of res.headers.getSetCookie()) this.storeCookie(line);
    return res;
  }

  private async csrf(): Promise<string> {
    if (this.csrfToken === null) {
      const body = (await this.request('GET', '/api/csrf')) as { token?: unknown } | null;
      if (typeof body?.token !== 'string') throw new Error('GET /api/csrf gave no token');
      this.csrfToken = body.token;
    }
    return this.csrfToken;
  }

  /** Forgets the CSRF token, e.g. after sign-in when the server may rotate its secret. */
  resetCsrf(): void {
    this.csrfToken = null;
  }

  private storeCookie(line: string): void {
    const [pair = '', ...attributes] = line.split(';');
    const eq = pair.indexOf('=');
    if (eq <= 0) return;
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    const expired = attributes.some((a) => /^\s*max-age\s*=\s*0\s*$/i.test(a));
    if (expired || value === '') this.cookies.delete(name);
    else this.cookies.set(name, value);
  }
}
