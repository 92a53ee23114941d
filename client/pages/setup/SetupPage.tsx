// The one-time setup page: the link printed at the first start creates the owner account.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { createOwner, fetchSetupStatus } from '../../api/accounts';
import type { NewAccount } from '../../api/accounts';
import { useSession } from '../../app/session';
import { AccountForm } from '../../components/AccountForm';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Layout } from '../../components/Layout';
import { LoadingNotice } from '../../components/LoadingNotice';

/** Creates the owner from the token in the URL, then opens the start page. */
export default function SetupPage({ token }: { token: string }) {
  const { t } = useTranslation('accounts');
  const { refresh } = useSession();
  const [, navigate] = useLocation();
  const [status, setStatus] = useState<'checking' | 'valid' | 'invalid'>('checking');
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let live = true;
    fetchSetupStatus(token).then(
      (valid) => live && setStatus(valid ? 'valid' : 'invalid'),
      (err: unknown) => live && setError(err),
    );
    return () => {
      live = false;
    };
  }, [token]);

  const create = async (account: NewAccount) => {
    await createOwner(token, account);
    await refresh();
    navigate('/');
  };

  if (error) {
    return (
      <Layout title={t('setup.title')} nav={false}>
        <ErrorMessage error={error} />
      </Layout>
    );
  }
  if (status === 'checking') {
    return (
      <Layout title={t('setup.title')} nav={false}>
        <LoadingNotice />
      </Layout>
    );
  }
  if (status === 'invalid') {
    return (
      <Layout title={t('setup.invalidTitle')} nav={false}>
        <p>{t('errors.setupInvalid')}</p>
        <p>
          <Link href="/login">{t('setup.toLogin')}</Link>
        </p>
      </Layout>
    );
  }
  return (
    <Layout title={t('setup.title')} nav={false}>
      <p>{t('setup.intro')}</p>
      <AccountForm
        submitLabel={t('setup.submit')}
        onSubmit={create}
        errorTexts={{
          setup_invalid: t('errors.setupInvalid'),
          setup_done: t('errors.setupDone'),
          email_taken: t('errors.emailTaken'),
        }}
      />
    </Layout>
  );
}
