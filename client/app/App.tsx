// The route table. Pages that only signed-in sellers see are loaded lazily, so a guest's
// join page downloads only what it needs.
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Switch } from 'wouter';
import { NotFoundPage } from '../pages/not-found/NotFoundPage';
import { LoungePage } from '../pages/lounge/LoungePage';
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
          <Route component={NotFoundPage} />
        </Switch>
      </Suspense>
    </SessionProvider>
  );
}
