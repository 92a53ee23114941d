// The form that creates or edits a contact: the name first, then what matters to them
// personally, then work, reach and cadence. Checked with the shared schema before it is sent.
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactView } from '../api/contacts';
import {
  draftFromForm,
  EMPTY_CONTACT_FORM,
  formValuesFromContact,
  validateDraft,
} from '../contacts/draft';
import type { ContactFormErrors, ContactFormValues } from '../contacts/draft';
import { useAction } from '../contacts/useAction';
import type { ContactDraft } from '../../shared/contacts';
import { MAX_TEXT_LENGTH } from '../../shared/contacts';
import { ContactPersonalFields } from './ContactPersonalFields';
import { ErrorMessage } from './ErrorMessage';
import { Field } from './Field';
import { TextAreaField } from './TextAreaField';
import { focusFirstInvalid } from './focus';

/** Props of ContactForm. */
export interface ContactFormProps {
  /** The stored contact when editing; fields the form does not show are kept as they are. */
  contact?: ContactView;
  title: string;
  submitLabel: string;
  /** Saves the draft; a thrown error is shown above the buttons. */
  onSubmit: (draft: ContactDraft) => Promise<void>;
  onCancel?: () => void;
}

// Lazily, once: about 400 zones for the time zone field's suggestions.
let zones: readonly string[] | null = null;
function timeZones(): readonly string[] {
  zones ??= typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return zones;
}

/** Creates or edits a contact. */
export function ContactForm({ contact, title, submitLabel, onSubmit, onCancel }: ContactFormProps) {
  const { t, i18n } = useTranslation('contacts');
  const id = useId();
  const [values, setValues] = useState<ContactFormValues>(() =>
    contact ? formValuesFromContact(contact, i18n.language) : EMPTY_CONTACT_FORM,
  );
  const [errors, setErrors] = useState<ContactFormErrors>({});
  const { busy, error, run } = useAction();

  const change = (patch: Partial<ContactFormValues>) => setValues((v) => ({ ...v, ...patch }));
  const errorText = (field: keyof ContactFormErrors) => {
    const code = errors[field];
    return code ? t(`form.errors.${code}`) : null;
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const draft = draftFromForm(values, contact ?? null);
    const found = validateDraft(draft);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      // Keyboard and screen-reader users land on the first field that needs a fix, once the
      // errors are rendered.
      const form = event.currentTarget;
      focusFirstInvalid(form);
      return;
    }
    void run(() => onSubmit(draft));
  };

  const text = (field: 'companyName' | 'role', max: number) => (
    <Field
      label={t(`form.${field}`)}
      error={errorText(field)}
      maxLength={max}
      value={values[field]}
      onChange={(e) => change({ [field]: e.target.value })}
    />
  );

  return (
    <form className="form contact-form card" aria-labelledby={`${id}-title`} onSubmit={submit}>
      <h2 id={`${id}-title`}>{title}</h2>
      <Field
        label={t('form.name')}
        error={errorText('name')}
        required
        maxLength={120}
        autoComplete="off"
        value={values.name}
        onChange={(e) => change({ name: e.target.value })}
      />
      <ContactPersonalFields values={values} onChange={change} errorText={errorText} />
      <fieldset className="form-group">
        <legend>{t('form.workLegend')}</legend>
        {text('companyName', 200)}
        {text('role', 120)}
        <Field
          label={t('form.emails')}
          hint={t('form.listHint')}
          error={errorText('emails')}
          type="text"
          inputMode="email"
          autoComplete="off"
          value={values.emails}
          onChange={(e) => change({ emails: e.target.value })}
        />
        <Field
          label={t('form.phones')}
          hint={t('form.phonesHint')}
          error={errorText('phones')}
          inputMode="tel"
          autoComplete="off"
          value={values.phones}
          onChange={(e) => change({ phones: e.target.value })}
        />
        <Field
          label={t('form.timeZone')}
          hint={t('form.timeZoneHint')}
          error={errorText('timeZone')}
          list={`${id}-zones`}
          autoComplete="off"
          spellCheck={false}
          value={values.timeZone}
          onChange={(e) => change({ timeZone: e.target.value })}
        />
        <datalist id={`${id}-zones`}>
          {timeZones().map((zone) => (
            <option key={zone} value={zone} />
          ))}
        </datalist>
        <Field
          label={t('form.tags')}
          hint={t('form.tagsHint')}
          error={errorText('tags')}
          value={values.tags}
          onChange={(e) => change({ tags: e.target.value })}
        />
        <Field
          label={t('form.cadenceDays')}
          hint={t('form.cadenceHint')}
          error={errorText('cadenceDays')}
          type="number"
          inputMode="numeric"
          min={1}
          max={3650}
          value={values.cadenceDays}
          onChange={(e) => change({ cadenceDays: e.target.value })}
        />
      </fieldset>
      <TextAreaField
        label={t('form.notes')}
        error={errorText('notes')}
        rows={3}
        maxLength={MAX_TEXT_LENGTH}
        value={values.notes}
        onChange={(e) => change({ notes: e.target.value })}
      />
      <label className="check">
        <input
          type="checkbox"
          checked={values.shared}
          onChange={(e) => change({ shared: e.target.checked })}
        />
        <span>{t('form.shared')}</span>
      </label>
      <ErrorMessage error={error} texts={{ invalid_phone: t('form.apiErrors.invalid_phone') }} />
      <div className="row">
        <button type="submit" className="primary" disabled={busy} data-testid="contact-save">
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" disabled={busy} onClick={onCancel}>
            {t('form.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
