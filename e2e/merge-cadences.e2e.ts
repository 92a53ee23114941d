// The relationship memory's housekeeping in the browser: a seller merges the records of one
// person (kept on the page that is open, and kept on the record found) and sees one timeline
// with the touchpoints of all of them while the others are gone; the account owner changes,
// adds and removes tag cadences on the settings page, and a seller reads them there.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import type { SignedInUser } from './harness/accounts.js';
import { unnamedControls } from './harness/a11y.js';
import { Scene, useBrowser } from './harness/scene.js';
import { uiText } from './harness/texts.js';

const en = (key: string, values: Record<string, string> = {}) =>
  uiText('en', 'contacts', key, values);

/** Creates a contact over HTTP as `user` and logs one touchpoint for it; returns its id. */
async function contactWithTouchpoint(
  user: SignedInUser,
  contact: Record<string, unknown>,
  summary: string,
): Promise<string> {
  const created = (await user.http.post('/api/contacts', contact)) as { contact: { id: string } };
  await user.http.post(`/api/contacts/${created.contact.id}/touchpoints`, {
    kind: 'call',
    summary,
  });
  return created.contact.id;
}

async function timelineTexts(page: Page): Promise<string[]> {
  return page.getByTestId('timeline-entry').allTextContents();
}

/** Opens the merge section on the open contact page and chooses the hit named `name`. */
async function chooseDuplicate(page: Page, query: string, name: string): Promise<void> {
  await page.getByTestId('merge-open').click();
  // The search field has the focus: the seller just types.
  await page.locator('[data-testid="merge-search"]:focus').waitFor();
  await page.keyboard.type(query);
  await page.getByRole('button', { name: `Choose ${name}`, exact: true }).click();
  await page.getByTestId('merge-preview').waitFor();
}

/** The cadence row of a tag on the settings page. */
function cadenceRow(page: Page, tag: string) {
  return page.locator(`[data-testid="cadence-row"][data-tag="${tag}"]`);
}

async function rowTags(page: Page): Promise<(string | null)[]> {
  const rows = await page.getByTestId('cadence-row').all();
  return Promise.all(rows.map((row) => row.getAttribute('data-tag')));
}

