// The frame of every page: skip link, header with navigation, language switch and sign-out, main area.
import { useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { useSession } from '../app/session';
import { LanguageSwitch } from './LanguageSwitch';

function SignOutButton() {
  const { t } = useTranslation();
  const { signOut } = useSession();
  const [, navigate] = useLocation();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const onClick = async () => {
    setBusy(true);
    setFailed(false);
    try {
      await signOut();
      navigate('/login');
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" className="sign-out" disabled={busy} onClick={() => void onClick()}>
        {t('nav.logout')}
      </button>
      {failed && (
        <span className="error" role="alert">
          {t('errors.signOutFailed')}
        </span>
      )}
    </>
  );
}

// A navigation link that tells assistive technology (and the style) which page is open.
function NavLink({
  href,
  also,
  prefix = false,
  children,
}: {
  href: string;
  /** Another path that is the same page. */
  also?: string;
  /** Also current on the pages below `href` (e.g. /contacts/…). */
  prefix?: boolean;
  children: ReactNode;
}) {
  const [location] = useLocation();
  const current =
    location === href || location === also || (prefix && location.startsWith(`${href}/`));
  return (
    <Link href={href} aria-current={current ? 'page' : undefined}>
      {children}
    </Link>
  );
}

/** Wraps a page in the common frame; `nav` hides the seller navigation on public pages. */
export function Layout({
  title,
  children,
  nav = true,
}: {
  title?: string;
  children: ReactNode;
  nav?: boolean;
}) {
  const { t } = useTranslation();
  const { user } = useSession();
  return (
    <div className="layout">
      <a className="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <header className="topbar">
        <Link href="/" className="brand">
          {t('appName')}
        </Link>
        {nav && user && (
          <nav aria-label={t('nav.main')} className="topnav">
            <NavLink href="/" also="/today">
              {t('nav.today')}
            </NavLink>
            <NavLink href="/contacts" prefix>
              {t('nav.contacts')}
            </NavLink>
            <NavLink href="/machines" prefix>
              {t('nav.machines')}
            </NavLink>
            <NavLink href="/booking" prefix>
              {t('nav.booking')}
            </NavLink>
            <NavLink href="/rooms">{t('nav.rooms')}</NavLink>
            {user.role === 'owner' && <NavLink href="/team">{t('nav.team')}</NavLink>}
          </nav>
        )}
        <LanguageSwitch />
        {nav && user && <SignOutButton />}
      </header>
      <main id="main" className="main">
        {title && <h1>{title}</h1>}
        {children}
      </main>
    </div>
  );
}
