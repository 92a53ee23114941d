// The public booking page at /book/<handle> (and /book/<handle>/<type>): choose a meeting type,
// a day and a time in your own zone, give your details, done. No account, no seller code.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BookedView, BookingPageView, SlotView } from '../../api/booking';
import { formatTimeIn } from '../../booking/format';
import { checkGuestForm, emptyGuestDraft } from '../../booking/guest-form';
import type { GuestFormErrors } from '../../booking/guest-form';
import type { BookingProblem } from '../../booking/errors';
import { useBookingPage } from '../../booking/useBookingPage';
import { useGuestBooking } from '../../booking/useGuestBooking';
import { browserTimeZone, isKnownZone } from '../../booking/zones';
import { Layout } from '../../components/Layout';
import { LoadFailedCard } from '../../components/LoadFailedCard';
import { SlotPicker } from '../../components/SlotPicker';
import { BookingConfirmation } from './BookingConfirmation';
import { ChosenTime } from '../../components/ChosenTime';
import { GuestForm } from './GuestForm';
import { TypeChoice } from './TypeChoice';
import '../../styles/booking.css';
import { focusFirstInvalid } from '../../components/focus';

// Moves the focus once the element is on screen (after React has rendered the new step).
const focusSoon = (target: { current: HTMLElement | null }) =>
  requestAnimationFrame(() => target.current?.focus());

function initialZone(): string {
  const zone = browserTimeZone();
  return isKnownZone(zone) ? zone : 'UTC';
}

