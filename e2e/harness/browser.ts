// Debian's Chromium driven by playwright-core: one browser per test file, one context per
// participant, every page running the probe before the app.
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { testEnv } from '../../server/test/test-env.js';
import type { SignedInUser } from './accounts.js';
import { installProbe } from './probe.js';
import type { ProbeOptions } from './probe.js';
import type { TestServer } from './server.js';

/**
 * Flags for fake media in a loopback-only namespace. `--use-fake-ui-for-media-stream` also
 * auto-accepts the screen picker, and `--use-fake-device-for-media-stream` makes
 * `getDisplayMedia` capture a synthetic 1280×720 "screen" in headless mode (checked with
 * Chromium 156: without the fake device the screen source fails with NotReadableError,
 * without the fake UI the promise never settles). No desktop-capture flag is needed.
 */
/**
 * SHA-256 of the public key of the test-only TURN certificate in e2e/fixtures (for coturn's TLS
 * listener). Chromium checks a TURN server's certificate like a web server's; it accepts this one
 * (and no other self-signed one) through --ignore-certificate-errors-spki-list. Recompute after
 * replacing the certificate: `openssl x509 -in e2e/fixtures/turn-cert.pem -pubkey -noout |
 * openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | base64`.
 */
export const TURN_CERT_SPKI = '2hogyhn5DwTUPMYPSCP0W+9lMKdxwoddnMdMNMRisNY=';

export const CHROMIUM_ARGS = [
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--allow-loopback-in-peer-connection',
  `--ignore-certificate-errors-spki-list=${TURN_CERT_SPKI}`,
  '--headless=new',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Pages in background tabs must keep decoding and running timers like a foreground tab.
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
  // Chromium 156 gives every new window (each participant's context) hidden renderers for the
  // address bar's WebUI popups (chrome://omnibox-popup.top-chrome/…), which nobody sees here.
  // Setting one up costs about 0.7 s of CPU, exactly while a freshly opened guest knocks and is
  // admitted: on this 2-core machine that made joins slower and noisier (bench p95 ~230-260 ms
  // instead of ~190-200 ms, baseline runs in a new context too). A user's window is open long
  // before they join. Chromium keeps only the last --disable-features switch, so this one repeats
  // the list playwright-core 1.65 passes by default (it would otherwise replace it).
  `--disable-features=${[
    'AvoidUnnecessaryBeforeUnloadCheckSync',
    'DestroyProfileOnBrowserClose',
    'HttpsUpgrades',
    'HttpsFirstBalancedModeAutoEnable',
    'LensOverlay',
    'MediaRouter',
    'PaintHolding',
    'ThirdPartyStoragePartitioning',
    'AvoidCorsURLLoaderRestartOnRedirect',
    'TcpPortRandomizationWin',
    'OptimizationHints',
    'NetworkTimeServiceQuerying',
    'AimEnabled',
    'PreconnectToSearch',
    'WebUIOmniboxPopup',
    'WebUIOmniboxAimPopup',
    'WebUIOmniboxFullPopup',
  ].join(',')}`,
];

/** Launches Chromium for one test file. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: testEnv.NAHBAR_TEST_CHROMIUM,
    args: CHROMIUM_ARGS,
    headless: true,
  });
}

/** Options of one participant's browser context. */
export interface ParticipantOptions {
  /** Sign the context in as this user (adds the session cookie). */
  user?: SignedInUser;
  /** Force relay-only ICE over this TURN transport. */
  relay?: ProbeOptions['relay'];
  /** The browser's time zone (IANA), e.g. a guest in America/New_York; the machine's otherwise. */
  timezoneId?: string;
}

/** A person in a test: one browser context with one page. */
export interface Participant {
  name: string;
  context: BrowserContext;
  page: Page;
  /** Console errors, page errors and failed requests of this participant, for failure reports. */
  console: string[];
}

/** Opens a context (locale en-US, camera, microphone and notifications granted) and a page. */
export async function openParticipant(
  browser: Browser,
  server: TestServer,
  name: string,
  opts: ParticipantOptions = {},
): Promise<Participant> {
  const context = await browser.newContext({
    baseURL: server.url,
    locale: 'en-US',
    permissions: ['camera', 'microphone', 'notifications'],
    viewport: { width: 960, height: 640 },
    ...(opts.timezoneId ? { timezoneId: opts.timezoneId } : {}),
  });
  context.setDefaultTimeout(20_000);
  if (opts.user) {
    const { name: cookieName, value } = opts.user.sessionCookie;
    await context.addCookies([{ name: cookieName, value, url: server.url }]);
  }
  const probeOptions: ProbeOptions = { relay: opts.relay ?? null };
  await context.addInitScript(installProbe, probeOptions);
  const page = await context.newPage();
  const log: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning')
      log.push(`${msg.type()}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => log.push(`pageerror: ${err.message}`));
  page.on('requestfailed', (req) =>
    log.push(`requestfailed: ${req.method()} ${req.url()} ${req.failure()?.errorText ?? ''}`),
  );
  return { name, context, page, console: log };
}
