// Import and export over HTTP on SQLite and PostgreSQL, with the sample files in test/fixtures:
// every fixture imports with its bad rows reported, and exports import back without duplicates.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportAnswerLine, ImportResultView } from '../../shared/api/contacts.js';
import { BATCH_ROWS } from './import-source.js';
import { setupOwner } from '../test/actors.js';
import type { SignedIn } from '../test/actors.js';
import { createTestApp } from '../test/app.js';
import type { TestApp } from '../test/app.js';
import { DIALECTS } from '../test/databases.js';
import { readFixture } from '../test/fixtures.js';

describe.each(DIALECTS)('import and export routes on %s', (dialect) => {
  let t: TestApp;
  let seller: SignedIn;

  const upload = async (url: string, body: Uint8Array | string, type: string) => {
    const res = await seller.agent.request({
      method: 'POST',
      url,
      body: typeof body === 'string' ? body : Buffer.from(body),
      headers: { 'content-type': type },
    });
    expect(res.statusCode, res.body).toBe(200);
    return res;
  };
  const importCsv = async (bytes: Uint8Array | string) => {
    const preview = (await upload('/api/imports/csv/preview', bytes, 'text/csv')).json<{
      suggested: (string | null)[];
    }>();
    const mapping = encodeURIComponent(JSON.stringify(preview.suggested));
    return (
      await upload(`/api/imports/csv?mapping=${mapping}`, bytes, 'text/csv')
    ).json<ImportResultView>();
  };
  const importVcard = async (bytes: Uint8Array | string) =>
    (await upload('/api/imports/vcard', bytes, 'text/vcard')).json<ImportResultView>();
  const contactCount = async () =>
    (await seller.agent.get('/api/contacts?limit=200')).json<{ contacts: unknown[] }>().contacts
      .length;

  beforeAll(async () => {
    t = await createTestApp({ dialect });
    seller = await setupOwner(t, { name: 'Frieda Fixture' });
  });

  afterAll(async () => {
    await t.close();
  });

  it('imports the Outlook, Excel and Google CSV samples and the vCard samples', async () => {
    for (const name of ['outlook-de.csv', 'excel-utf8-bom.csv', 'google.csv', 'bad-rows.csv']) {
      const result = await importCsv(readFixture(name));
      expect(result.created + result.updated, name).toBeGreaterThan(0);
      if (name === 'bad-rows.csv') expect(result.errors.length).toBeGreaterThan(0);
    }
    for (const name of ['google.vcf', 'apple.vcf', 'outlook.vcf', 'v4.vcf', 'broken.vcf']) {
      const result = await importVcard(readFixture(name));
      expect(result.created + result.updated, name).toBeGreaterThan(0);
      if (name === 'broken.vcf')
        expect(result.errors.map((e) => e.code)).toContain('unterminated_card');
    }
  });

  it('creates no duplicates when a sample or an export comes back', async () => {
    const before = await contactCount();
    expect((await importCsv(readFixture('outlook-de.csv'))).created).toBe(0);
    expect((await importVcard(readFixture('apple.vcf'))).created).toBe(0);
    const csv = await seller.agent.get('/api/exports/contacts.csv');
    expect(csv.headers['content-type']).toContain('text/csv');
    const vcf = await seller.agent.get('/api/exports/contacts.vcf');
    expect(vcf.body).toContain('BEGIN:VCARD');
    const fromCsv = await importCsv(csv.rawPayload);
    expect(fromCsv.created).toBe(0);
    const fromVcf = await importVcard(vcf.body);
    expect(fromVcf.created).toBe(0);
    expect(await contactCount()).toBe(before);
  });

  it('refuses an empty file, a mapping that is not JSON and a file that is too big, clearly', async () => {
    const empty = await seller.agent.request({
      method: 'POST',
      url: '/api/imports/csv/preview',
      body: '',
      headers: { 'content-type': 'text/csv' },
    });
    expect(empty.statusCode).toBe(400);
    const badMapping = await seller.agent.request({
      method: 'POST',
      url: '/api/imports/csv?mapping=%7Bnope',
      body: 'Name\r\nA\r\n',
      headers: { 'content-type': 'text/csv' },
    });
    expect(badMapping.statusCode).toBe(400);
    const binary = await seller.agent.request({
      method: 'POST',
      url: '/api/imports/csv/preview',
      body: Buffer.from([0, 1, 2, 3, 0, 0, 255, 254, 0]),
      headers: { 'content-type': 'application/octet-stream' },
    });
    expect(binary.statusCode).toBe(400);
  });

  it('answers a client that asks for it with progress lines, then the result', async () => {
    const rows = 30_000;
    const lines = ['Name;E-Mail'];
    for (let i = 0; i < rows; i++) lines.push(`Paula Progress ${i};paula${i}@progress.example`);
    const mapping = encodeURIComponent('["name","email"]');
    const request = (body: string, query = mapping) =>
      seller.agent.request({
        method: 'POST',
        url: `/api/imports/csv?mapping=${query}`,
        body,
        headers: { 'content-type': 'text/csv', accept: 'application/x-ndjson' },
      });
    const res = await request(lines.join('\r\n'));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/x-ndjson');
    const answer = res.body
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as ImportAnswerLine);
    const progress = answer.flatMap((l) => ('progress' in l ? [l.progress] : []));
    // The row count first (the worker counts before it prepares), then one line per batch.
    expect(progress[0]).toEqual({ done: 0, total: rows });
    expect(progress.length).toBeGreaterThan(rows / BATCH_ROWS);
    const done = progress.map((p) => p.done);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(progress.at(-1)).toEqual({ done: rows, total: rows });
    const last = answer.at(-1);
    expect(last && 'result' in last && last.result).toMatchObject({ created: rows, errors: [] });
    // A file that cannot be read fails before any progress, with its status.
    const misfit = await request(lines.slice(0, 3).join('\r\n'), encodeURIComponent('["name"]'));
    expect(misfit.statusCode).toBe(400);
    expect(misfit.json<{ error: { code: string } }>().error.code).toBe('invalid_mapping');
  }, 60_000);
});
