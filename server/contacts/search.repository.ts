// The folded search index over people, companies and notes: SQLite FTS5 by default, PostgreSQL
// full-text search (a `simple` tsvector over the same folded text) on the Postgres dialect. Both
// hold text folded by `foldText`, so "Mueller" finds "Müller" and "Weiss" finds "Weiß".
import { sql } from 'kysely';
import { isMailAddress } from '../../shared/mail-address.js';
import type { CompanyId, ContactId } from '../../shared/ids.js';
import type { Db } from '../db/database.js';
import { idSlices, isSqlite, MAX_IDS_PER_STATEMENT } from '../db/id-list.js';
import type { Viewer } from './contact.repository.js';
import { queryTokens, searchBody } from './search.words.js';

/** What a search document describes. */
export type SearchDocKind = 'contact' | 'company';

/** One search hit. */
export interface SearchHit {
  kind: SearchDocKind;
  id: string;
}

/** Writes (or replaces) the search document of a contact or company from its raw text parts. */
export async function indexSearchDoc(
  db: Db,
  kind: SearchDocKind,
  id: string,
  parts: (string | null | undefined)[],
): Promise<void> {
  const body = searchBody(parts);
  await removeSearchDoc(db, kind, id);
  await db.insertInto('contact_search').values({ doc_kind: kind, doc_id: id, body }).execute();
}

/** Removes the search document of a contact or company. */
export async function removeSearchDoc(db: Db, kind: SearchDocKind, id: string): Promise<void> {
  await db
    .deleteFrom('contact_search')
    .where('doc_kind', '=', kind)
    .where('doc_id', '=', id)
    .execute();
}

interface SearchRow {
  doc_kind: SearchDocKind;
  doc_id: string;
}

/** The condition on a contact's or company's row that the viewer may see it. */
function visibleTo(viewer: Viewer) {
  return viewer.isOwner
    ? sql<boolean>`1 = 1`
    : sql<boolean>`(owner_id = ${viewer.id} or shared = 1)`;
}

/** The hits among `rows` that the viewer may see, in the order given. */
async function visibleHits(db: Db, viewer: Viewer, rows: SearchRow[]): Promise<SearchHit[]> {
  if (rows.length > MAX_IDS_PER_STATEMENT) {
    const out: SearchHit[] = [];
    for (const slice of idSlices(rows)) out.push(...(await visibleHits(db, viewer, slice)));
    return out;
  }
  const ids = (kind: SearchDocKind) => rows.filter((r) => r.doc_kind === kind).map((r) => r.doc_id);
  const contactIds = ids('contact') as ContactId[];
  const companyIds = ids('company') as CompanyId[];
  const [contacts, companies] = await Promise.all([
    contactIds.length === 0
      ? []
      : db
          .selectFrom('contacts')
          .select('id')
          .where('id', 'in', contactIds)
          .where(visibleTo(viewer))
          .execute(),
    companyIds.length === 0
      ? []
      : db
          .selectFrom('companies')
          .select('id')
          .where('id', 'in', companyIds)
          .where(visibleTo(viewer))
          .execute(),
  ]);
  const seen = {
    contact: new Set<string>(contacts.map((r) => r.id)),
    company: new Set<string>(companies.map((r) => r.id)),
  };
  return rows
    .filter((r) => seen[r.doc_kind].has(r.doc_id))
    .map((r) => ({ kind: r.doc_kind, id: r.doc_id }));
}

/** PostgreSQL ranks at most this many visible matches of a query (see searchDocs). */
export const RANK_WINDOW = 500;

/**
 * Finds the contacts and companies the viewer may see whose documents contain every query token
 * as a word prefix, best matches first.
 */
export async function searchDocs(
  db: Db,
  viewer: Viewer,
  query: string,
  limit: number,
): Promise<SearchHit[]> {
  const tokens = queryTokens(query);
  if (tokens.length === 0) return [];
  // A whole e-mail address (pasted from a mail) names its contact: looked up as it is. Its parts
  // as prefixes ("de", "com") would match most of the index and rank other people beside it.
  const address = query.trim().toLowerCase();
  if (isMailAddress(address)) {
    const owners = await db
      .selectFrom('contact_emails')
      .innerJoin('contacts', 'contacts.id', 'contact_emails.contact_id')
      .select('contacts.id')
      .where('contact_emails.email', '=', address)
      .where(visibleTo(viewer))
      .orderBy('contacts.id')
      .limit(limit)
      .execute();
    if (owners.length > 0) return owners.map((r) => ({ kind: 'contact', id: r.id }));
  }
  if (isSqlite(db)) {
    // Each token is quoted (so FTS5 operators in the input are plain text) and prefix-matched.
    const match = tokens.map((t) => `"${t.replace(/"/g, '""')}"*`).join(' ');
    // FTS5 ranks on its own and hands over the best `window` hits; only those are checked for
    // visibility, so a short prefix that matches thousands ("han") stays cheap. When too many of
    // them are hidden from the viewer, the window grows until the answer is complete.
    for (let window = viewer.isOwner ? limit : limit * 10; ; window *= 10) {
      const ranked = await sql<SearchRow>`
        select doc_kind, doc_id from contact_search
        where contact_search match ${match} order by rank limit ${window}`.execute(db);
      const shown = await visibleHits(db, viewer, ranked.rows);
      if (shown.length >= limit || ranked.rows.length < window) return shown.slice(0, limit);
    }
  }
  // On PostgreSQL the visibility check joins the hits' contacts and companies by primary key.
  const visible = viewer.isOwner
    ? sql`(c.id is not null or co.id is not null)`
    : sql`(c.owner_id = ${viewer.id} or c.shared = 1 or co.owner_id = ${viewer.id} or co.shared = 1)`;
  const joins = sql`
    left join contacts c on s.doc_kind = 'contact' and c.id = s.doc_id
    left join companies co on s.doc_kind = 'company' and co.id = s.doc_id`;
  const tsquery = tokens.map((t) => `${t}:*`).join(' & ');
  // ts_rank reads every match's tsvector, and a short prefix ("Sch") matches tens of thousands of
  // documents (80 ms at 100,000 contacts); the best are ranked among the first RANK_WINDOW visible
  // matches instead. A prefix that broad has no meaningful best anyway, and the next letter
  // typed narrows it below the window, where the ranking is exact.
  const rows = await sql<SearchRow>`
    with hits as (
      select s.doc_kind, s.doc_id, s.tsv from contact_search s ${joins}
      where s.tsv @@ to_tsquery('simple', ${tsquery}) and ${visible}
      limit ${Math.max(limit, RANK_WINDOW)}
    )
    select doc_kind, doc_id from hits
    order by ts_rank(tsv, to_tsquery('simple', ${tsquery})) desc, doc_id
    limit ${limit}`.execute(db);
  return rows.rows.map((r) => ({ kind: r.doc_kind, id: r.doc_id }));
}
