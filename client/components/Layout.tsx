// The frame of every page: skip link, header with navigation and language switch, main area.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { useSession } from '../app/session';
import { LanguageSwitch } from './LanguageSwitch';

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
        {title ?? t('appName')}
      </a>
      <header className="topbar">
        <Link href="/" className="brand">
          {t('appName')}
        </Link>
        {nav && user && (
          <nav aria-label={t('nav.main')} className="topnav">
            <Link href="/">{t('nav.home')}</Link>
            <Link href="/rooms">{t('nav.rooms')}</Link>
            {user.role === 'owner' && <Link href="/team">{t('nav.team')}</Link>}
          </nav>
        )}
        <LanguageSwitch />
      </header>
      <main id="main" className="main">
        {title && <h1>{title}</h1>}
        {children}
      </main>
    </div>
  );
}
