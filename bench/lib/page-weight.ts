// Guest page weight: the JavaScript and CSS a guest's browser loads for a room link, until the
// pre-join page is ready, counted as gzip (level 9) bytes.
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { createOwner } from '../../e2e/harness/accounts.js';
import { TestServer } from '../../e2e/harness/server.js';

/** Gzip size in KB (1 KB = 1000 bytes) and the files counted. */
export interface PageWeight {
  gzip_kb: number;
  files: { url: string; gzip_bytes: number }[];
}

/** Opens a room link as an anonymous guest and sums the gzip size of every script and stylesheet. */
export async function measureGuestPageWeight(browser: Browser): Promise<PageWeight> {
  const server = await TestServer.start({ logLevel: 'warn' });
  try {
    const owner = await createOwner(server, 'Weight Host');
    const room = await owner.personalRoom();
    const context = await browser.newContext({ permissions: ['camera', 'microphone'] });
    const page = await context.newPage();
    const pending: Promise<{ url: string; gzip_bytes: number }>[] = [];
    page.on('response', (response) => {
      const type = response.request().resourceType();
      if (type !== 'script' && type !== 'stylesheet') return;
      pending.push(
        response.body().then((body) => ({
          url: new URL(response.url()).pathname,
          gzip_bytes: gzipSync(body, { level: 9 }).length,
        })),
      );
    });
    await page.goto(`${server.url}/r/${room.handle}`);
    await page.getByTestId('prejoin').waitFor();
    await page.waitForLoadState('networkidle');
    const files = await Promise.all(pending);
    await context.close();
    const total = files.reduce((sum, f) => sum + f.gzip_bytes, 0);
    return { gzip_kb: Math.round(total / 100) / 10, files };
  } finally {
    await server.dispose();
  }
}
