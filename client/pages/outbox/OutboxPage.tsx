// The outbox at /booking/outbox: every e-mail Nahbar sent or kept for the seller (the owner sees
// all), newest first, page by page; without SMTP this is where invitations can be read.
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRequiredUser } from '../../app/session';
import { OUTBOX_PAGE_SIZE, useOutbox } from '../../booking/useOutbox';
import { BookingNav } from '../../components/BookingNav';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Layout } from '../../components/Layout';
import { LoadingNotice } from '../../components/LoadingNotice';
import { OutboxMessage } from './OutboxMessage';
import '../../styles/booking.css';

/** The outbox page; anonymous visitors are sent to sign in. */
export default function OutboxPage() {
  const { t, i18n } = useTranslation('bookingSeller');
  const user = useRequiredUser();
  const [offset, setOffset] = useState(0);
  const { page, error } = useOutbox(offset, user !== null);
  const listHeading = useRef<HTMLHeadingElement>(null);
  if (!user) return <LoadingNotice />;

  const formatter = new Intl.DateTimeFormat(i18n.language, {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
  const formatTime = (instant: number) => formatter.format(instant);
  const go = (next: number) => {
    setOffset(Math.max(0, next));
    requestAnimationFrame(() => listHeading.current?.focus());
  };
  const kept = page?.messages.some((m) => m.status === 'kept') ?? false;

  return (
    <Layout title={t('outbox.title')}>
      <div className="stack booking-seller-page">
        <BookingNav />
        <p className="lead">{t('outbox.intro')}</p>
        {kept && <p className="notice">{t('outbox.noSmtp')}</p>}
        <ErrorMessage error={error} />
        {!page && !error && <LoadingNotice />}
        {page && (
          <section className="stack" aria-labelledby="outbox-list-heading">
            <h2 id="outbox-list-heading" ref={listHeading} tabIndex={-1}>
              {t('outbox.list')}{' '}
              <span className="muted">
                {t('outbox.page', { n: Math.floor(offset / OUTBOX_PAGE_SIZE) + 1 })}
              </span>
            </h2>
            {page.messages.length === 0 && (
              <p className="muted" data-testid="outbox-empty">
                {t('outbox.empty')}
              </p>
            )}
            {page.messages.length > 0 && (
              <ul className="plain-list" data-testid="outbox-list">
                {page.messages.map((message) => (
                  <OutboxMessage key={message.id} message={message} formatTime={formatTime} />
                ))}
              </ul>
            )}
            {(offset > 0 || page.hasMore) && (
              <nav className="row" aria-label={t('outbox.list')}>
                <button
                  type="button"
                  disabled={offset === 0}
                  data-testid="outbox-newer"
                  onClick={() => go(offset - OUTBOX_PAGE_SIZE)}
                >
                  ← {t('outbox.newer')}
                </button>
                <button
                  type="button"
                  disabled={!page.hasMore}
                  data-testid="outbox-older"
                  onClick={() => go(offset + OUTBOX_PAGE_SIZE)}
                >
                  {t('outbox.older')} →
                </button>
              </nav>
            )}
          </section>
        )}
      </div>
    </Layout>
  );
}
