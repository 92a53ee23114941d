// The personal lounge link for one contact, made on demand the first time it is needed.
import { useCallback, useRef, useState } from 'react';
import { createPersonalLink } from '../api/contacts';
import type { ContactId } from '../../shared/ids';

/** The link once known, an error from making it, and `getUrl` that makes it once and reuses it. */
export function usePersonalLink(id: ContactId): {
  url: string | null;
  error: unknown;
  getUrl: () => Promise<string>;
} {
  const pending = useRef<{ id: ContactId; url: Promise<string> } | null>(null);
  const [url, setUrl] = useState<{ id: ContactId; url: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const getUrl = useCallback(() => {
    if (pending.current?.id !== id) {
      const request = createPersonalLink(id);
      pending.current = { id, url: request };
      setError(null);
      request.then(
        (made) => setUrl({ id, url: made }),
        (err: unknown) => {
          // Let the next click try again.
          if (pending.current?.url === request) pending.current = null;
          setError(err);
        },
      );
    }
    return pending.current?.url ?? Promise.reject(new Error('no link request'));
  }, [id]);
  return { url: url?.id === id ? url.url : null, error, getUrl };
}
