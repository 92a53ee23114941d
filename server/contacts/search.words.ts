// The words of the search index, without a database: documents and queries are both folded and
// cut into the same words, on SQLite and PostgreSQL alike. The import worker builds documents
// with these and does not load the database layer.
import { foldText } from '../../shared/fold.js';

/**
 * Folded words (runs of letters and digits) of a text. Documents and queries are both cut into
 * these, so that SQLite's and PostgreSQL's own tokenisers see the same words ("j.mueller@x.de"
 * is j, mueller, x, de on both; PostgreSQL would otherwise keep an e-mail as one token).
 */
export function searchWords(text: string): string[] {
  return foldText(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0);
}

/** The stored body of a search document made of these texts. */
export function searchBody(parts: readonly (string | null | undefined)[]): string {
  return searchWords(parts.filter((p) => p).join(' ')).join(' ');
}

/** The search tokens of a query, at most eight. */
export function queryTokens(query: string): string[] {
  return searchWords(query).slice(0, 8);
}
