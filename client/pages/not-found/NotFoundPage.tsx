// Shown for any address the client does not know.
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { Layout } from '../../components/Layout';

/** The 404 page. */
export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Layout title={t('errors.notFoundTitle')} nav={false}>
      <p>{t('errors.notFoundText')}</p>
      <p>
        <Link href="/">{t('errors.backHome')}</Link>
      </p>
    </Layout>
  );
}
