// The form that creates an account (owner at setup, seller from an invite): name, e-mail and a
// password typed twice, checked here before the server sees it.
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_NAME_LENGTH, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../../shared/limits';
import type { NewAccount } from '../api/accounts';
import { ErrorMessage } from './ErrorMessage';
import type { ErrorTexts } from './ErrorMessage';
import { Field } from './Field';

/** Props of AccountForm. */
export interface AccountFormProps {
  submitLabel: string;
  /** An e-mail address the account must use (an invite made for one address). */
  fixedEmail?: string | null;
  /** Creates the account; a thrown error is shown above the button. */
  onSubmit: (account: NewAccount) => Promise<void>;
  /** Sentences for API error codes this form can meet. */
  errorTexts?: ErrorTexts;
}

/** Asks for name, e-mail and password, and submits them once they meet the rules. */
export function AccountForm({ submitLabel, fixedEmail, onSubmit, errorTexts }: AccountFormProps) {
  const { t } = useTranslation('accounts');
  const [name, setName] = useState('');
  const [email, setEmail] = useState(fixedEmail ?? '');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [checked, setChecked] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const passwordError =
    password.length < MIN_PASSWORD_LENGTH
      ? t('errors.passwordTooShort', { min: MIN_PASSWORD_LENGTH })
      : null;
  const repeatError = repeat !== password ? t('errors.passwordsDiffer') : null;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setChecked(true);
    if (passwordError || repeatError) {
      // Keyboard and screen-reader users land on the field that needs fixing.
      const field = event.currentTarget.elements.namedItem(
        passwordError ? 'new-password' : 'repeat-password',
      );
      if (field instanceof HTMLInputElement) field.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onSubmit({ name: name.trim(), email: email.trim(), password });
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <form className="form card" onSubmit={(e) => void submit(e)}>
      <Field
        label={t('fields.name')}
        hint={t('fields.nameHint')}
        name="name"
        autoComplete="name"
        required
        maxLength={MAX_NAME_LENGTH}
        value={name}
        onChange={(e) => setName(e.target.value)}
      />
      <Field
        label={t('fields.email')}
        hint={fixedEmail ? t('invite.emailFixed') : undefined}
        name="email"
        type="email"
        autoComplete="email"
        required
        readOnly={Boolean(fixedEmail)}
        value={email}
        onChange={(e) => setEmail(e.target.value)}
      />
      <Field
        label={t('fields.password')}
        hint={t('fields.passwordHint', { min: MIN_PASSWORD_LENGTH })}
        error={checked ? passwordError : null}
        name="new-password"
        type="password"
        autoComplete="new-password"
        required
        maxLength={MAX_PASSWORD_LENGTH}
        value={password}
        onChange={(e) => setPassword(e.target.value)}
      />
      <Field
        label={t('fields.passwordRepeat')}
        error={checked ? repeatError : null}
        name="repeat-password"
        type="password"
        autoComplete="new-password"
        required
        maxLength={MAX_PASSWORD_LENGTH}
        value={repeat}
        onChange={(e) => setRepeat(e.target.value)}
      />
      <ErrorMessage error={error} {...(errorTexts ? { texts: errorTexts } : {})} />
      <button type="submit" className="primary" disabled={busy}>
        {submitLabel}
      </button>
    </form>
  );
}
