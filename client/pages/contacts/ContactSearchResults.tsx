// The hits of the contact search: people (linking to their page) and companies.
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useContactSearch } from '../../contacts/useContactSearch';
import { ContactSummary } from './ContactSummary';

/** Shows what the search finds for `query` (which is not blank). */
export function ContactSearchResults({ query, now }: { query: string; now: number }) {
  const { t } = useTranslation('contacts');
  const { results, searching, error } = useContactSearch(query);
  return (
    <section className="stack" aria-labelledby="search-results" aria-busy={searching}>
      <h2 id="search-results" className="visually-hidden">
        {t('list.resultsLabel')}
      </h2>
      <ErrorMessage error={error} />
      <p className="muted" role="status">
        {searching
          ? t('list.searching')
          : results && results.length === 0
            ? t('list.noResults', { query: query.trim() })
            : ''}
      </p>
      {results && results.length > 0 && (
        <ul className="plain-list">
          {results.map((result) =>
            result.kind === 'contact' ? (
              <ContactSummary
                key={`contact-${result.contact.id}`}
                contact={result.contact}
                now={now}
                testId="search-result"
              />
            ) : (
              <li
                key={`company-${result.company.id}`}
                className="card contact-row company-row"
                data-testid="search-result"
              >
                <span className="tag">{t('list.company')}</span>
                <strong>{result.company.name}</strong>
              </li>
            ),
          )}
        </ul>
      )}
    </section>
  );
}
