// Search queries for the relationship-memory benchmark, drawn from the people in the imported
// file: what a seller types into the search box. Names as written and folded ("mueller" for
// "Müller"), first prefixes of 3 to 5 letters, company names and their beginnings, e-mail
// addresses and the first digits of a mobile number.
import { foldText } from '../../shared/fold.js';
import type { GeneratedPerson, Random } from './memory-data.js';
import { pick } from './memory-data.js';

/** A search query and what kind of input it stands for. */
export interface SearchQuery {
  kind: string;
  text: string;
}

/** How many queries of each kind a run asks (220 in all). */
const MIX: Readonly<Record<string, number>> = {
  'last name': 40,
  'first name': 20,
  'full name': 30,
  'folded name': 25,
  'name prefix': 45,
  company: 15,
  'company prefix': 20,
  'e-mail': 10,
  'phone digits': 15,
};

function prefix(random: Random, word: string): string {
  return word.slice(0, 3 + Math.floor(random() * 3));
}

function queryOf(
  random: Random,
  kind: string,
  people: readonly GeneratedPerson[],
  withUmlaut: readonly GeneratedPerson[],
): string {
  const person = pick(random, people);
  switch (kind) {
    case 'last name':
      return person.last;
    case 'first name':
      return person.first;
    case 'full name':
      return `${person.first} ${person.last}`;
    case 'folded name':
      // As typed without umlaut keys: "mueller", "weiss", "schroeder".
      return foldText(pick(random, withUmlaut).last);
    case 'name prefix':
      return prefix(random, random() < 0.7 ? person.last : person.first);
    case 'company':
      return person.company || person.last;
    case 'company prefix': {
      const word = (person.company || person.last).split(' ')[0] ?? person.last;
      return random() < 0.5 ? word : prefix(random, word);
    }
    case 'e-mail':
      return person.email || person.last;
    case 'phone digits':
      // The first 6 to 9 digits, as typed while the number is still being entered.
      return person.mobile.replace(/\D/g, '').slice(0, 6 + Math.floor(random() * 4));
    default:
      throw new Error(`unknown query kind ${kind}`);
  }
}

/** Draws the benchmark's search queries from the imported people, in a shuffled order. */
export function drawSearchQueries(
  random: Random,
  people: readonly GeneratedPerson[],
): SearchQuery[] {
  const withUmlaut = people.filter((p) => /[äöüß]/i.test(p.last));
  const queries: SearchQuery[] = [];
  for (const [kind, count] of Object.entries(MIX)) {
    for (let i = 0; i < count; i++) {
      queries.push({ kind, text: queryOf(random, kind, people, withUmlaut) });
    }
  }
  for (let i = queries.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [queries[i], queries[j]] = [queries[j] as SearchQuery, queries[i] as SearchQuery];
  }
  return queries;
}
