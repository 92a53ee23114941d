// Browser end-to-end tests: real Chromium, real coturn, Nahbar in-process. One file at a time
// (the machine has 2 cores and a 4-page mesh already uses one), with timeouts sized for WebRTC.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: fileURLToPath(new URL('..', import.meta.url)),
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    globalSetup: ['e2e/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    teardownTimeout: 30_000,
    expect: { poll: { timeout: 20_000, interval: 150 } },
  },
});
