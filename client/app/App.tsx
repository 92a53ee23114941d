// The route table. Pages that only signed-in sellers see are loaded lazily, so a guest's
// join page downloads only what it needs.
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Switch } from 'wouter';
import { NotFoundPage } from '../pages/not-found/NotFoundPage';
import { LoungePage } from '../pages/lounge/LoungePage';
import { manageIntent } from '../booking/manage';
import { SessionProvider } from './session';

const TodayPage = lazy(() => import('../pages/today/TodayPage'));
const LoginPage = lazy(() => import('../pages/login/LoginPage'));
const SetupPage = lazy(() => import('../pages/setup/SetupPage'));
const InvitePage = lazy(() => import('../pages/invite/InvitePage'));
const TeamPage = lazy(() => import('../pages/team/TeamPage'));
const RoomsPage = lazy(() => import('../pages/rooms/RoomsPage'));
const ContactsPage = lazy(() => import('../pages/contacts/ContactsPage'));
const ContactPage = lazy(() => import('../pages/contact/ContactPage'));
const ImportPage = lazy(() => import('../pages/import/ImportPage'));
const CadencesPage = lazy(() => import('../pages/cadences/CadencesPage'));
const MachinesPage = lazy(() => import('../pages/machines/MachinesPage'));
const MachinePage = lazy(() => import('../pages/machine/MachinePage'));
// Guest pages of booking: their own chunks, with none of the seller pages' code.
const BookPage = lazy(() => import('../pages/book/BookPage'));
const ManageBookingPage = lazy(() => import('../pages/manage-booking/ManageBookingPage'));
const BookingsPage = lazy(() => import('../pages/bookings/BookingsPage'));
const BookingSettingsPage = lazy(() => import('../pages/booking-settings/BookingSettingsPage'));
const OutboxPage = lazy(() => import('../pages/outbox/OutboxPage'));

function Loading() {
  const { t } = useTranslation();
  return (
    <p className="page-loading" role="status">
      {t('loading')}
    </p>
  );
}

/** The whole client. */
export function App() {
  return (
    <SessionProvider>
      <Suspense fallback={<Loading />}>
        <Switch>
          <Route path="/r/:handle">{(params) => <LoungePage handle={params.handle} />}</Route>
          <Route path="/book/:handle">
            {(params) => <BookPage key={params.handle} handle={params.handle} />}
          </Route>
          <Route path="/book/:handle/:type">
            {(params) => <BookPage key={params.handle} handle={params.handle} type={params.type} />}
          </Route>
          <Route path="/bookings/:token">
            {(params) => <ManageBookingPage key={params.token} token={params.token} />}
          </Route>
          <Route path="/bookings/:token/:intent">
            {(params) => (
              <ManageBookingPage
                key={params.token}
                token={params.token}
                intent={manageIntent(params.intent)}
              />
            )}
          </Route>
          <Route path="/">{() => <TodayPage />}</Route>
          <Route path="/today">{() => <TodayPage />}</Route>
          <Route path="/login">{() => <LoginPage />}</Route>
          <Route path="/setup/:token">{(params) => <SetupPage token={params.token} />}</Route>
          <Route path="/invite/:token">{(params) => <InvitePage token={params.token} />}</Route>
          <Route path="/team">{() => <TeamPage />}</Route>
          <Route path="/rooms">{() => <RoomsPage />}</Route>
          <Route path="/contacts">{() => <ContactsPage />}</Route>
          <Route path="/contacts/import">{() => <ImportPage />}</Route>
          <Route path="/contacts/cadences">{() => <CadencesPage />}</Route>
          <Route path="/contacts/:id">
            {(params) => <ContactPage key={params.id} id={params.id} />}
          </Route>
          <Route path="/machines">{() => <MachinesPage />}</Route>
          <Route path="/machines/:id">
            {(params) => <MachinePage key={params.id} id={params.id} />}
          </Route>
          <Route path="/booking">{() => <BookingsPage />}</Route>
          <Route path="/booking/settings">{() => <BookingSettingsPage />}</Route>
          <Route path="/booking/outbox">{() => <OutboxPage />}</Route>
          <Route component={NotFoundPage} />
        </Switch>
      </Suspense>
    </SessionProvider>
  );
}
