// The account owner's form for a tag that has no cadence yet.
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TagCadenceView } from '../../api/contacts';
import { Field } from '../../components/Field';
import { checkNewCadence } from '../../contacts/cadences';
import type { NewCadenceErrors } from '../../contacts/cadences';
import { focusFirstInvalid } from '../../components/focus';

/** Props of AddCadenceForm. */
export interface AddCadenceFormProps {
  /** The cadences there are, so that a tag is not added twice. */
  existing: readonly TagCadenceView[];
  busy: boolean;
  /** Stores the new cadence; resolves true once stored. */
  onAdd: (tag: string, days: number) => Promise<boolean>;
}

/** Adds a tag cadence; tag and days are checked before they are sent. */
export function AddCadenceForm({ existing, busy, onAdd }: AddCadenceFormProps) {
  const { t } = useTranslation('contacts');
  const [tag, setTag] = useState('');
  const [days, setDays] = useState('');
  const [errors, setErrors] = useState<NewCadenceErrors>({});

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const checked = checkNewCadence({ tag, days }, existing);
    if (!checked.ok) {
      setErrors(checked.error);
      // Keyboard and screen-reader users land on the first field to fix, once it is marked.
      focusFirstInvalid(form);
      return;
    }
    setErrors({});
    void onAdd(checked.value.tag, checked.value.days).then((stored) => {
      if (!stored) return;
      setTag('');
      setDays('');
      // Ready for the next tag.
      form.querySelector('input')?.focus();
    });
  };

  const tagError = errors.tag
    ? t(`cadences.errors.${errors.tag}`, { tag: tag.trim().toLowerCase() })
    : null;
  return (
    <section className="card stack section-card" aria-labelledby="cadence-add-title">
      <h2 id="cadence-add-title">{t('cadences.addTitle')}</h2>
      <form
        className="cadence-form"
        noValidate
        onSubmit={submit}
        aria-labelledby="cadence-add-title"
      >
        <Field
          label={t('cadences.tag')}
          hint={t('cadences.tagHint')}
          autoComplete="off"
          maxLength={60}
          error={tagError}
          data-testid="cadence-new-tag"
          value={tag}
          onChange={(e) => setTag(e.target.value)}
        />
        <Field
          className="cadence-days"
          label={t('cadences.days')}
          hint={t('cadences.daysHint')}
          inputMode="numeric"
          autoComplete="off"
          maxLength={5}
          error={errors.days ? t(`cadences.errors.${errors.days}`) : null}
          data-testid="cadence-new-days"
          value={days}
          onChange={(e) => setDays(e.target.value)}
        />
        <button type="submit" className="primary" disabled={busy} data-testid="cadence-add">
          {t('cadences.add')}
        </button>
      </form>
    </section>
  );
}
