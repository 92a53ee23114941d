// The outbox API on SQLite and PostgreSQL: a seller reads their own mail only, the account owner
// reads everyone's (system mail included), newest first in pages; invitations download as .ics.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboxMessageView, OutboxPageView } from '../../shared/api/outbox.js';
import type { OutboxMessageId } from '../../shared/ids.js';
import { buildInvitation } from '../booking/invite.js';
import { FakeClock } from '../lib/clock.js';
import { anonymousAgent, inviteSeller, setupOwner } from '../test/actors.js';
import type { SignedIn } from '../test/actors.js';
import { createTestApp } from '../test/app.js';
import type { TestApp } from '../test/app.js';
import { DIALECTS } from '../test/databases.js';
import { parseInvitation } from '../test/ics.js';
import type { MailMessage } from './mail.schemas.js';

const MIN = 60_000;

function invitation(uid: string): string {
  const start = Date.UTC(2026, 11, 1, 9, 0);
  return buildInvitation({
    uid,
    sequence: 0,
    method: 'REQUEST',
    start,
    end: start + 45 * MIN,
    stamp: Date.UTC(2026, 10, 28, 9, 0),
    summary: 'Maschinen-Demo, 45 min',
    description: 'Absagen: https://nahbar.test/b/c?t=x',
    location: 'https://nahbar.test/r/anton',
    url: 'https://nahbar.test/r/anton',
    organizer: { name: 'Anton Seller', email: 'anton@example.test' },
    attendee: { name: 'Gabi Gast', email: 'gabi@example.test' },
  });
}

describe.each(DIALECTS)('outbox API on %s', (dialect) => {
  let t: TestApp;
  let clock: FakeClock;
  let owner: SignedIn;
  let a: SignedIn;
  let b: SignedIn;
  /** Anton's three messages (the second with an invitation), Berta's one, and one of the system. */
  const ids: Record<'a1' | 'a2' | 'a3' | 'b1' | 'system', OutboxMessageId> = {} as never;

  async function send(key: keyof typeof ids, message: MailMessage): Promise<void> {
    ids[key] = await t.ctx.mailer.send(message);
    clock.advance(MIN);
  }

  const page = async (who: SignedIn, query = ''): Promise<OutboxPageView> => {
    const res = await who.agent.get(`/api/outbox${query}`);
    expect(res.statusCode).toBe(200);
    return res.json<OutboxPageView>();
  };
  const subjects = (p: OutboxPageView) => p.messages.map((m) => m.subject);

  beforeAll(async () => {
    clock = new FakeClock();
    t = await createTestApp({ dialect, clock });
    owner = await setupOwner(t, { name: 'Olga Owner' });
    a = await inviteSeller(t, owner.agent, { name: 'Anton Seller' });
    b = await inviteSeller(t, owner.agent, { name: 'Berta Seller' });
    const mail = { to: 'Gabi Gast <gabi@example.test>', text: 'Hallo Gabi' };
    await send('a1', { ...mail, sellerId: a.user.id, subject: 'Anton 1' });
    await send('a2', {
      ...mail,
      sellerId: a.user.id,
      subject: 'Anton 2',
      html: '<p>Hallo Gabi</p>',
      calendar: { method: 'REQUEST', ics: invitation('bk_anton_2@nahbar.test') },
    });
    await send('a3', { ...mail, sellerId: a.user.id, subject: 'Anton 3' });
    await send('b1', { ...mail, sellerId: b.user.id, subject: 'Berta 1' });
    await send('system', { to: 'olga@example.test', subject: 'System', text: 'Hallo Olga' });
  });

  afterAll(async () => {
    await t?.close();
  });

  it("shows a seller their own messages only, newest first, and never another seller's", async () => {
    expect(subjects(await page(a))).toEqual(['Anton 3', 'Anton 2', 'Anton 1']);
    expect(subjects(await page(b))).toEqual(['Berta 1']);
  });

  it("shows the account owner everyone's messages, system mail included", async () => {
    expect(subjects(await page(owner))).toEqual([
      'System',
      'Berta 1',
      'Anton 3',
      'Anton 2',
      'Anton 1',
    ]);
  });

  it('pages with limit and offset and says whether more follow', async () => {
    expect(await page(a, '?limit=2')).toMatchObject({ hasMore: true });
    expect(subjects(await page(a, '?limit=2'))).toEqual(['Anton 3', 'Anton 2']);
    const last = await page(a, '?limit=2&offset=2');
    expect(subjects(last)).toEqual(['Anton 1']);
    expect(last.hasMore).toBe(false);
    expect((await a.agent.get('/api/outbox?limit=0')).statusCode).toBe(400);
    expect((await a.agent.get('/api/outbox?limit=201')).statusCode).toBe(400);
  });

  it('presents a message without its HTML or calendar text, with where it stands', async () => {
    const second = (await page(a)).messages.find((m) => m.id === ids.a2);
    expect(second).toEqual<OutboxMessageView>({
      id: ids.a2,
      sellerId: a.user.id,
      to: { name: 'Gabi Gast', address: 'gabi@example.test' },
      subject: 'Anton 2',
      text: 'Hallo Gabi',
      hasHtml: true,
      calendar: { method: 'REQUEST' },
      transport: 'outbox',
      status: 'kept',
      attempts: 0,
      error: null,
      createdAt: Date.UTC(2026, 10, 28, 9, 1),
      sentAt: null,
      nextAttemptAt: null,
    });
    const res = await a.agent.get('/api/outbox');
    expect(res.body).not.toContain('BEGIN:VCALENDAR');
    expect(res.body).not.toContain('<p>');
  });

  it('downloads the invitation as a text/calendar file for the seller and the owner', async () => {
    for (const who of [a, owner]) {
      const res = await who.agent.get(`/api/outbox/${ids.a2}/ics`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8; method=REQUEST');
      expect(res.headers['content-disposition']).toBe('attachment; filename="invite.ics"');
      expect(res.body).toBe(invitation('bk_anton_2@nahbar.test'));
      expect(parseInvitation(res.body)).toMatchObject({
        method: 'REQUEST',
        uid: 'bk_anton_2@nahbar.test',
      });
    }
  });

  it("answers 404 for another seller's invitation, a message without one, or none at all", async () => {
    const other = await b.agent.get(`/api/outbox/${ids.a2}/ics`);
    expect(other.statusCode).toBe(404);
    expect(other.body).not.toContain('VCALENDAR');
    const plain = await a.agent.get(`/api/outbox/${ids.a1}/ics`);
    expect(plain.statusCode).toBe(404);
    expect(plain.json()).toEqual({
      error: { code: 'no_invitation', message: 'This message carries no calendar invitation' },
    });
    expect((await a.agent.get('/api/outbox/nosuchmessage0000/ics')).statusCode).toBe(404);
  });

  it('asks anonymous callers to sign in', async () => {
    const anonymous = anonymousAgent(t);
    expect((await anonymous.get('/api/outbox')).statusCode).toBe(401);
    expect((await anonymous.get(`/api/outbox/${ids.a2}/ics`)).statusCode).toBe(401);
  });

  it('lists the routes under the outbox tag in the API description', async () => {
    const res = await anonymousAgent(t).get('/api/docs/json');
    const { paths } = res.json<{ paths: Record<string, Record<string, { tags?: string[] }>> }>();
    expect(paths['/api/outbox']?.get?.tags).toEqual(['outbox']);
    expect(paths['/api/outbox/{id}/ics']?.get?.tags).toEqual(['outbox']);
  });
});
