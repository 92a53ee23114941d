// One e-mail of the outbox: recipient, subject, state, when, the text on request, and the
// calendar invitation as a file.
import { useTranslation } from 'react-i18next';
import { downloadInvitation } from '../../api/outbox';
import type { OutboxMessageView } from '../../api/outbox';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useDownload } from '../../contacts/useDownload';

/** Props of OutboxMessage. */
export interface OutboxMessageProps {
  message: OutboxMessageView;
  /** Formats an instant for the list: "05.12.2026, 14:30". */
  formatTime: (instant: number) => string;
}

/** A message in the outbox list. */
export function OutboxMessage({ message, formatTime }: OutboxMessageProps) {
  const { t } = useTranslation('bookingSeller');
  const { busy, error, save } = useDownload();
  const to = message.to.name ? `${message.to.name} <${message.to.address}>` : message.to.address;
  return (
    <li
      className="card stack outbox-message"
      data-testid="outbox-message"
      data-status={message.status}
    >
      <div className="row outbox-head">
        <strong className="grow" data-testid="outbox-subject">
          {message.subject}
        </strong>
        <span className={`tag outbox-status outbox-${message.status}`} data-testid="outbox-status">
          {t(`outbox.status.${message.status}`)}
        </span>
      </div>
      <div className="row muted">
        <span>
          {t('outbox.to')}: <span data-testid="outbox-to">{to}</span>
        </span>
        <span>{t('outbox.created', { time: formatTime(message.createdAt) })}</span>
        {message.sentAt !== null && (
          <span>{t('outbox.sentAt', { time: formatTime(message.sentAt) })}</span>
        )}
        {message.attempts > 0 && message.status !== 'sent' && (
          <span>{t('outbox.attempts', { count: message.attempts })}</span>
        )}
        {message.nextAttemptAt !== null && message.status === 'pending' && (
          <span>{t('outbox.nextAttempt', { time: formatTime(message.nextAttemptAt) })}</span>
        )}
      </div>
      {message.error && message.status !== 'sent' && (
        <p className="error">{t('outbox.error', { error: message.error })}</p>
      )}
      <details>
        <summary>{t('outbox.showText')}</summary>
        <pre className="outbox-text" data-testid="outbox-text">
          {message.text}
        </pre>
      </details>
      {message.calendar && (
        <div className="row">
          <span className="muted">{t(`outbox.invitation.${message.calendar.method}`)}</span>
          <button
            type="button"
            disabled={busy}
            aria-label={t('outbox.downloadIcsFor', { subject: message.subject })}
            data-testid="outbox-ics"
            onClick={() => void save(() => downloadInvitation(message.id))}
          >
            {t('outbox.downloadIcs')}
          </button>
        </div>
      )}
      <ErrorMessage error={error} />
    </li>
  );
}
