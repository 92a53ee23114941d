// Accepting an invite: a new seller creates their account and lands in Nahbar signed in.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { acceptInvite, fetchInviteStatus } from '../../api/accounts';
import type { InviteStatus, NewAccount } from '../../api/accounts';
import { useSession } from '../../app/session';
import { AccountForm } from '../../components/AccountForm';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Layout } from '../../components/Layout';
import { LoadingNotice } from '../../components/LoadingNotice';

/** Checks the invite in the URL and, when it is valid, offers the account form. */
export default function InvitePage({ token }: { token: string }) {
  const { t } = useTranslation('accounts');
  const { user, refresh } = useSession();
  const [, navigate] = useLocation();
  const [invite, setInvite] = useState<InviteStatus | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let live = true;
    fetchInviteStatus(token).then(
      (status) => live && setInvite(status),
      (err: unknown) => live && setError(err),
    );
    return () => {
      live = false;
    };
  }, [token]);

  const accept = async (account: NewAccount) => {
    await acceptInvite(token, account);
    await refresh();
    navigate('/');
  };

  if (error) {
    return (
      <Layout title={t('invite.title')} nav={false}>
        <ErrorMessage error={error} />
      </Layout>
    );
  }
  if (!invite) {
    return (
      <Layout title={t('invite.title')} nav={false}>
        <LoadingNotice />
      </Layout>
    );
  }
  if (!invite.valid) {
    return (
      <Layout title={t('invite.invalidTitle')} nav={false}>
        <p>{t('errors.inviteInvalid')}</p>
        <p>
          <Link href="/login">{t('setup.toLogin')}</Link>
        </p>
      </Layout>
    );
  }
  return (
    <Layout title={t('invite.title')} nav={false}>
      <p>{t('invite.intro')}</p>
      {user && <p className="notice">{t('invite.signedInAs', { name: user.name })}</p>}
      <AccountForm
        submitLabel={t('invite.submit')}
        fixedEmail={invite.email}
        onSubmit={accept}
        errorTexts={{
          invite_invalid: t('errors.inviteInvalid'),
          email_taken: t('errors.emailTaken'),
          email_mismatch: t('errors.emailMismatch', { email: invite.email ?? '' }),
        }}
      />
    </Layout>
  );
}
