// Inviting one person into the seller's lounge: copy their personal link, or open a prepared
// e-mail in the seller's own mail program. The link is made on the first click, not on page load.
import { useTranslation } from 'react-i18next';
import { useSession } from '../app/session';
import { mailtoHref } from '../contacts/invite';
import { useAction } from '../contacts/useAction';
import { usePersonalLink } from '../contacts/usePersonalLink';
import type { ContactId } from '../../shared/ids';
import { CopyButton } from './CopyButton';
import { ErrorMessage } from './ErrorMessage';

/** Props of LoungeInvite. */
export interface LoungeInviteProps {
  contactId: ContactId;
  contactName: string;
  /** Where the prepared e-mail goes; without one only copying is offered. */
  email: string | null;
  /** data-testid of the copy button; the e-mail button gets the same with `-mail`. */
  copyTestId: string;
}

/**
 * Copy-link and e-mail buttons for a personal lounge invitation; once made, the link is shown
 * too, so it can be copied by hand where the clipboard is not allowed.
 */
export function LoungeInvite({ contactId, contactName, email, copyTestId }: LoungeInviteProps) {
  const { t } = useTranslation('contacts');
  const { user } = useSession();
  const { url, error, getUrl } = usePersonalLink(contactId);
  const mail = useAction();

  const openMail = (to: string) =>
    void mail.run(async () => {
      const link = await getUrl();
      const values = { name: contactName, url: link, seller: user?.name ?? '' };
      const body = contactName ? t('invite.body', values) : t('invite.bodyNoName', values);
      window.location.href = mailtoHref(to, t('invite.subject'), body);
    });

  return (
    <div className="invite-actions">
      <div className="row">
        <CopyButton text={getUrl} label={t('actions.inviteCopy')} testId={copyTestId} />
        {email && (
          <button
            type="button"
            disabled={mail.busy}
            data-testid={`${copyTestId}-mail`}
            onClick={() => openMail(email)}
          >
            {t('actions.inviteMail')}
          </button>
        )}
      </div>
      {url && (
        <code className="room-link" aria-label={t('actions.inviteLink')}>
          {url}
        </code>
      )}
      <ErrorMessage error={error ?? mail.error} />
    </div>
  );
}
