// The owner's team page: invite sellers by link and see who is on the team.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchTeam } from '../../api/accounts';
import type { Member } from '../../api/accounts';
import { useRequiredUser } from '../../app/session';
import { CopyButton } from '../../components/CopyButton';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Layout } from '../../components/Layout';
import { LoadingNotice } from '../../components/LoadingNotice';
import { useFormatDate } from './formatDate';
import { InviteSection } from './InviteSection';

function Members() {
  const { t } = useTranslation('accounts');
  const formatDate = useFormatDate();
  const [members, setMembers] = useState<Member[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    fetchTeam().then(
      (list) => live && setMembers(list),
      (err: unknown) => live && setError(err),
    );
    return () => {
      live = false;
    };
  }, []);
  return (
    <section className="stack" aria-labelledby="members-title">
      <h2 id="members-title">{t('team.membersTitle')}</h2>
      <ErrorMessage error={error} />
      {!members && !error && <LoadingNotice />}
      {members && (
        <ul className="plain-list">
          {members.map((member) => (
            <li key={member.id} className="card stack member">
              <div className="row">
                <strong>{member.name}</strong>
                <span className="tag">{t(`team.roles.${member.role}`)}</span>
                <span className="muted">{member.email}</span>
                <span className="muted">
                  {t('team.joined', { date: formatDate(member.joinedAt) })}
                </span>
              </div>
              {member.roomUrl && (
                <div className="link-row">
                  <span className="muted">{t('team.lounge')}</span>
                  <code className="room-link">{member.roomUrl}</code>
                  <CopyButton text={member.roomUrl} label={t('copyLink', { ns: 'common' })} />
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The team page; only the account owner manages the team. */
export default function TeamPage() {
  const { t } = useTranslation('accounts');
  const user = useRequiredUser();
  if (!user) return <LoadingNotice />;
  if (user.role !== 'owner') {
    return (
      <Layout title={t('team.title')}>
        <p className="notice">{t('errors.ownerOnly')}</p>
      </Layout>
    );
  }
  return (
    <Layout title={t('team.title')}>
      <div className="stack">
        <InviteSection />
        <Members />
      </div>
    </Layout>
  );
}
