// Sign-in for sellers and the owner. Every wrong e-mail or password gets the same message.
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Redirect, useLocation } from 'wouter';
import { MAX_PASSWORD_LENGTH } from '../../../shared/limits';
import { login } from '../../api/accounts';
import { useSession } from '../../app/session';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Field } from '../../components/Field';
import { Layout } from '../../components/Layout';
import { LoadingNotice } from '../../components/LoadingNotice';

/** The sign-in page; signed-in visitors go straight to their start page. */
export default function LoginPage() {
  const { t } = useTranslation('accounts');
  const { user, loading, refresh } = useSession();
  const [, navigate] = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  if (loading) return <LoadingNotice />;
  if (user && !busy) return <Redirect to="/" replace />;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login(email.trim(), password);
      await refresh();
      navigate('/');
    } catch (err) {
      setError(err);
      setPassword('');
      setBusy(false);
    }
  };

  return (
    <Layout title={t('login.title')}>
      <p className="muted">{t('login.intro')}</p>
      <form className="form card" onSubmit={(e) => void submit(e)}>
        <Field
          label={t('fields.email')}
          name="email"
          type="email"
          autoComplete="username"
          required
          autoFocus
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <Field
          label={t('fields.password')}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          maxLength={MAX_PASSWORD_LENGTH}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <ErrorMessage
          error={error}
          texts={{
            invalid_credentials: t('errors.invalidCredentials'),
            invalid: t('errors.invalidCredentials'),
          }}
        />
        <button type="submit" className="primary" disabled={busy}>
          {t('login.submit')}
        </button>
      </form>
      <p className="muted">{t('login.noAccount')}</p>
    </Layout>
  );
}
