// Chromium with launch flags other than the suite's defaults (e.g. without the fake devices, to
// get real "missing" or "denied" device errors), and participants whose browser context differs
// from `openParticipant`'s (other locale, no media permissions, phone viewport, no probe).
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, onTestFinished } from 'vitest';
import { testEnv } from '../../server/test/test-env.js';
import { CHROMIUM_ARGS } from './browser.js';
import type { Participant } from './browser.js';
import { installProbe } from './probe.js';
import type { SignedInUser } from './accounts.js';
import type { TestServer } from './server.js';

/** Changes to the default flags: flags to drop (matched by name, before any `=`) and flags to add. */
export interface FlagChanges {
  drop?: string[];
  add?: string[];
}

/** The suite's Chromium flags with some dropped and some added (an added flag replaces its namesake). */
export function chromiumArgs({ drop = [], add = [] }: FlagChanges): string[] {
  const name = (flag: string) => flag.split('=')[0];
  const dropped = new Set([...drop, ...add].map(name));
  return [...CHROMIUM_ARGS.filter((flag) => !dropped.has(name(flag))), ...add];
}

/** Launches one Chromium with changed flags for the calling test file; returns its accessor. */
export function useBrowserWith(changes: FlagChanges): () => Browser {
  let browser: Browser | null = null;
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: testEnv.NAHBAR_TEST_CHROMIUM,
      args: chromiumArgs(changes),
      headless: true,
    });
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('the browser is not launched');
    return browser;
  };
}

/** How a custom participant's context differs from the suite's default one. */
export interface CustomContext {
  /** Browser locale (default en-US). */
  locale?: string;
  /** Permissions granted up front (default camera, microphone and notifications). */
  permissions?: string[];
  /** Viewport (default 960×640). */
  viewport?: { width: number; height: number };
  /** Emulate a phone: touch, and the page's meta viewport is honoured. */
  mobile?: boolean;
  /** Install the probe, which also pins the language to English on every load (default true). */
  probe?: boolean;
  /** Sign the context in as this user. */
  user?: SignedInUser;
}

/**
 * Opens a participant in `browser` (any browser, not only the scene's) with a custom context.
 * The context is closed when the test ends, and its console is printed when the test failed.
 */
export async function openCustomParticipant(
  browser: Browser,
  server: TestServer,
  name: string,
  opts: CustomContext = {},
): Promise<Participant> {
  const context = await browser.newContext({
    baseURL: server.url,
    locale: opts.locale ?? 'en-US',
    permissions: opts.permissions ?? ['camera', 'microphone', 'notifications'],
    viewport: opts.viewport ?? { width: 960, height: 640 },
    isMobile: opts.mobile ?? false,
    hasTouch: opts.mobile ?? false,
  });
  context.setDefaultTimeout(20_000);
  if (opts.user) {
    const { name: cookieName, value } = opts.user.sessionCookie;
    await context.addCookies([{ name: cookieName, value, url: server.url }]);
  }
  if (opts.probe ?? true) await context.addInitScript(installProbe, { relay: null });
  const page = await context.newPage();
  const log: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning')
      log.push(`${msg.type()}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => log.push(`pageerror: ${err.message}`));
  const p: Participant = { name, context, page, console: log };
  onTestFinished(async ({ task }) => {
    if (task.result?.state === 'fail') {
      console.error(`--- ${name} (${page.url()})\n${log.slice(-30).join('\n') || '(quiet)'}`);
    }
    await context.close().catch(() => undefined);
  });
  return p;
}
