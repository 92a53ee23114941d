// Issue 4, proof 7: during a call the seller shows a machine, the guest sees its chart update
// live (read-only, with no account), and the guest's access ends with the share and the call.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { createTestMachine } from './harness/machines.js';
import { admit, enterAsHost, knock } from './harness/lounge.js';
import { waitForCall } from './harness/media.js';
import { Scene, useBrowser } from './harness/scene.js';

/** The status of a GET from inside the page, with its cookies (a guest has none that matter). */
async function statusFrom(page: Page, url: string): Promise<number> {
  return Number(await page.evaluate(`fetch(${JSON.stringify(url)}).then((r) => r.status)`));
}

/** Resolves with the URL of the next grant request the page makes. */
function nextGrantRequest(page: Page): Promise<string> {
  return page
    .waitForRequest((req) => /\/api\/shared\/[^/]+$/.test(new URL(req.url()).pathname))
    .then((req) => new URL(req.url()).pathname);
}

describe('a machine shared into a call', () => {
  const browser = useBrowser();

  test('the guest sees the live chart, read-only, until the share and the call end', async () => {
    const scene = await Scene.start(browser());
    const machine = await createTestMachine(scene.owner, {
      company: 'Kühn Präzisionsteile GmbH',
      contact: 'Karl Kühn',
      machine: 'Pressenlinie 2',
      readings: [{ ts: Date.now() - 60_000, values: { pressure: 41.5 } }],
    });
    const seller = await scene.host();
    await enterAsHost(seller, scene.room.handle);
    const guest = await scene.join('Karl Kühn');
    await knock(guest, scene.room.handle);
    await admit(seller, 'Karl Kühn');
    await Promise.all([waitForCall(seller.page, 1), waitForCall(guest.page, 1)]);
    // A guest has no machine controls.
    expect(await guest.page.getByTestId('open-machine-share').count()).toBe(0);

    // The seller shows the machine; the guest's page loads it through its grant.
    const grantRequest = nextGrantRequest(guest.page);
    await seller.page.getByTestId('open-machine-share').click();
    await seller.page.getByTestId('share-machine-select').selectOption(machine.machineId);
    await seller.page.getByTestId('share-machine').click();
    const panel = guest.page.getByTestId('shared-machine');
    await panel.waitFor();
    expect(await panel.textContent()).toContain('Pressenlinie 2');
    await panel.getByTestId('chart-latest').filter({ hasText: '41.5' }).waitFor();
    const grantUrl = await grantRequest;
    expect(await panel.getByTestId('stop-sharing-machine').count()).toBe(0);

    // A new reading reaches the guest's chart live.
    await scene.owner.http.post(`/api/v1/${machine.token}/telemetry`, { pressure: 43.25 });
    await panel
      .getByTestId('chart-latest')
      .filter({ hasText: '43.25' })
      .waitFor({ timeout: 5_000 });
    expect(await statusFrom(guest.page, grantUrl)).toBe(200);

    // Stopping the share ends the guest's access at once.
    await seller.page.getByTestId('stop-sharing-machine').click();
    await panel.waitFor({ state: 'detached' });
    expect(await statusFrom(guest.page, grantUrl)).toBe(403);

    // Shown again, then the call ends: the new grant stops working too.
    const secondGrant = nextGrantRequest(guest.page);
    await seller.page.getByTestId('open-machine-share').click();
    await seller.page.getByTestId('share-machine').click();
    await panel.waitFor();
    const secondUrl = await secondGrant;
    expect(await statusFrom(guest.page, secondUrl)).toBe(200);
    await guest.page.getByTestId('leave').click();
    await seller.page.getByTestId('leave').click();
    await expect.poll(() => statusFrom(guest.page, secondUrl), { timeout: 5_000 }).toBe(403);
  });
});
