// Loads one contact with their timeline for the detail page.
import { useCallback, useEffect, useState } from 'react';
import { fetchContact } from '../api/contacts';
import type { ContactView, ContactWithTimeline } from '../api/contacts';
import type { ContactId } from '../../shared/ids';

/** A contact and timeline (null while loading), a load error, and ways to refresh or replace it. */
export function useContact(id: ContactId): {
  data: ContactWithTimeline | null;
  error: unknown;
  reload: () => Promise<void>;
  replaceContact: (contact: ContactView) => void;
} {
  const [loaded, setLoaded] = useState<{
    id: ContactId;
    data: ContactWithTimeline | null;
    error: unknown;
  } | null>(null);
  useEffect(() => {
    const abort = new AbortController();
    fetchContact(id, abort.signal).then(
      (data) => setLoaded({ id, data, error: null }),
      (error: unknown) => {
        if (!abort.signal.aborted) setLoaded({ id, data: null, error });
      },
    );
    return () => abort.abort();
  }, [id]);
  const reload = useCallback(async () => {
    try {
      setLoaded({ id, data: await fetchContact(id), error: null });
    } catch (error) {
      setLoaded((prev) => ({ id, data: prev?.id === id ? prev.data : null, error }));
    }
  }, [id]);
  const replaceContact = useCallback(
    (contact: ContactView) =>
      setLoaded((prev) =>
        prev?.id === id && prev.data ? { ...prev, data: { ...prev.data, contact } } : prev,
      ),
    [id],
  );
  const current = loaded?.id === id ? loaded : null;
  return { data: current?.data ?? null, error: current?.error ?? null, reload, replaceContact };
}