describe('merging duplicates and tag cadences in the browser', () => {
  const browser = useBrowser();

  test('a seller merges the records of one person and sees one timeline with every touchpoint', async () => {
    const scene = await Scene.start(browser());
    const sina = await scene.seller('Sina Seller');
    const karl = await contactWithTouchpoint(
      sina,
      { name: 'Karl Kühn', emails: ['karl@kuehn.example'], tags: ['kunde'] },
      'Angebot besprochen',
    );
    const kuehn = await contactWithTouchpoint(
      sina,
      {
        name: 'Karl Kuehn',
        emails: ['k.kuehn@privat.example'],
        phones: ['0171 2345678'],
        tags: ['key account'],
        family: 'Zwei Töchter',
      },
      'Messe in Stuttgart',
    );
    const initial = await contactWithTouchpoint(
      sina,
      { name: 'K. Kühn', companyName: 'Kühn Präzisionsteile GmbH' },
      'Visitenkarte erhalten',
    );
    const { page } = await scene.join(sina.name, { user: sina });

    // On Karl's page: find the duplicate, read the preview, keep the record that is open.
    await page.goto(`/contacts/${karl}`);
    await chooseDuplicate(page, 'Kuehn', 'Karl Kuehn');
    expect(await page.getByTestId('merge-keep').textContent()).toContain('Karl Kühn');
    expect(await page.getByTestId('merge-remove').textContent()).toContain('Karl Kuehn');
    const preview = (await page.getByTestId('merge-preview').textContent()) ?? '';
    expect(preview).toContain('k.kuehn@privat.example');
    expect(preview).toContain('key account');
    expect(preview).toContain(en('merge.deleted'));
    // The open record is never offered as its own duplicate.
    expect(await page.getByRole('button', { name: 'Choose Karl Kühn', exact: true }).count()).toBe(
      0,
    );
    await page.getByTestId('merge-confirm').click();

    await page.getByText(en('merge.done')).waitFor();
    await expect
      .poll(() => timelineTexts(page))
      .toEqual(
        expect.arrayContaining([
          expect.stringContaining('Angebot besprochen'),
          expect.stringContaining('Messe in Stuttgart'),
        ]),
      );
    expect(page.url()).toMatch(new RegExp(`/contacts/${karl}$`));
    expect(await page.getByRole('list', { name: 'Tags' }).first().textContent()).toContain(
      'key account',
    );
    expect(await page.getByText('Zwei Töchter').count()).toBe(1);

    // On the page of "K. Kühn", with the keyboard only: keep the record found; the page moves
    // to Karl.
    await page.goto(`/contacts/${initial}`);
    await page.getByTestId('merge-open').focus();
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="merge-search"]:focus').waitFor();
    await page.keyboard.type('Kühn');
    await page.getByRole('button', { name: 'Choose Karl Kühn', exact: true }).waitFor();
    expect(await unnamedControls(page), 'merge search').toEqual([]);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByTestId('merge-preview').waitFor();
    expect(await unnamedControls(page), 'merge preview').toEqual([]);
    // The focus moves on to the choice of the record that stays.
    await page.locator('[data-testid="merge-keep-current"]:focus').waitFor();
    await page.keyboard.press('ArrowDown');
    expect(await page.getByTestId('merge-keep-other').isChecked()).toBe(true);
    expect(await page.getByTestId('merge-keep').textContent()).toContain('Karl Kühn');
    expect(await page.getByTestId('merge-remove').textContent()).toContain('K. Kühn');
    await page.keyboard.press('Tab');
    expect(await page.locator('[data-testid="merge-confirm"]:focus').count()).toBe(1);
    await page.keyboard.press('Enter');

    await page.waitForURL(new RegExp(`/contacts/${karl}$`));
    await page.getByText(en('merge.done')).waitFor();
    await expect.poll(() => timelineTexts(page)).toHaveLength(3);
    const all = (await timelineTexts(page)).join('\n');
    for (const summary of ['Angebot besprochen', 'Messe in Stuttgart', 'Visitenkarte erhalten']) {
      expect(all).toContain(summary);
    }
    expect(await page.getByTestId('contact-name').textContent()).toBe('Karl Kühn');

    // The other records are gone, on their pages and in the list.
    for (const gone of [kuehn, initial]) {
      await page.goto(`/contacts/${gone}`);
      await page.getByText(en('detail.notFound')).waitFor();
    }
    await page.goto('/contacts');
    await page.getByTestId('contact-name').first().waitFor();
    expect(await page.getByTestId('contact-name').allTextContents()).toEqual(['Karl Kühn']);
  });

  test('the owner changes, adds and removes tag cadences, and a seller reads them', async () => {
    const scene = await Scene.start(browser());
    const owner = await scene.host();
    const { page } = owner;

    await page.goto('/contacts');
    await page.getByTestId('cadences-link').click();
    await page.waitForURL(/\/contacts\/cadences$/);
    await page.getByTestId('cadence-list').waitFor();
    expect(await page.getByTestId('cadence-fallback').textContent()).toBe(
      en('cadences.fallback_other', { count: '60' }),
    );
    const sorted = await rowTags(page);
    expect(sorted.indexOf('key account')).toBeLessThan(sorted.indexOf('customer'));
    expect(sorted.indexOf('customer')).toBeLessThan(sorted.indexOf('prospect'));

    // Days out of range are refused before anything is sent.
    const customer = cadenceRow(page, 'customer');
    const days = customer.getByLabel(en('cadences.daysFor', { tag: 'customer' }));
    await days.fill('0');
    await customer.getByTestId('cadence-save').click();
    await customer.getByText(en('cadences.errors.daysRange')).waitFor();
    expect(await days.getAttribute('aria-invalid')).toBe('true');

    // With the keyboard: type the new days and press Enter.
    await days.focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('21');
    await page.keyboard.press('Enter');
    await page.getByText(en('cadences.saved_other', { tag: 'customer', count: '21' })).waitFor();
    expect(await days.getAttribute('aria-invalid')).toBeNull();

    // A new tag cadence, with the tag checked first.
    await page.getByTestId('cadence-new-tag').fill('Customer');
    await page.getByTestId('cadence-new-days').fill('45');
    await page.getByTestId('cadence-add').click();
    await page.getByText(en('cadences.errors.tagExists', { tag: 'customer' })).waitFor();
    await page.getByTestId('cadence-new-tag').fill('Partner');
    await page.getByTestId('cadence-add').click();
    await cadenceRow(page, 'partner').waitFor();

    await cadenceRow(page, 'prospect').getByTestId('cadence-remove').click();
    await cadenceRow(page, 'prospect').waitFor({ state: 'detached' });

    // Everything is stored: after a reload the list reads the same.
    await page.reload();
    await page.getByTestId('cadence-list').waitFor();
    expect(await cadenceRow(page, 'customer').getByTestId('cadence-days').inputValue()).toBe('21');
    expect(await cadenceRow(page, 'partner').getByTestId('cadence-days').inputValue()).toBe('45');
    expect(await cadenceRow(page, 'prospect').count()).toBe(0);
    const after = await rowTags(page);
    expect(after.indexOf('customer')).toBeLessThan(after.indexOf('kunde'));
    expect(after.indexOf('customer')).toBeLessThan(after.indexOf('partner'));

    // A seller sees the same list, read-only.
    const selma = await scene.seller('Selma Seller');
    const seller = await scene.join(selma.name, { user: selma });
    await seller.page.goto('/contacts/cadences');
    await seller.page.getByTestId('cadence-list').waitFor();
    expect(await seller.page.getByTestId('cadences-read-only').textContent()).toBe(
      en('cadences.readOnly'),
    );
    expect(await cadenceRow(seller.page, 'customer').textContent()).toContain('every 21 days');
    expect(await seller.page.locator('main input, main form').count()).toBe(0);
    expect(await seller.page.getByTestId('cadence-fallback').textContent()).toBe(
      en('cadences.fallback_other', { count: '60' }),
    );
    expect(await unnamedControls(seller.page), 'cadences, read-only').toEqual([]);
  });
});
