// The tabs of the seller's booking pages: bookings, availability and meeting types, outbox.
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';

const TABS = [
  { href: '/booking', key: 'bookings' },
  { href: '/booking/settings', key: 'settings' },
  { href: '/booking/outbox', key: 'outbox' },
] as const;

/** Links between the booking pages; the open one is marked for assistive technology. */
export function BookingNav() {
  const { t } = useTranslation('bookingSeller');
  const [location] = useLocation();
  return (
    <nav aria-label={t('nav.label')} className="sub-nav">
      {TABS.map((tab) => (
        <Link
          key={tab.href}
          href={tab.href}
          aria-current={location === tab.href ? 'page' : undefined}
          data-testid={`booking-nav-${tab.key}`}
        >
          {t(`nav.${tab.key}`)}
        </Link>
      ))}
    </nav>
  );
}
