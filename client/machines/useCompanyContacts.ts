// The people of one company, for choosing whose Today list a machine's alarms land on. There is
// no per-company list in the API: the search finds a company's people by its name (a contact's
// search text includes their company), and only those who work there are kept.
import { useEffect, useState } from 'react';
import { searchContacts } from '../api/contacts';
import type { ContactView } from '../api/contacts';
import type { CompanyId } from '../../shared/ids';

/** Most people of a company offered. */
export const COMPANY_CONTACTS_LIMIT = 50;

/** The company's people (null while loading or without a company) and a load error. */
export function useCompanyContacts(company: { id: CompanyId; name: string } | null): {
  contacts: ContactView[] | null;
  error: unknown;
} {
  const [answer, setAnswer] = useState<{
    id: CompanyId;
    contacts: ContactView[] | null;
    error: unknown;
  } | null>(null);
  const id = company?.id ?? null;
  const name = company?.name ?? '';
  useEffect(() => {
    if (id === null) return;
    const abort = new AbortController();
    searchContacts(name, COMPANY_CONTACTS_LIMIT, abort.signal).then(
      (results) => {
        const contacts = results.flatMap((r) =>
          r.kind === 'contact' && r.contact.companyId === id ? [r.contact] : [],
        );
        setAnswer({ id, contacts, error: null });
      },
      (error: unknown) => {
        if (!abort.signal.aborted) setAnswer({ id, contacts: null, error });
      },
    );
    return () => abort.abort();
  }, [id, name]);
  if (id === null || answer?.id !== id) return { contacts: null, error: null };
  return { contacts: answer.contacts, error: answer.error };
}
