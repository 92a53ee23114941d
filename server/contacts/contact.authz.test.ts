// Seller A against seller B on every contacts route, on SQLite and PostgreSQL: B's private
// contacts are invisible to A (read, change, log, snooze, link, merge, export, erase, list,
// search, Today); a shared one A may read and log a touchpoint for, but not change or erase.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inviteSeller, setupOwner } from '../test/actors.js';
import type { SignedIn } from '../test/actors.js';
import { createTestApp } from '../test/app.js';
import type { TestApp } from '../test/app.js';
import { DIALECTS } from '../test/databases.js';

describe.each(DIALECTS)('seller A and seller B on %s', (dialect) => {
  let t: TestApp;
  let a: SignedIn;
  let b: SignedIn;
  let privateId: string;
  let sharedId: string;
  let ownOfA: string;

  const create = async (who: SignedIn, body: object) => {
    const res = await who.agent.post('/api/contacts', body);
    expect(res.statusCode).toBe(201);
    return res.json<{ contact: { id: string } }>().contact.id;
  };

  beforeAll(async () => {
    t = await createTestApp({ dialect });
    const owner = await setupOwner(t, { name: 'Olga Owner' });
    a = await inviteSeller(t, owner.agent, { name: 'Anton Seller' });
    b = await inviteSeller(t, owner.agent, { name: 'Berta Seller' });
    privateId = await create(b, {
      name: 'Gabi Geheim',
      emails: ['gabi@geheim.example'],
      cadenceDays: 1,
    });
    sharedId = await create(b, { name: 'Tom Team', shared: true });
    ownOfA = await create(a, { name: 'Anna Eigen' });
  });

  afterAll(async () => {
    await t.close();
  });

  it("gives seller A a 404 on every route for seller B's private contact", async () => {
    const requests = [
      { method: 'GET', url: `/api/contacts/${privateId}` },
      { method: 'PUT', url: `/api/contacts/${privateId}`, body: { name: 'Gehackt' } },
      { method: 'POST', url: `/api/contacts/${privateId}/touchpoints`, body: { kind: 'note' } },
      { method: 'POST', url: `/api/contacts/${privateId}/snooze`, body: { days: 7 } },
      { method: 'POST', url: `/api/contacts/${privateId}/link` },
      { method: 'GET', url: `/api/contacts/${privateId}/export` },
      { method: 'DELETE', url: `/api/contacts/${privateId}` },
      {
        method: 'POST',
        url: '/api/contacts/merge',
        body: { keepId: ownOfA, mergeId: privateId },
      },
      {
        method: 'POST',
        url: '/api/contacts/merge',
        body: { keepId: privateId, mergeId: ownOfA },
      },
    ] as const;
    for (const req of requests) {
      const res = await a.agent.request(req);
      expect(res.statusCode, `${req.method} ${req.url}`).toBe(404);
    }
    // Nothing changed for B.
    const mine = await b.agent.get(`/api/contacts/${privateId}`);
    expect(mine.json<{ contact: { name: string } }>().contact.name).toBe('Gabi Geheim');
    expect((await a.agent.get(`/api/contacts/${ownOfA}`)).statusCode).toBe(200);
  });

  it("keeps seller B's private contact out of A's list, search and Today", async () => {
    const list = await a.agent.get('/api/contacts');
    const names = list.json<{ contacts: { name: string }[] }>().contacts.map((c) => c.name);
    expect(names.sort()).toEqual(['Anna Eigen', 'Tom Team']);
    for (const q of ['Gabi', 'geheim', 'gabi@geheim.example']) {
      const search = await a.agent.get(`/api/search?q=${encodeURIComponent(q)}`);
      expect(search.json<{ results: unknown[] }>().results, q).toEqual([]);
    }
    const today = await a.agent.get('/api/today');
    const entries = today.json<{ entries: { contact: { name: string } }[] }>().entries;
    expect(entries.map((e) => e.contact.name)).not.toContain('Gabi Geheim');
  });

  it('lets seller A read and log a shared contact, but not change, export or erase it', async () => {
    const read = await a.agent.get(`/api/contacts/${sharedId}`);
    expect(read.statusCode).toBe(200);
    expect(read.json<{ contact: { editable: boolean } }>().contact.editable).toBe(false);
    const log = await a.agent.post(`/api/contacts/${sharedId}/touchpoints`, { kind: 'call' });
    expect(log.statusCode).toBe(201);
    for (const req of [
      { method: 'PUT', url: `/api/contacts/${sharedId}`, body: { name: 'X' } },
      { method: 'GET', url: `/api/contacts/${sharedId}/export` },
      { method: 'DELETE', url: `/api/contacts/${sharedId}` },
      { method: 'POST', url: `/api/contacts/${sharedId}/snooze`, body: { days: 1 } },
    ] as const) {
      const res = await a.agent.request(req);
      expect(res.statusCode, `${req.method} ${req.url}`).toBe(404);
    }
  });
});
