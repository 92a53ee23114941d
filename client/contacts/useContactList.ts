// Loads the contacts the viewer may see, a page at a time, for the contacts page.
import { useCallback, useEffect, useState } from 'react';
import { fetchContacts } from '../api/contacts';
import type { ContactView } from '../api/contacts';

/** Contacts per page of the list. */
export const CONTACTS_PAGE_SIZE = 50;

/** The contacts loaded so far (null while the first page loads), paging and error state. */
export function useContactList(enabled: boolean): {
  contacts: ContactView[] | null;
  hasMore: boolean;
  loadingMore: boolean;
  error: unknown;
  loadMore: () => Promise<void>;
} {
  const [contacts, setContacts] = useState<ContactView[] | null>(null);
  const [hasMore, setHasMore] = useState(false);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (!enabled) return;
    const abort = new AbortController();
    fetchContacts({ limit: CONTACTS_PAGE_SIZE, offset: 0 }, abort.signal).then(
      (page) => {
        setContacts(page);
        setHasMore(page.length === CONTACTS_PAGE_SIZE);
        setError(null);
      },
      (err: unknown) => {
        if (!abort.signal.aborted) setError(err);
      },
    );
    return () => abort.abort();
  }, [enabled]);

  const offset = contacts?.length ?? 0;
  const loadMore = useCallback(async () => {
    setLoadingMore(true);
    try {
      const page = await fetchContacts({ limit: CONTACTS_PAGE_SIZE, offset });
      // A contact created meanwhile can shift the pages; never list anyone twice.
      setContacts((list) => {
        const seen = new Set((list ?? []).map((c) => c.id));
        return [...(list ?? []), ...page.filter((c) => !seen.has(c.id))];
      });
      setHasMore(page.length === CONTACTS_PAGE_SIZE);
      setError(null);
    } catch (err) {
      setError(err);
    } finally {
      setLoadingMore(false);
    }
  }, [offset]);

  return { contacts, hasMore, loadingMore, error, loadMore };
}
