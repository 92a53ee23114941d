// Storing imported contacts on SQLite and PostgreSQL: created rows, bad rows with their lines,
// no duplicates when the same file comes again, and matches by e-mail or phone merged in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '../contacts/contact.repository.js';
import { getContact } from '../contacts/contact.service.js';
import { searchDocs } from '../contacts/search.repository.js';
import { FakeClock } from '../lib/clock.js';
import { DIALECTS, createTestDatabase } from '../test/databases.js';
import type { TestDatabase } from '../test/databases.js';
import { createHost } from '../test/lounge-harness.js';
import { importContacts } from './contact-import.service.js';
import { parseCsv, previewCsv } from './csv.js';

const CSV = [
  'Vorname;Nachname;Firma;E-Mail-Adresse;Mobiltelefon;Kategorien',
  'Jürgen;Müller;Müller Maschinenbau GmbH;j.mueller@example.com;0171 2345678;Key Account',
  'Anna;Weiß;MÜLLER MASCHINENBAU GMBH;anna@example.com;;Kunde',
  ';;;kaputt@@example;;',
  'Bernd;Groß;;;nicht erreichbar;',
  'Jürgen;Müller;;;+49 171 2345678;',
].join('\r\n');

function importCsv(tdb: TestDatabase, clock: FakeClock, viewer: Viewer, text: string) {
  const bytes = new TextEncoder().encode(text);
  const parsed = parseCsv(bytes, previewCsv(bytes).suggested);
  return importContacts(tdb.db, clock, viewer, parsed);
}

describe.each(DIALECTS)('contact import on %s', (dialect) => {
  let tdb: TestDatabase;
  let seller: Viewer;
  const clock = new FakeClock();

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    seller = { id: (await createHost(tdb.db, { name: 'Ida Import' })).userId, isOwner: false };
  });

  afterAll(async () => {
    await tdb.destroy();
  });

  it('creates contacts, reports every bad row with its line, and merges a repeat by phone', async () => {
    const result = await importCsv(tdb, clock, seller, CSV);
    expect(result.created).toBe(2);
    // Line 6 is Jürgen again, matched by his mobile number.
    expect(result.updated).toBe(1);
    expect(result.errors.map((e) => [e.line, e.code])).toEqual([
      [4, expect.stringMatching(/invalid_email|missing_name/)],
      [5, 'invalid_phone'],
    ]);
    const [hit] = await searchDocs(tdb.db, seller, 'Mueller', 5);
    const juergen = await getContact(tdb.db, seller, hit!.id as never);
    expect(juergen.phones).toEqual(['+491712345678']);
    expect(juergen.tags).toEqual(['key account']);
    const [anna] = await searchDocs(tdb.db, seller, 'Weiss', 5);
    const annaRecord = await getContact(tdb.db, seller, anna!.id as never);
    // Both spellings of the company became one company.
    expect(annaRecord.row.company_id).toBe(juergen.row.company_id);
  });

  it('creates no duplicates when the same file is imported again', async () => {
    const before = await tdb.db
      .selectFrom('contacts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const again = await importCsv(tdb, clock, seller, CSV);
    expect(again.created).toBe(0);
    expect(again.updated).toBe(3);
    const after = await tdb.db
      .selectFrom('contacts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('fills gaps of a matched contact without overwriting what is known', async () => {
    const result = await importCsv(
      tdb,
      clock,
      seller,
      'E-Mail-Adresse;Position;Nachname\r\nanna@example.com;Einkaufsleiterin;Anders\r\n',
    );
    expect(result).toMatchObject({ created: 0, updated: 1, errors: [] });
    const [anna] = await searchDocs(tdb.db, seller, 'anna', 5);
    const record = await getContact(tdb.db, seller, anna!.id as never);
    expect(record.row.name).toBe('Anna Weiß');
    expect(record.row.role).toBe('Einkaufsleiterin');
  });

  it('imports 20,000 rows in one go', async () => {
    const lines = ['Vorname;Nachname;Firma;E-Mail-Adresse'];
    for (let i = 0; i < 20_000; i++) {
      lines.push(`Person${i};Nachname${i % 977};Firma ${i % 5000};p${i}@big.example`);
    }
    const started = performance.now();
    const result = await importCsv(tdb, clock, seller, lines.join('\r\n'));
    const seconds = (performance.now() - started) / 1000;
    expect(result).toMatchObject({ created: 20_000, updated: 0, errors: [] });
    // Generous bound (bench:memory measures 100,000 rows properly): a regression to row-by-row
    // writes would take minutes.
    expect(seconds).toBeLessThan(30);
    expect(await searchDocs(tdb.db, seller, 'person19999', 5)).toHaveLength(1);
  }, 60_000);
});
