// One test's world: a fresh Nahbar with its owner and personal room, and the participants'
// browser contexts. Everything is disposed when the test ends; on failure the server log and
// the pages' console errors are printed first.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, onTestFinished } from 'vitest';
import { createOwner, inviteSeller } from './accounts.js';
import type { SignedInUser, TestRoom } from './accounts.js';
import { launchBrowser, openParticipant } from './browser.js';
import type { Participant, ParticipantOptions } from './browser.js';
import { TestServer } from './server.js';
import type { TestServerOptions } from './server.js';

/** Launches one Chromium for the calling test file; returns its accessor. */
export function useBrowser(): () => Browser {
  let browser: Browser | null = null;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('the browser is not launched');
    return browser;
  };
}

/** A test's server, owner, owner's room and participants. */
export class Scene {
  private readonly participants: Participant[] = [];

  private constructor(
    private readonly browser: Browser,
    readonly server: TestServer,
    readonly owner: SignedInUser,
    readonly room: TestRoom,
  ) {}

  /** Starts a server, creates the owner and registers cleanup with the running test. */
  static async start(browser: Browser, opts: TestServerOptions = {}): Promise<Scene> {
    const server = await TestServer.start(opts);
    let scene: Scene;
    try {
      const owner = await createOwner(server);
      scene = new Scene(browser, server, owner, await owner.personalRoom());
    } catch (err) {
      console.error(`server log:\n${server.logTail()}`);
      await server.dispose();
      throw err;
    }
    // Vitest runs finish hooks before failure hooks, so the outcome is read here.
    onTestFinished(({ task }) => scene.dispose(task.result?.state === 'fail'));
    return scene;
  }

  /** Opens a participant's browser context and page. */
  async join(name: string, opts: ParticipantOptions = {}): Promise<Participant> {
    const p = await openParticipant(this.browser, this.server, name, opts);
    this.participants.push(p);
    return p;
  }

  /** A participant signed in as the room's owner (the host). */
  async host(opts: Omit<ParticipantOptions, 'user'> = {}): Promise<Participant> {
    return this.join(this.owner.name, { ...opts, user: this.owner });
  }

  /** Invites a seller through the owner and signs them in. */
  async seller(name: string): Promise<SignedInUser> {
    return inviteSeller(this.owner, name);
  }

  private printDiagnostics(): void {
    const pages = this.participants
      .map(
        (p) => `--- ${p.name} (${p.page.url()})\n${p.console.slice(-30).join('\n') || '(quiet)'}`,
      )
      .join('\n');
    console.error(`=== server log (tail)\n${this.server.logTail()}\n=== browser console\n${pages}`);
  }

  /** Closes every context and stops and removes the server; prints diagnostics first after a failure. */
  async dispose(failed: boolean): Promise<void> {
    if (failed) this.printDiagnostics();
    await Promise.all(this.participants.map((p) => p.context.close().catch(() => undefined)));
    await this.server.dispose();
  }
}
