// The guest's manage page at /bookings/<token> (and …/reschedule, …/cancel from the invitation):
// the booking in both zones, moving it with the slot picker, cancelling it after a confirm step.
// A wrong token says the link is not valid; a cancelled booking says so plainly.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cancelManagedBooking } from '../../api/booking';
import type { ManagedBookingView } from '../../api/booking';
import { bookingProblem, needsReload } from '../../booking/errors';
import type { BookingProblem } from '../../booking/errors';
import { formatDateTimeIn } from '../../booking/format';
import { manageState } from '../../booking/manage';
import type { ManageIntent } from '../../booking/manage';
import { useManagedBooking } from '../../booking/useManagedBooking';
import { browserTimeZone, isKnownZone, zoneName } from '../../booking/zones';
import { ChosenTime } from '../../components/ChosenTime';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Layout } from '../../components/Layout';
import { LoadFailedCard } from '../../components/LoadFailedCard';
import { Reschedule } from './Reschedule';
import '../../styles/booking.css';

type Notice = { kind: 'moved'; time: string } | { kind: 'cancelled' } | null;

function ManageBooking({
  token,
  booking,
  intent,
  show,
  reload,
}: {
  token: string;
  booking: ManagedBookingView;
  intent: ManageIntent;
  show: (booking: ManagedBookingView) => void;
  reload: () => void;
}) {
  const { t, i18n } = useTranslation('booking');
  const language = i18n.language;
  const [now] = useState(() => Date.now());
  const state = manageState(booking, now);
  const [zone, setZone] = useState(() =>
    isKnownZone(booking.guest.timeZone) ? booking.guest.timeZone : browserTimeZone(),
  );
  const [mode, setMode] = useState<'view' | 'reschedule'>(() =>
    intent === 'reschedule' && state === 'changeable' ? 'reschedule' : 'view',
  );
  const [confirming, setConfirming] = useState(intent === 'cancel' && state === 'changeable');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<BookingProblem | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const statusRef = useRef<HTMLParagraphElement>(null);
  const seller = booking.seller.name;

  const announce = (next: Notice) => {
    setNotice(next);
    requestAnimationFrame(() => statusRef.current?.focus());
  };
  const stale = (found: BookingProblem) => {
    setProblem(found);
    setMode('view');
    reload();
  };
  const cancel = () => {
    setBusy(true);
    setProblem(null);
    cancelManagedBooking(token).then(
      (cancelled) => {
        setBusy(false);
        setConfirming(false);
        show(cancelled);
        announce({ kind: 'cancelled' });
      },
      (error: unknown) => {
        setBusy(false);
        setConfirming(false);
        const found = bookingProblem(error);
        if (needsReload(found)) stale(found);
        else setProblem(found);
      },
    );
  };

  return (
    <div className="stack booking-page" data-testid="booking-manage">
      <header className="stack booking-head">
        <h1>{t('manage.heading', { name: seller })}</h1>
        <p className="lead">
          {t('manage.type', {
            type: booking.meetingType.name,
            count: booking.meetingType.durationMinutes,
          })}
        </p>
      </header>

      <p
        ref={statusRef}
        tabIndex={-1}
        role="status"
        className={notice ? 'ok booking-notice' : 'visually-hidden'}
        data-testid="booking-manage-notice"
      >
        {notice?.kind === 'moved' && t('manage.moved', { time: notice.time })}
        {notice?.kind === 'cancelled' && t('manage.cancelledNow')}
      </p>
      {problem && (
        <p className="error" role="alert" data-testid="booking-problem">
          {t(`problems.${problem}`)}
        </p>
      )}

      {state === 'cancelled' ? (
        <section className="card stack booking-cancelled" data-testid="booking-cancelled">
          <h2>{t('manage.cancelledTitle')}</h2>
          <p>
            <s data-testid="booking-manage-time">
              {formatDateTimeIn(booking.start, zone, language)} ({zoneName(zone)})
            </s>
          </p>
          {booking.cancelledAt !== null && (
            <p>
              {t('manage.cancelledText', {
                date: formatDateTimeIn(booking.cancelledAt, zone, language),
              })}
            </p>
          )}
          <div className="row">
            <a className="button" href={`/book/${encodeURIComponent(booking.seller.handle)}`}>
              {t('manage.bookAgain')}
            </a>
          </div>
        </section>
      ) : (
        <section className="card stack" aria-labelledby="manage-when">
          <h2 id="manage-when">{t('manage.when')}</h2>
          <ChosenTime
            slot={booking}
            zone={zone}
            sellerZone={booking.seller.timeZone}
            testId="booking-manage-time"
          />
          {booking.loungeUrl && state !== 'over' && (
            <div className="stack booking-lounge">
              <a
                className="button primary"
                href={booking.loungeUrl}
                data-testid="booking-manage-lounge"
              >
                {t('manage.lounge')}
              </a>
              <span className="muted">{t('manage.loungeHint')}</span>
            </div>
          )}
          {state === 'tooLate' && booking.changeableUntil !== null && (
            <p className="notice" data-testid="booking-too-late">
              {t('manage.tooLate', {
                time: formatDateTimeIn(booking.changeableUntil, zone, language),
                name: seller,
              })}
            </p>
          )}
          {state === 'started' && <p className="notice">{t('manage.started')}</p>}
          {state === 'over' && <p className="notice">{t('manage.over')}</p>}
          {state === 'changeable' && mode === 'view' && (
            <div className="row">
              <button
                type="button"
                data-testid="booking-reschedule"
                onClick={() => {
                  setProblem(null);
                  setNotice(null);
                  setMode('reschedule');
                }}
              >
                {t('manage.reschedule')}
              </button>
              <button
                type="button"
                className="danger"
                data-testid="booking-cancel"
                onClick={() => setConfirming(true)}
              >
                {t('manage.cancel')}
              </button>
            </div>
          )}
        </section>
      )}

      {state === 'changeable' && mode === 'reschedule' && (
        <Reschedule
          token={token}
          booking={booking}
          zone={zone}
          onZoneChange={setZone}
          onMoved={(moved) => {
            show(moved);
            setMode('view');
            announce({ kind: 'moved', time: formatDateTimeIn(moved.start, zone, language) });
          }}
          onStale={stale}
          onBack={() => setMode('view')}
        />
      )}

      <ConfirmDialog
        open={confirming}
        title={t('manage.cancelTitle')}
        text={t('manage.cancelText', { name: seller })}
        confirmLabel={t('manage.cancelConfirm')}
        cancelLabel={t('manage.cancelKeep')}
        busy={busy}
        onConfirm={cancel}
        onCancel={() => setConfirming(false)}
        confirmTestId="booking-cancel-confirm"
      />
    </div>
  );
}

/** The manage page of a booking; `intent` opens moving or cancelling at once. */
export default function ManageBookingPage({
  token,
  intent = 'view',
}: {
  token: string;
  intent?: ManageIntent;
}) {
  const { t } = useTranslation('booking');
  const { load, show, reload } = useManagedBooking(token);
  useEffect(() => {
    document.title = t('manage.pageTitle');
  }, [t]);
  let content;
  if (load.status === 'invalid') {
    content = (
      <div className="card stack booking-card" role="alert" data-testid="booking-manage-invalid">
        <h1>{t('manage.invalidTitle')}</h1>
        <p>{t('manage.invalidText')}</p>
      </div>
    );
  } else if (load.status === 'error') {
    content = <LoadFailedCard message={t('manage.loadFailed')} onRetry={reload} />;
  } else if (load.status === 'loading') {
    content = (
      <p className="page-loading" role="status">
        {t('manage.loading')}
      </p>
    );
  } else {
    content = (
      <ManageBooking
        key={token}
        token={token}
        booking={load.booking}
        intent={intent}
        show={show}
        reload={reload}
      />
    );
  }
  return <Layout nav={false}>{content}</Layout>;
}
