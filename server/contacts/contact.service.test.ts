// Contacts, touchpoints and the folded search on SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactInputSchema } from '../../shared/contacts.js';
import type { ContactDraft } from '../../shared/contacts.js';
import { FakeClock } from '../lib/clock.js';
import { DIALECTS, createTestDatabase } from '../test/databases.js';
import type { TestDatabase } from '../test/databases.js';
import { createHost } from '../test/lounge-harness.js';
import { logTouchpoint, recomputeLastTouch } from '../touchpoints/touchpoint.service.js';
import type { ContactId } from '../../shared/ids.js';
import { findContactRecordsByIds } from './contact.repository.js';
import type { Viewer } from './contact.repository.js';
import { normalizePhone } from './contact.rows.js';
import { createContact, getContact, getOwnedContact, updateContact } from './contact.service.js';
import { RANK_WINDOW, searchDocs } from './search.repository.js';

const input = (draft: ContactDraft) => contactInputSchema.parse(draft);

describe('normalizePhone', () => {
  it('writes German numbers in E.164 and refuses what is no number', () => {
    expect(normalizePhone('0711 / 123 456-0')).toBe('+497111234560');
    expect(normalizePhone('+49 (0)171 2345678')).toBe('+491712345678');
    expect(normalizePhone('+1 312 555 0100')).toBe('+13125550100');
    expect(normalizePhone('call me')).toBeNull();
    expect(normalizePhone('123')).toBeNull();
  });
});

