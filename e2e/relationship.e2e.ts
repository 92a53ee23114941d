// Issue 3, proof 6: a seller imports a CSV and sees Today; copies a contact's personal link, which
// the contact opens in a second browser, is greeted by name, knocks (the host sees name and
// company) and is admitted; after hanging up, the contact's timeline shows the lounge meeting
// with its duration, and the contact drops from Today. A big import shows the rows stored.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { waitForCall } from './harness/media.js';
import { admit, enterAsHost, knockEntry } from './harness/lounge.js';
import { Scene, useBrowser } from './harness/scene.js';
import { waitFor } from './harness/wait.js';

/** A German Outlook export: `;`-separated, Windows-1252, CRLF. */
function outlookCsv(): Buffer {
  const text = [
    'Vorname;Nachname;Firma;Position;E-Mail-Adresse;Mobiltelefon;Kategorien',
    'Karl;Kühn;Kühn Präzisionsteile GmbH;Werkleiter;karl.kuehn@kuehn.example;0171 2345678;Kunde',
    'Greta;Weiß;Weiß Antriebe KG;Einkauf;greta@weiss.example;0160 9876543;Interessent',
    'Ohne;Adresse;;;keine-mail;;',
  ].join('\r\n');
  return Buffer.from(text, 'latin1');
}

async function todayNames(page: Page): Promise<string[]> {
  await page.goto('/today');
  await page.getByTestId('today-entry').first().waitFor();
  return page.locator('[data-testid="today-entry"] .today-name').allTextContents();
}

describe('relationship memory in the browser', () => {
  const browser = useBrowser();

  test('import, Today, personal link, knock by name, meeting on the timeline, rank drops', async () => {
    const scene = await Scene.start(browser());
    const seller = await scene.host();
    await seller.context.grantPermissions(['clipboard-read', 'clipboard-write']);

    // Import a CSV through the import page.
    await seller.page.goto('/contacts/import');
    await seller.page.getByTestId('import-file').setInputFiles({
      name: 'kontakte.csv',
      mimeType: 'text/csv',
      buffer: outlookCsv(),
    });
    await seller.page.getByTestId('import-mapping').waitFor();
    await seller.page.getByTestId('import-submit').click();
    await seller.page.getByTestId('import-result').waitFor();
    expect(await seller.page.getByTestId('import-created').textContent()).toContain('2');
    const errors = await seller.page.getByTestId('import-error').allTextContents();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('4');

    // Today shows the imported people (no touchpoint yet, so they are due).
    const before = await todayNames(seller.page);
    expect(before).toEqual(expect.arrayContaining(['Karl Kühn', 'Greta Weiß']));

    // The seller copies Karl's personal link on his page.
    await seller.page.getByRole('link', { name: 'Karl Kühn' }).click();
    await seller.page.getByTestId('personal-link').click();
    const link = await waitFor('the personal link on the clipboard', async () => {
      const text = await seller.page.evaluate(() => {
        const page = globalThis as unknown as {
          navigator: { clipboard: { readText(): Promise<string> } };
        };
        return page.navigator.clipboard.readText();
      });
      return text.includes('/r/') ? text : undefined;
    });
    const contactUrl = seller.page.url();
    expect(new URL(link).searchParams.get('c')).toMatch(/^[A-Za-z0-9_-]{16,}$/);

    // The seller waits in the lounge; Karl opens his link in his own browser.
    const lounge = await seller.context.newPage();
    await enterAsHost({ ...seller, page: lounge }, scene.room.handle);
    const karl = await scene.join('Karl Kühn');
    await karl.page.goto(new URL(link).pathname + new URL(link).search);
    await karl.page.getByTestId('prejoin').waitFor();
    expect(await karl.page.locator('h1').textContent()).toContain('Karl Kühn');
    expect(await karl.page.getByTestId('prejoin-name').inputValue()).toBe('Karl Kühn');
    await karl.page.getByTestId('prejoin-join').click();

    const host = { ...seller, page: lounge };
    const entry = knockEntry(host, 'Karl Kühn');
    await entry.waitFor();
    expect(await entry.getByTestId('knock-company').textContent()).toBe(
      'Kühn Präzisionsteile GmbH',
    );
    await admit(host, 'Karl Kühn');
    await Promise.all([waitForCall(lounge, 1), waitForCall(karl.page, 1)]);

    // Both hang up; the meeting ends and becomes Karl's touchpoint.
    await karl.page.getByTestId('leave').click();
    await lounge.getByTestId('leave').click();

    await seller.page.goto(contactUrl);
    await waitFor('the lounge meeting on the timeline', async () => {
      await seller.page.reload();
      const entries = await seller.page.getByTestId('timeline-entry').allTextContents();
      return entries.some((text) => /Lounge/i.test(text) && /\d+ min/i.test(text)) || undefined;
    });

    const after = await todayNames(seller.page);
    expect(after).not.toContain('Karl Kühn');
    expect(after).toContain('Greta Weiß');
  });

  test('a big import shows how many rows the server has stored', async () => {
    const scene = await Scene.start(browser());
    const seller = await scene.host();
    const rows = 40_000;
    const lines = ['Name;E-Mail'];
    for (let i = 0; i < rows; i++) lines.push(`Bernd Batch ${i};bernd${i}@batch.example`);
    await seller.page.goto('/contacts/import');
    await seller.page.getByTestId('import-file').setInputFiles({
      name: 'gross.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(lines.join('\r\n')),
    });
    await seller.page.getByTestId('import-mapping').waitFor();
    await seller.page.getByTestId('import-submit').click();
    // The bar turns from the upload to the rows stored: "… 5.000 von 40.000 Zeilen".
    const progress = seller.page.getByTestId('import-progress');
    await waitFor('rows stored on the progress bar', async () => {
      const text = (await progress.getAttribute('aria-valuetext').catch(() => null)) ?? '';
      return /\d (von|of) 40[.,]000 (Zeilen|rows)/.test(text) || undefined;
    });
    await seller.page.getByTestId('import-result').waitFor({ timeout: 60_000 });
    expect(await seller.page.getByTestId('import-created').textContent()).toContain('40');
  });
});
