// The small form that logs how a call (or e-mail, visit, note) went: the kind is preselected as
// a call, the outcome is optional, so "Anruf protokollieren" works in one click.
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { logTouchpoint } from '../api/contacts';
import type { NewTouchpoint, TouchpointView } from '../api/contacts';
import { touchpointFromForm } from '../contacts/touchpoint';
import { useAction } from '../contacts/useAction';
import type { ContactId } from '../../shared/ids';
import { ErrorMessage } from './ErrorMessage';
import { Field } from './Field';

const LOG_KINDS: readonly NewTouchpoint['kind'][] = ['call', 'email', 'visit', 'note'];

/** Props of LogTouchpointForm. */
export interface LogTouchpointFormProps {
  contactId: ContactId;
  /** Names the form for screen readers ("Ergebnis festhalten: Anna Berger"). */
  contactName: string;
  /** data-testid of the submit button. */
  submitTestId: string;
  onLogged: (touchpoint: TouchpointView) => void | Promise<void>;
}

/** Logs a touchpoint for one contact and clears itself afterwards. */
export function LogTouchpointForm({
  contactId,
  contactName,
  submitTestId,
  onLogged,
}: LogTouchpointFormProps) {
  const { t } = useTranslation('contacts');
  const id = useId();
  const [kind, setKind] = useState<NewTouchpoint['kind']>('call');
  const [summary, setSummary] = useState('');
  const [withNextStep, setWithNextStep] = useState(false);
  const [nextStep, setNextStep] = useState('');
  const [due, setDue] = useState('');
  const { busy, error, run } = useAction();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void run(async () => {
      const touchpoint = await logTouchpoint(
        contactId,
        touchpointFromForm({ kind, summary, nextStep, due }),
      );
      setSummary('');
      setNextStep('');
      setDue('');
      setWithNextStep(false);
      await onLogged(touchpoint);
    });
  };

  return (
    <form className="log-form" aria-label={`${t('log.legend')}: ${contactName}`} onSubmit={submit}>
      <div className="log-row">
        <div className="field log-kind">
          <label htmlFor={`${id}-kind`}>{t('log.kind')}</label>
          <select
            id={`${id}-kind`}
            value={kind}
            onChange={(e) => setKind(e.target.value as NewTouchpoint['kind'])}
          >
            {LOG_KINDS.map((option) => (
              <option key={option} value={option}>
                {t(`kinds.${option}`)}
              </option>
            ))}
          </select>
        </div>
        <Field
          className="log-summary"
          label={t('log.summary')}
          placeholder={t('log.summaryPlaceholder')}
          maxLength={4000}
          value={summary}
          onChange={(e) => setSummary(e.target.value)}
        />
        <button type="submit" className="primary" disabled={busy} data-testid={submitTestId}>
          {t(`log.submit.${kind}`)}
        </button>
      </div>
      <button
        type="button"
        className="link-button"
        aria-expanded={withNextStep}
        aria-controls={`${id}-next`}
        onClick={() => setWithNextStep((open) => !open)}
      >
        {t('log.showNextStep')}
      </button>
      <div id={`${id}-next`} className="log-row" hidden={!withNextStep}>
        <Field
          className="log-summary"
          label={t('log.nextStep')}
          maxLength={500}
          value={nextStep}
          onChange={(e) => setNextStep(e.target.value)}
        />
        <Field
          label={t('log.nextStepDue')}
          type="date"
          value={due}
          onChange={(e) => setDue(e.target.value)}
        />
      </div>
      <ErrorMessage error={error} />
    </form>
  );
}
