// Search as you type: waits until typing pauses, and cancels a request the next keystroke made stale.
import { useEffect, useState } from 'react';
import { searchContacts } from '../api/contacts';
import type { SearchResult } from '../api/contacts';

/** Pause after the last keystroke before searching, in milliseconds. */
export const SEARCH_DEBOUNCE_MS = 150;
/** Most hits shown. */
export const SEARCH_LIMIT = 20;

interface Answer {
  query: string;
  results: SearchResult[] | null;
  error: unknown;
}

/**
 * Hits for `query` (null when the query is blank). While a newer query is on its way, the last
 * hits stay on screen and `searching` is true, so the list does not flicker with every letter.
 */
export function useContactSearch(query: string): {
  results: SearchResult[] | null;
  searching: boolean;
  error: unknown;
} {
  const q = query.trim();
  const [answer, setAnswer] = useState<Answer>({ query: '', results: null, error: null });
  useEffect(() => {
    if (q === '') return;
    const abort = new AbortController();
    const timer = setTimeout(() => {
      searchContacts(q, SEARCH_LIMIT, abort.signal).then(
        (results) => setAnswer({ query: q, results, error: null }),
        (error: unknown) => {
          if (!abort.signal.aborted) setAnswer({ query: q, results: null, error });
        },
      );
    }, SEARCH_DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [q]);
  if (q === '') return { results: null, searching: false, error: null };
  return {
    results: answer.results,
    searching: answer.query !== q,
    error: answer.query === q ? answer.error : null,
  };
}
