// Runs once before the browser tests: fails fast, with the fix, when Chromium, coturn or the
// built client is missing, and warns when the tests do not run in a loopback-only namespace.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { testEnv } from '../server/test/test-env.js';

function executable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Checks the prerequisites of the browser tests. */
export default function setup(): void {
  const problems: string[] = [];
  if (!executable(testEnv.NAHBAR_TEST_CHROMIUM)) {
    problems.push(
      `Chromium not found at ${testEnv.NAHBAR_TEST_CHROMIUM}. Install it (Debian/Ubuntu: apt-get install -y chromium) or set NAHBAR_TEST_CHROMIUM to another Chromium.`,
    );
  }
  if (!executable(testEnv.NAHBAR_TEST_TURNSERVER)) {
    problems.push(
      `coturn not found at ${testEnv.NAHBAR_TEST_TURNSERVER}. Install it (apt-get install -y coturn) or set NAHBAR_TEST_TURNSERVER.`,
    );
  }
  const index = path.resolve(testEnv.NAHBAR_TEST_CLIENT_DIR, 'index.html');
  if (!fs.existsSync(index)) {
    problems.push(
      `The built client is missing (${index}). Run \`npm run build\`, or set NAHBAR_TEST_CLIENT_DIR to a client build.`,
    );
  }
  if (problems.length > 0) {
    throw new Error(`The browser tests cannot run:\n  - ${problems.join('\n  - ')}`);
  }
  const outside = Object.entries(os.networkInterfaces())
    .filter(([, addresses]) => addresses?.some((a) => !a.internal))
    .map(([name]) => name);
  if (outside.length > 0) {
    console.warn(
      `Warning: network interfaces besides loopback are up (${outside.join(', ')}). Run the browser tests with \`npm run test:e2e\`, which isolates them in a loopback-only namespace.`,
    );
  }
}
