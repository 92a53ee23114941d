// One person on the Today list: who they are, why today, what matters to them, the right moment,
// and the actions (call, invite, log the outcome, snooze) in one place.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { snoozeContact } from '../../api/contacts';
import type { SnoozeDays, TodayEntryView } from '../../api/contacts';
import { ErrorMessage } from '../../components/ErrorMessage';
import { LogTouchpointForm } from '../../components/LogTouchpointForm';
import { LoungeInvite } from '../../components/LoungeInvite';
import { firstLine } from '../../contacts/format';
import { formatPhone, telHref } from '../../contacts/phone';
import { describeMoment, describeReason, reasonLink } from '../../contacts/today';
import { useAction } from '../../contacts/useAction';

/** Props of TodayEntry. */
export interface TodayEntryProps {
  entry: TodayEntryView;
  /** The moment the list was loaded, for "in 3 days" and ages. */
  now: number;
  onLogged: (entry: TodayEntryView) => Promise<void>;
  onSnoozed: (entry: TodayEntryView, days: SnoozeDays) => Promise<void>;
}

const CONTEXT_FIELDS = ['family', 'interests', 'homeOffice'] as const;

/** Shows one entry of the Today list with its one-click actions. */
export function TodayEntry({ entry, now, onLogged, onSnoozed }: TodayEntryProps) {
  const { t, i18n } = useTranslation('contacts');
  const nameId = useId();
  const snooze = useAction();
  const { contact } = entry;
  const work = [contact.role, contact.companyName].filter(Boolean).join(' · ');
  const phone = contact.phones[0];
  const context = CONTEXT_FIELDS.flatMap((field) => {
    const value = contact[field];
    return value ? [{ field, text: firstLine(value) }] : [];
  });
  const moment = describeMoment(entry, t, i18n.language);

  const snoozeFor = (days: SnoozeDays) =>
    void snooze.run(async () => {
      await snoozeContact(contact.id, days);
      await onSnoozed(entry, days);
    });

  return (
    <li className="card today-entry" data-testid="today-entry" aria-labelledby={nameId}>
      <div className="today-who">
        <h3 id={nameId} className="today-name">
          <Link href={`/contacts/${contact.id}`}>{contact.name}</Link>
        </h3>
        {work && <p className="muted today-work">{work}</p>}
      </div>
      <ul className="today-reasons">
        {entry.reasons.map((reason, index) => {
          const text = describeReason(reason, entry, t, i18n.language, now);
          const link = reasonLink(reason);
          return (
            <li key={`${reason.kind}-${index}`} data-testid="today-reason">
              {link ? <Link href={link}>{text}</Link> : text}
            </li>
          );
        })}
      </ul>
      {context.length > 0 && (
        <dl className="today-context">
          {context.map(({ field, text }) => (
            <div key={field}>
              <dt>{t(`context.${field}`)}</dt>
              <dd>{text}</dd>
            </div>
          ))}
        </dl>
      )}
      <p className="today-moment">
        {moment.map((phrase, index) => (
          <span key={phrase} className={index === 1 && entry.inReachWindow ? 'ok' : undefined}>
            {phrase}
          </span>
        ))}
      </p>
      <div className="row today-actions">
        {phone && (
          <a
            className="button primary"
            href={telHref(phone)}
            data-testid="today-call"
            aria-describedby={nameId}
          >
            {t('actions.call', { number: formatPhone(phone) })}
          </a>
        )}
        <LoungeInvite
          contactId={contact.id}
          contactName={contact.name}
          email={contact.emails[0] ?? null}
          copyTestId="today-invite-copy"
        />
        <div className="row snooze-group" role="group" aria-label={t('actions.snoozeGroup')}>
          <span className="muted" aria-hidden="true">
            {t('actions.snoozeGroup')}:
          </span>
          <button
            type="button"
            disabled={snooze.busy}
            aria-describedby={nameId}
            data-testid="today-snooze-day"
            onClick={() => snoozeFor(1)}
          >
            {t('actions.snoozeDay')}
          </button>
          <button
            type="button"
            disabled={snooze.busy}
            aria-describedby={nameId}
            data-testid="today-snooze-week"
            onClick={() => snoozeFor(7)}
          >
            {t('actions.snoozeWeek')}
          </button>
        </div>
      </div>
      <ErrorMessage error={snooze.error} />
      <LogTouchpointForm
        contactId={contact.id}
        contactName={contact.name}
        submitTestId="today-log"
        onLogged={() => onLogged(entry)}
      />
    </li>
  );
}