describe.each(DIALECTS)('contacts on %s', (dialect) => {
  let tdb: TestDatabase;
  let alice: Viewer;
  let bob: Viewer;
  const owner: Viewer = { id: 'owner-of-account' as Viewer['id'], isOwner: true };
  const clock = new FakeClock();

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    alice = { id: (await createHost(tdb.db, { name: 'Alice Seller' })).userId, isOwner: false };
    bob = { id: (await createHost(tdb.db, { name: 'Bob Seller' })).userId, isOwner: false };
    const create = (viewer: Viewer, draft: ContactDraft) =>
      tdb.db
        .transaction()
        .execute((trx) => createContact(trx, clock, { viewer, input: input(draft) }));
    await create(alice, {
      name: 'Jürgen Müller',
      companyName: 'Müller Maschinenbau GmbH',
      emails: ['J.Mueller@Example.com'],
      phones: ['0711 1234567'],
      tags: ['Key Account'],
      family: 'Zwei Töchter, Hund namens Bruno',
      notes: 'Segelt am Bodensee',
    });
    await create(alice, { name: 'Anna Weiß', companyName: 'MUELLER MASCHINENBAU GMBH' });
    await create(bob, { name: 'Bernd Groß', interests: 'Oldtimer, Weißwein' });
    await create(bob, { name: 'Sabine Shared', shared: true, notes: 'Müllerstraße 5' });
  });

  afterAll(async () => {
    await tdb.destroy();
  });

  const names = async (viewer: Viewer, q: string) => {
    const hits = await searchDocs(tdb.db, viewer, q, 20);
    const out: string[] = [];
    for (const hit of hits) {
      if (hit.kind === 'company') {
        out.push('(company)');
      } else {
        const record = await getContact(tdb.db, owner, hit.id as never);
        out.push(record.row.name);
      }
    }
    return out.sort();
  };

  it('finds full records for more ids than either dialect binds in one statement', async () => {
    const ids = await Promise.all(
      ['Jürgen', 'Weiß'].map(async (q) => (await searchDocs(tdb.db, alice, q, 5))[0]!.id),
    );
    // 70,000 ids: beyond SQLite's 32,766 and PostgreSQL's 65,535 bound values per statement.
    const wanted = [
      ...ids,
      ...Array.from({ length: 70_000 }, (_, i) => `missing${i}`),
    ] as ContactId[];
    const records = await findContactRecordsByIds(tdb.db, wanted);
    expect(records.map((r) => [r.row.name, r.companyName, r.emails]).sort()).toEqual([
      ['Anna Weiß', 'Müller Maschinenbau GmbH', []],
      ['Jürgen Müller', 'Müller Maschinenbau GmbH', ['j.mueller@example.com']],
    ]);
  });

  it('stores phones in E.164, e-mails in lower case and one company for both spellings', async () => {
    const [hit] = await searchDocs(tdb.db, alice, 'Jürgen', 5);
    const record = await getContact(tdb.db, alice, hit!.id as never);
    expect(record.phones).toEqual(['+497111234567']);
    expect(record.emails).toEqual(['j.mueller@example.com']);
    expect(record.tags).toEqual(['key account']);
    expect(record.companyName).toBe('Müller Maschinenbau GmbH');
    const [anna] = await searchDocs(tdb.db, alice, 'Anna', 5);
    const annaRecord = await getContact(tdb.db, alice, anna!.id as never);
    expect(annaRecord.row.company_id).toBe(record.row.company_id);
  });

  it('finds Müller as Mueller, mueller and MÜLLER, and Weiß as Weiss', async () => {
    for (const q of ['Mueller', 'mueller', 'MÜLLER', 'Müller', 'juergen muel']) {
      expect(await names(alice, q), q).toContain('Jürgen Müller');
    }
    expect(await names(alice, 'Weiss')).toEqual(['Anna Weiß']);
    expect(await names(alice, 'WEISS')).toEqual(['Anna Weiß']);
    expect(await names(bob, 'gross')).toEqual(['Bernd Groß']);
    expect(await names(bob, 'weisswein')).toEqual(['Bernd Groß']);
  });

  it('searches personal context, notes, e-mails and phone digits', async () => {
    expect(await names(alice, 'Bodensee')).toEqual(['Jürgen Müller']);
    expect(await names(alice, 'Toechter Bruno')).toEqual(['Jürgen Müller']);
    expect(await names(alice, 'j.mueller@example.com')).toContain('Jürgen Müller');
    expect(await names(alice, '07111234567')).toEqual(['Jürgen Müller']);
  });

  it('finds the one contact of a whole e-mail address, if the viewer may see it', async () => {
    await createContact(tdb.db, clock, {
      viewer: alice,
      input: input({ name: 'Eva Exakt', emails: ['eva@exakt.example'] }),
    });
    // Every word of the address is in this one's document too.
    await createContact(tdb.db, clock, {
      viewer: alice,
      input: input({ name: 'Eva Exakter', emails: ['eva.exakter@exakt.example'] }),
    });
    expect(await names(alice, ' EVA@Exakt.example ')).toEqual(['Eva Exakt']);
    expect(await names(owner, 'eva@exakt.example')).toEqual(['Eva Exakt']);
    expect(await names(bob, 'eva@exakt.example')).toEqual([]);
    // An address nobody has, or a part of one, is searched word by word.
    expect((await names(alice, 'eva@exakt')).sort()).toEqual(['Eva Exakt', 'Eva Exakter']);
    expect(await names(alice, 'eva.exakte@exakt.example')).toEqual(['Eva Exakter']);
  });

  it('shows a seller only their own and shared contacts; the account owner sees all', async () => {
    expect(await names(bob, 'Müller')).toEqual(['Sabine Shared']);
    expect(await names(alice, 'Groß')).toEqual([]);
    expect(await names(owner, 'Groß')).toEqual(['Bernd Groß']);
    const [sabine] = await searchDocs(tdb.db, alice, 'Sabine', 5);
    await expect(getContact(tdb.db, alice, sabine!.id as never)).resolves.toBeDefined();
    await expect(getOwnedContact(tdb.db, alice, sabine!.id as never)).rejects.toMatchObject({
      status: 404,
    });
  });

  it("finds the viewer's one match among many of another seller's", async () => {
    for (let i = 0; i < 30; i++) {
      await createContact(tdb.db, clock, {
        viewer: bob,
        input: input({ name: `Hannelore Bobs${i}`, notes: 'hannelore hannelore hannelore' }),
      });
    }
    await createContact(tdb.db, clock, { viewer: alice, input: input({ name: 'Hannes Alice' }) });
    const hits = await searchDocs(tdb.db, alice, 'hann', 2);
    expect(hits).toHaveLength(1);
    expect((await getContact(tdb.db, alice, hits[0]!.id as never)).row.name).toBe('Hannes Alice');
    expect(await searchDocs(tdb.db, bob, 'hann', 5)).toHaveLength(5);
  });

  it('answers a prefix that matches more documents than are ranked with the best it can see', async () => {
    const many = RANK_WINDOW + 100;
    for (let i = 0; i < many; i++) {
      await createContact(tdb.db, clock, {
        viewer: bob,
        input: input({ name: `Quirin Bob${i}`, ...(i % 2 === 0 ? { shared: true } : {}) }),
      });
    }
    await createContact(tdb.db, clock, {
      viewer: alice,
      input: input({ name: 'Quirin Quirinus', notes: 'quirin quirin quirin' }),
    });
    const hits = await searchDocs(tdb.db, alice, 'qui', 20);
    expect(hits).toHaveLength(20);
    const names = await Promise.all(
      hits.map(async (h) => (await getContact(tdb.db, alice, h.id as never)).row),
    );
    // Every hit is one alice may see (her own or a shared one) and matches the prefix.
    for (const row of names) {
      expect(row.name.startsWith('Quirin')).toBe(true);
      expect(row.owner_id === alice.id || row.shared === 1).toBe(true);
    }
    // Hidden ones are never among them, however many there are.
    expect(await searchDocs(tdb.db, alice, 'quirin bob1', 20)).toHaveLength(20);
  });

  it('treats FTS operators in a query as text', async () => {
    for (const q of ['"', 'AND OR NOT', 'Müller*', '(', 'a:b', "o'brien", '-x']) {
      await expect(searchDocs(tdb.db, alice, q, 5)).resolves.toBeDefined();
    }
  });

  it('keeps the search document in step with an update', async () => {
    const [hit] = await searchDocs(tdb.db, bob, 'Bernd', 5);
    await updateContact(tdb.db, clock, {
      viewer: bob,
      contactId: hit!.id as never,
      input: input({ name: 'Bernd Groß', interests: 'Segelfliegen' }),
    });
    expect(await names(bob, 'Weisswein')).toEqual([]);
    expect(await names(bob, 'segelflieg')).toEqual(['Bernd Groß']);
  });

  it('derives the last touch from the log, newer wins, and recomputes it', async () => {
    const [hit] = await searchDocs(tdb.db, alice, 'Anna', 5);
    const id = hit!.id as never;
    const t0 = clock.now();
    await logTouchpoint(tdb.db, clock, {
      viewer: alice,
      contactId: id,
      kind: 'call',
      summary: 'Hallo',
      occurredAt: t0 - 5000,
    });
    await logTouchpoint(tdb.db, clock, {
      viewer: alice,
      contactId: id,
      kind: 'note',
      summary: 'älter',
      occurredAt: t0 - 90_000,
    });
    expect((await getContact(tdb.db, alice, id)).row.last_touch_at).toBe(t0 - 5000);
    await tdb.db
      .updateTable('contacts')
      .set({ last_touch_at: null })
      .where('id', '=', id)
      .execute();
    expect(await recomputeLastTouch(tdb.db, id)).toBe(t0 - 5000);
  });
});