function Booking({
  page,
  initialType,
  onTypeGone,
}: {
  page: BookingPageView;
  initialType: string | undefined;
  onTypeGone: () => void;
}) {
  const { t, i18n } = useTranslation('booking');
  const types = page.meetingTypes;
  const [chosen, setChosen] = useState<string | null>(() => {
    const wanted = initialType?.toLowerCase();
    if (wanted && types.some((type) => type.slug === wanted)) return wanted;
    return types.length === 1 ? types[0]!.slug : null;
  });
  const [zone, setZone] = useState(initialZone);
  const [slot, setSlot] = useState<SlotView | null>(null);
  const [draft, setDraft] = useState(emptyGuestDraft);
  const [errors, setErrors] = useState<GuestFormErrors>({});
  const [problem, setProblem] = useState<BookingProblem | null>(null);
  const [refresh, setRefresh] = useState(0);
  const [done, setDone] = useState<{ booked: BookedView; email: string } | null>(null);
  const { busy, book } = useGuestBooking();
  const pickerHeading = useRef<HTMLHeadingElement>(null);
  const formHeading = useRef<HTMLHeadingElement>(null);
  const doneHeading = useRef<HTMLHeadingElement>(null);
  const type = types.find((candidate) => candidate.slug === chosen) ?? null;
  const language = i18n.language;

  useEffect(() => {
    document.title = t('pageTitle', { name: page.sellerName });
  }, [t, page.sellerName]);

  const chooseType = (slug: string) => {
    setChosen(slug);
    setSlot(null);
    setProblem(null);
    focusSoon(pickerHeading);
  };
  const chooseSlot = (picked: SlotView) => {
    setSlot(picked);
    setProblem(null);
    focusSoon(formHeading);
  };
  const changeTime = () => {
    setSlot(null);
    focusSoon(pickerHeading);
  };

  const submit = (form: HTMLFormElement) => {
    if (!type || !slot || busy) return;
    const checked = checkGuestForm(draft, type.questions);
    if (!checked.ok) {
      setErrors(checked.errors);
      focusFirstInvalid(form);
      return;
    }
    setErrors({});
    setProblem(null);
    const target = {
      handle: page.handle,
      slug: type.slug,
      slot,
      timeZone: zone,
      language: language === 'de' ? 'de' : 'en',
    } as const;
    void book(target, checked.value).then((outcome) => {
      switch (outcome.kind) {
        case 'booked':
          setDone({ booked: outcome.booked, email: outcome.email });
          window.scrollTo(0, 0);
          focusSoon(doneHeading);
          return;
        case 'fields':
          setErrors(outcome.errors);
          focusFirstInvalid(form);
          return;
        case 'slotGone':
          // Back to the picker with fresh slots; the details stay filled in.
          setProblem(outcome.problem);
          setSlot(null);
          setRefresh((n) => n + 1);
          focusSoon(pickerHeading);
          return;
        case 'problem':
          setProblem(outcome.problem);
          if (outcome.problem === 'typeNotFound') {
            setSlot(null);
            setChosen(null);
            onTypeGone();
          }
      }
    });
  };

  if (done) {
    return (
      <BookingConfirmation
        booked={done.booked}
        email={done.email}
        zone={zone}
        headingRef={doneHeading}
      />
    );
  }

  return (
    <div className="stack booking-page" data-testid="booking-page">
      <header className="stack booking-head">
        <h1>{t('page.heading', { name: page.sellerName })}</h1>
        <p className="lead">{t('page.intro')}</p>
      </header>
      {types.length === 0 ? (
        <p className="notice" data-testid="booking-no-types">
          {t('page.noTypes', { name: page.sellerName })}
        </p>
      ) : (
        <TypeChoice types={types} chosen={chosen} onChoose={chooseType} />
      )}
      {problem && (
        <p className="error booking-problem" role="alert" data-testid="booking-problem">
          {t(`problems.${problem}`)}
        </p>
      )}
      {type && (
        // Kept while the form shows, so that "Change time" returns to the same days.
        <SlotPicker
          key={type.slug}
          hidden={slot !== null}
          handle={page.handle}
          slug={type.slug}
          horizonDays={type.horizonDays}
          sellerName={page.sellerName}
          sellerZone={page.timeZone}
          zone={zone}
          onZoneChange={setZone}
          selected={slot?.start ?? null}
          onSelect={chooseSlot}
          refresh={refresh}
          headingRef={pickerHeading}
          heading={t('picker.heading')}
        />
      )}
      {type && slot && (
        <>
          <section className="card stack" aria-labelledby="chosen-time-heading">
            <h2 id="chosen-time-heading" className="visually-hidden">
              {t('when.heading')}
            </h2>
            <ChosenTime
              slot={slot}
              zone={zone}
              sellerZone={page.timeZone}
              testId="booking-chosen-time"
            />
            <div className="row">
              <button type="button" data-testid="booking-change-time" onClick={changeTime}>
                {t('when.change')}
              </button>
            </div>
          </section>
          <div className="card">
            <GuestForm
              draft={draft}
              onChange={setDraft}
              errors={errors}
              questions={type.questions}
              sellerName={page.sellerName}
              time={formatTimeIn(slot.start, zone, language)}
              busy={busy}
              onSubmit={submit}
              headingRef={formHeading}
            />
          </div>
        </>
      )}
    </div>
  );
}

/** The booking page; a wrong handle gets a clear page. */
export default function BookPage({ handle, type }: { handle: string; type?: string }) {
  const { t } = useTranslation('booking');
  const { load, reload } = useBookingPage(handle);
  let content;
  if (load.status === 'notFound') {
    content = (
      <div className="card stack booking-card" role="alert" data-testid="booking-page-not-found">
        <h1>{t('notFound.title')}</h1>
        <p>{t('notFound.text')}</p>
        <p>{t('notFound.todo')}</p>
      </div>
    );
  } else if (load.status === 'error') {
    content = <LoadFailedCard message={t('loadFailed')} onRetry={reload} />;
  } else if (load.status === 'loading') {
    content = (
      <p className="page-loading" role="status">
        {t('loadingPage')}
      </p>
    );
  } else {
    content = <Booking key={handle} page={load.page} initialType={type} onTypeGone={reload} />;
  }
  return <Layout nav={false}>{content}</Layout>;
}
