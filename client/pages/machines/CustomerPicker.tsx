// Choosing a machine's customer: search companies and people as you type and choose one (a
// person brings their company), then optionally the person whose Today list alarms land on.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactView } from '../../api/contacts';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Field, FieldFrame } from '../../components/Field';
import { useContactSearch } from '../../contacts/useContactSearch';
import { useCompanyContacts } from '../../machines/useCompanyContacts';
import type { CompanyId, ContactId } from '../../../shared/ids';

/** The chosen customer: a company and maybe one of its people. */
export interface CustomerChoice {
  company: { id: CompanyId; name: string };
  contact: { id: ContactId; name: string } | null;
}

/** Props of CustomerPicker. */
export interface CustomerPickerProps {
  value: CustomerChoice | null;
  onChange: (choice: CustomerChoice | null) => void;
  /** A message about the choice (e.g. none made yet). */
  error: string | null;
}

// The search for a company or person, with a button per hit.
function CustomerSearch({
  onChoose,
  error,
}: {
  onChoose: (c: CustomerChoice) => void;
  error: string | null;
}) {
  const { t } = useTranslation('machines');
  const [query, setQuery] = useState('');
  const { results, searching, error: searchError } = useContactSearch(query);
  const q = query.trim();
  const hits = (results ?? []).filter((r) => r.kind === 'company' || r.contact.companyId !== null);
  const chooseContact = (contact: ContactView) => {
    if (contact.companyId === null) return;
    onChoose({
      company: { id: contact.companyId, name: contact.companyName ?? '' },
      contact: { id: contact.id, name: contact.name },
    });
  };
  return (
    <div className="stack customer-search">
      <Field
        label={t('form.customer')}
        hint={t('form.customerHint')}
        type="search"
        autoComplete="off"
        maxLength={200}
        error={error}
        data-testid="machine-customer-search"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      <ErrorMessage error={searchError} />
      <p className="muted" role="status">
        {q && searching
          ? t('form.searching')
          : q && results && hits.length === 0
            ? t('form.noResults', { query: q })
            : ''}
      </p>
      {q && hits.length > 0 && (
        <ul className="plain-list customer-hits" aria-label={t('form.resultsLabel')}>
          {hits.map((hit) =>
            hit.kind === 'company' ? (
              <li
                key={`company-${hit.company.id}`}
                className="customer-hit"
                data-testid="customer-hit"
              >
                <span>
                  <span className="tag">{t('form.company')}</span>{' '}
                  <strong>{hit.company.name}</strong>
                </span>
                <button
                  type="button"
                  aria-label={t('form.chooseCompany', { name: hit.company.name })}
                  data-testid="customer-choose"
                  onClick={() => onChoose({ company: hit.company, contact: null })}
                >
                  {t('form.choose')}
                </button>
              </li>
            ) : (
              <li
                key={`contact-${hit.contact.id}`}
                className="customer-hit"
                data-testid="customer-hit"
              >
                <span>
                  <strong>{hit.contact.name}</strong>{' '}
                  <span className="muted">{hit.contact.companyName}</span>
                </span>
                <button
                  type="button"
                  aria-label={t('form.chooseContact', {
                    name: hit.contact.name,
                    company: hit.contact.companyName ?? '',
                  })}
                  data-testid="customer-choose"
                  onClick={() => chooseContact(hit.contact)}
                >
                  {t('form.choose')}
                </button>
              </li>
            ),
          )}
        </ul>
      )}
    </div>
  );
}

/** Picks a machine's customer company and, optionally, its contact for alarms. */
export function CustomerPicker({ value, onChange, error }: CustomerPickerProps) {
  const { t } = useTranslation('machines');
  const { contacts, error: contactsError } = useCompanyContacts(value?.company ?? null);
  if (!value) return <CustomerSearch onChoose={onChange} error={error} />;
  const options = contacts ?? [];
  return (
    <div className="stack customer-chosen">
      <p className="row">
        <strong data-testid="machine-customer">
          {t('form.chosen', { name: value.company.name })}
        </strong>
        <button type="button" data-testid="machine-customer-change" onClick={() => onChange(null)}>
          {t('form.change')}
        </button>
      </p>
      <FieldFrame
        label={t('form.contact')}
        hint={
          contacts === null && !contactsError ? t('form.contactsLoading') : t('form.contactHint')
        }
        control={(a11y) => (
          <select
            {...a11y}
            data-testid="machine-contact"
            value={value.contact?.id ?? ''}
            onChange={(e) => {
              const chosen = options.find((c) => c.id === e.target.value);
              const kept = value.contact?.id === e.target.value ? value.contact : null;
              onChange({
                ...value,
                contact: chosen ? { id: chosen.id, name: chosen.name } : kept,
              });
            }}
          >
            <option value="">{t('form.noContact')}</option>
            {/* The chosen person is offered even before (or without) the company's list. */}
            {value.contact !== null && !options.some((c) => c.id === value.contact?.id) && (
              <option value={value.contact.id}>{value.contact.name}</option>
            )}
            {options.map((c) => (
              <option key={c.id} value={c.id}>
                {c.role ? `${c.name} (${c.role})` : c.name}
              </option>
            ))}
          </select>
        )}
      />
      <ErrorMessage error={contactsError} />
    </div>
  );
}
