// Storing imported contacts on SQLite and PostgreSQL, with the file read on the spot and in the
// import worker: created rows, bad rows with their lines, no duplicates when the same file comes
// again, matches by e-mail or phone merged in (also across batches), and unreadable files.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '../contacts/contact.repository.js';
import { getContact } from '../contacts/contact.service.js';
import { searchDocs } from '../contacts/search.repository.js';
import { FakeClock } from '../lib/clock.js';
import { DIALECTS, createTestDatabase } from '../test/databases.js';
import type { TestDatabase } from '../test/databases.js';
import { createHost } from '../test/lounge-harness.js';
import { importContacts } from './contact-import.service.js';
import { previewCsv } from './csv.js';
import { BATCH_ROWS, fileSource } from './import-source.js';
import type { ImportFile } from './import-source.js';
import { Invalid } from '../errors.js';

const CSV = [
  'Vorname;Nachname;Firma;E-Mail-Adresse;Mobiltelefon;Kategorien',
  'Jürgen;Müller;Müller Maschinenbau GmbH;j.mueller@example.com;0171 2345678;Key Account',
  'Anna;Weiß;MÜLLER MASCHINENBAU GMBH;anna@example.com;;Kunde',
  ';;;kaputt@@example;;',
  'Bernd;Groß;;;nicht erreichbar;',
  'Jürgen;Müller;;;+49 171 2345678;',
].join('\r\n');

const READERS = [
  ['on the spot', false],
  ['in the worker', true],
] as const;

describe.each(DIALECTS.flatMap((d) => READERS.map(([how, worker]) => [d, how, worker] as const)))(
  'contact import on %s, file read %s',
  (dialect, _how, worker) => {
    const importCsv = (tdb: TestDatabase, clock: FakeClock, viewer: Viewer, text: string) => {
      const bytes = new TextEncoder().encode(text);
      const file = { format: 'csv', bytes, mapping: previewCsv(bytes).suggested } as const;
      return importContacts(tdb.db, clock, viewer, fileSource(file, { worker }));
    };
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

    it('merges a person who comes again in a later batch into the contact an earlier one created', async () => {
      const lines = ['Vorname;Nachname;E-Mail-Adresse;Position'];
      lines.push('Erste;Zeile;repeat@batch.example;');
      for (let i = 0; i < BATCH_ROWS + 10; i++) lines.push(`P${i};Fill;f${i}@batch.example;`);
      lines.push('Erste;Zeile;repeat@batch.example;Werksleiter');
      const result = await importCsv(tdb, clock, seller, lines.join('\r\n'));
      expect(result).toMatchObject({ created: BATCH_ROWS + 11, updated: 1, errors: [] });
      const [hit, ...others] = await searchDocs(tdb.db, seller, 'repeat@batch.example', 5);
      expect(others).toEqual([]);
      expect((await getContact(tdb.db, seller, hit!.id as never)).row.role).toBe('Werksleiter');
    }, 60_000);

    it('refuses a mapping that does not fit the file, storing nothing', async () => {
      const bytes = new TextEncoder().encode('Name;E-Mail\r\nNeu Person;neu@refused.example\r\n');
      const file: ImportFile = { format: 'csv', bytes, mapping: ['name', 'email', null] };
      const refused = importContacts(tdb.db, clock, seller, fileSource(file, { worker }));
      await expect(refused).rejects.toThrow(Invalid);
      await expect(refused).rejects.toMatchObject({ code: 'invalid_mapping' });
      expect(await searchDocs(tdb.db, seller, 'refused', 5)).toEqual([]);
    });
  },
);
