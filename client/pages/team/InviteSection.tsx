// The owner's invite tools: create an invite link (optionally for one address), list and revoke open ones.
import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { createInvite, fetchInvites, revokeInvite } from '../../api/accounts';
import type { Invite } from '../../api/accounts';
import { CopyButton } from '../../components/CopyButton';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Field } from '../../components/Field';
import { LoadingNotice } from '../../components/LoadingNotice';
import { useFormatDate } from './formatDate';

/** Creates invite links and manages the open ones. */
export function InviteSection() {
  const { t } = useTranslation('accounts');
  const formatDate = useFormatDate();
  const [email, setEmail] = useState('');
  const [created, setCreated] = useState<Invite | null>(null);
  const [invites, setInvites] = useState<Invite[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let live = true;
    fetchInvites().then(
      (list) => live && setInvites(list),
      (err: unknown) => live && setError(err),
    );
    return () => {
      live = false;
    };
  }, []);

  const act = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const create = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void act(async () => {
      const invite = await createInvite(email.trim() || undefined);
      setCreated(invite);
      setEmail('');
      setInvites((list) => [invite, ...(list ?? [])]);
    });
  };
  const revoke = (invite: Invite) =>
    void act(async () => {
      await revokeInvite(invite.id);
      setInvites((list) => list && list.filter((i) => i.id !== invite.id));
      if (created?.id === invite.id) setCreated(null);
    });

  return (
    <>
      <section className="card stack section-card" aria-labelledby="invite-title">
        <h2 id="invite-title">{t('team.inviteTitle')}</h2>
        <p className="muted">{t('team.inviteIntro')}</p>
        <form className="form" onSubmit={create}>
          <Field
            label={t('team.inviteEmail')}
            hint={t('team.inviteEmailHint')}
            name="invite-email"
            type="email"
            autoComplete="off"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
          <button type="submit" className="primary" disabled={busy}>
            {t('team.createInvite')}
          </button>
        </form>
        {created?.url && (
          <div className="notice stack" role="status">
            <p>{t('team.newInvite', { date: formatDate(created.expiresAt) })}</p>
            <div className="link-row">
              <span className="visually-hidden">{t('team.inviteLink')}</span>
              <code className="room-link">{created.url}</code>
              <CopyButton text={created.url} label={t('copyLink', { ns: 'common' })} />
            </div>
          </div>
        )}
        <ErrorMessage error={error} texts={{ email_taken: t('errors.emailTaken') }} />
      </section>

      <section className="stack" aria-labelledby="pending-title">
        <h2 id="pending-title">{t('team.pendingTitle')}</h2>
        {!invites && !error && <LoadingNotice />}
        {invites && invites.length === 0 && <p className="muted">{t('team.noPending')}</p>}
        {invites && invites.length > 0 && (
          <ul className="plain-list">
            {invites.map((invite) => {
              const who = invite.email ?? t('team.anyone');
              return (
                <li key={invite.id} className="card row">
                  <span className="grow">
                    <strong>{who}</strong>{' '}
                    <span className="muted">
                      {t('team.validUntil', { date: formatDate(invite.expiresAt) })}
                    </span>
                  </span>
                  <button
                    type="button"
                    className="danger"
                    disabled={busy}
                    aria-label={t('team.revokeLabel', { who })}
                    onClick={() => revoke(invite)}
                  >
                    {t('team.revoke')}
                  </button>
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </>
  );
}
