// The people of an HTTP test: browser-like agents that keep cookies and a CSRF token, and helpers
// that create an owner (through the real setup link) and sellers (through real invites).
import type { HTTPMethods, LightMyRequestResponse } from 'fastify';
import type { UserId } from '../../shared/ids.js';
import type { UserRole } from '../accounts/account.table.js';
import { issueSetupLink } from '../accounts/setup.js';
import type { App } from '../app.js';
import type { TestApp } from './app.js';

/** A password that meets the length rule, used unless a test picks another. */
export const TEST_PASSWORD = 'correct horse battery staple';

/** A request as an agent sends it. */
export interface AgentRequest {
  method: HTTPMethods;
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * One browser: a cookie jar that follows Set-Cookie like a browser does, and the CSRF token
 * it would send on state-changing requests.
 */
export class Agent {
  /** Cookies by name, as the browser would send them. */
  readonly cookies = new Map<string, string>();
  /** The token from GET /api/csrf, sent as `x-csrf-token` on POST/PUT/PATCH/DELETE. */
  csrfToken: string | null = null;

  constructor(readonly app: App) {}

  /** Sends a request with this browser's cookies and CSRF token, then keeps the cookies it sets. */
  async request(req: AgentRequest): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { accept: 'application/json', ...req.headers };
    if (this.csrfToken && UNSAFE.has(req.method)) headers['x-csrf-token'] = this.csrfToken;
    const res = await this.app.inject({
      method: req.method,
      url: req.url,
      headers,
      cookies: Object.fromEntries(this.cookies),
      ...(req.body !== undefined ? { payload: req.body as Record<string, unknown> } : {}),
    });
    this.keepCookies(res);
    return res;
  }

  /** GET shortcut. */
  get(url: string): Promise<LightMyRequestResponse> {
    return this.request({ method: 'GET', url });
  }

  /** POST shortcut. */
  post(url: string, body?: unknown): Promise<LightMyRequestResponse> {
    return this.request({ method: 'POST', url, body });
  }

  /** PATCH shortcut. */
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse> {
    return this.request({ method: 'PATCH', url, body });
  }

  /** DELETE shortcut. */
  delete(url: string): Promise<LightMyRequestResponse> {
    return this.request({ method: 'DELETE', url });
  }

  /** Fetches a CSRF token (and the cookie holding its secret), as the client does before a change. */
  async fetchCsrf(): Promise<this> {
    const res = await this.get('/api/csrf');
    expectStatus(res, 200);
    this.csrfToken = res.json<{ token: string }>().token;
    return this;
  }

  /** A second browser with a copy of this one's cookies and token; later changes do not leak back. */
  clone(): Agent {
    const copy = new Agent(this.app);
    for (const [name, value] of this.cookies) copy.cookies.set(name, value);
    copy.csrfToken = this.csrfToken;
    return copy;
  }

  private keepCookies(res: LightMyRequestResponse): void {
    for (const cookie of res.cookies) {
      const expired =
        cookie.value === '' ||
        cookie.maxAge === 0 ||
        (cookie.expires !== undefined && cookie.expires.getTime() <= Date.now());
      if (expired) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
  }
}

/** Throws with the response body when the status is not the expected one (a readable failure). */
export function expectStatus(res: LightMyRequestResponse, status: number): void {
  if (res.statusCode !== status) {
    throw new Error(`expected HTTP ${status}, got ${res.statusCode}: ${res.body}`);
  }
}

/** A browser with no cookies at all. */
export function anonymousAgent(t: TestApp): Agent {
  return new Agent(t.app);
}

/** A browser that holds a CSRF cookie and token but no session: a guest on the join page. */
export function guestAgent(t: TestApp): Promise<Agent> {
  return new Agent(t.app).fetchCsrf();
}

/** A signed-in person: their browser and who they are. */
export interface SignedIn {
  agent: Agent;
  user: { id: UserId; name: string; email: string; role: UserRole };
  email: string;
  password: string;
}

/** Details of an account a helper creates; everything has a default. */
export interface AccountProps {
  name?: string;
  email?: string;
  password?: string;
}

let serial = 0;
function defaults(props: AccountProps, prefix: string) {
  serial += 1;
  return {
    name: props.name ?? `${prefix} ${serial}`,
    email: props.email ?? `${prefix.toLowerCase()}${serial}@example.test`,
    password: props.password ?? TEST_PASSWORD,
  };
}

/** Reads the token of a fresh one-time setup link, as the CLI would print it. */
export async function issueSetupToken(t: TestApp): Promise<string> {
  const link = await issueSetupLink(t.db, t.ctx.config.publicUrl);
  if (!link) throw new Error('the owner exists already');
  return link.slice(link.lastIndexOf('/') + 1);
}

/** Creates the account owner through the setup link and returns them signed in. */
export async function setupOwner(t: TestApp, props: AccountProps = {}): Promise<SignedIn> {
  const account = defaults({ name: 'Olga Owner', ...props }, 'Owner');
  const token = await issueSetupToken(t);
  const agent = await guestAgent(t);
  const res = await agent.post('/api/setup', { token, ...account });
  expectStatus(res, 201);
  const { user } = res.json<{ user: SignedIn['user'] }>();
  return { agent, user, email: account.email, password: account.password };
}

/** Creates an invite as the owner and returns its link token. */
export async function createInviteToken(owner: Agent, email?: string): Promise<string> {
  const res = await owner.post('/api/invites', email === undefined ? {} : { email });
  expectStatus(res, 201);
  const { url } = res.json<{ invite: { url: string } }>().invite;
  return url.slice(url.lastIndexOf('/') + 1);
}

/** Invites a seller as the owner, accepts in a fresh browser, and returns the seller signed in. */
export async function inviteSeller(
  t: TestApp,
  owner: Agent,
  props: AccountProps = {},
): Promise<SignedIn> {
  const account = defaults(props, 'Seller');
  const token = await createInviteToken(owner);
  const agent = await guestAgent(t);
  const res = await agent.post(`/api/invites/${token}/accept`, account);
  expectStatus(res, 201);
  const { user } = res.json<{ user: SignedIn['user'] }>();
  return { agent, user, email: account.email, password: account.password };
}

/** Signs in again in a fresh browser (a second session of the same person). */
export async function signInAgain(t: TestApp, who: SignedIn): Promise<SignedIn> {
  const agent = await guestAgent(t);
  const res = await agent.post('/api/login', { email: who.email, password: who.password });
  expectStatus(res, 200);
  return { ...who, agent };
}
