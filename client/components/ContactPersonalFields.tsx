// The personal part of the contact form: family, interests, home office, birthday and the way
// they like to be reached. Personal first: this group comes right after the name.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { CHANNELS, MAX_TEXT_LENGTH } from '../../shared/contacts';
import type { Channel } from '../../shared/contacts';
import type { ContactFormErrors, ContactFormValues } from '../contacts/draft';
import { Field } from './Field';
import { TextAreaField } from './TextAreaField';

/** Props of ContactPersonalFields. */
export interface ContactPersonalFieldsProps {
  values: ContactFormValues;
  onChange: (change: Partial<ContactFormValues>) => void;
  /** Turns an error code into a sentence. */
  errorText: (field: keyof ContactFormErrors) => string | null;
}

const MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

/** The personal fields of the contact form. */
export function ContactPersonalFields({ values, onChange, errorText }: ContactPersonalFieldsProps) {
  const { t, i18n } = useTranslation('contacts');
  const id = useId();
  const monthName = (month: number) =>
    new Intl.DateTimeFormat(i18n.language, { month: 'long', timeZone: 'UTC' }).format(
      Date.UTC(2000, month - 1, 1),
    );
  const birthdayError = errorText('birthday');
  return (
    <fieldset className="form-group">
      <legend>{t('form.personalLegend')}</legend>
      <TextAreaField
        label={t('form.family')}
        hint={t('form.familyHint')}
        error={errorText('family')}
        maxLength={MAX_TEXT_LENGTH}
        value={values.family}
        onChange={(e) => onChange({ family: e.target.value })}
      />
      <TextAreaField
        label={t('form.interests')}
        hint={t('form.interestsHint')}
        error={errorText('interests')}
        maxLength={MAX_TEXT_LENGTH}
        value={values.interests}
        onChange={(e) => onChange({ interests: e.target.value })}
      />
      <TextAreaField
        label={t('form.homeOffice')}
        hint={t('form.homeOfficeHint')}
        error={errorText('homeOffice')}
        maxLength={MAX_TEXT_LENGTH}
        value={values.homeOffice}
        onChange={(e) => onChange({ homeOffice: e.target.value })}
      />
      <fieldset
        className="birthday-fields"
        aria-describedby={birthdayError ? `${id}-birthday-error` : undefined}
      >
        <legend>{t('form.birthdayLegend')}</legend>
        <div className="row">
          <Field
            className="narrow"
            label={t('form.birthdayDay')}
            type="number"
            inputMode="numeric"
            min={1}
            max={31}
            value={values.birthdayDay}
            aria-invalid={birthdayError ? true : undefined}
            onChange={(e) => onChange({ birthdayDay: e.target.value })}
          />
          <div className="field">
            <label htmlFor={`${id}-month`}>{t('form.birthdayMonth')}</label>
            <select
              id={`${id}-month`}
              value={values.birthdayMonth}
              aria-invalid={birthdayError ? true : undefined}
              onChange={(e) => onChange({ birthdayMonth: e.target.value })}
            >
              <option value="">{t('form.noMonth')}</option>
              {MONTHS.map((month) => (
                <option key={month} value={String(month)}>
                  {monthName(month)}
                </option>
              ))}
            </select>
          </div>
          <Field
            className="narrow"
            label={t('form.birthdayYear')}
            type="number"
            inputMode="numeric"
            min={1900}
            max={2100}
            value={values.birthdayYear}
            aria-invalid={birthdayError ? true : undefined}
            onChange={(e) => onChange({ birthdayYear: e.target.value })}
          />
        </div>
        {birthdayError && (
          <span id={`${id}-birthday-error`} className="error">
            {birthdayError}
          </span>
        )}
      </fieldset>
      <Field
        label={t('form.bestReach')}
        hint={t('form.bestReachHint')}
        value={values.bestReach}
        error={errorText('bestReach')}
        data-testid="contact-best-reach"
        onChange={(e) => onChange({ bestReach: e.target.value })}
      />
      <div className="field">
        <label htmlFor={`${id}-channel`}>{t('form.preferredChannel')}</label>
        <select
          id={`${id}-channel`}
          value={values.preferredChannel}
          onChange={(e) => onChange({ preferredChannel: e.target.value as Channel | '' })}
        >
          <option value="">{t('form.noChannel')}</option>
          {CHANNELS.map((channel) => (
            <option key={channel} value={channel}>
              {t(`channels.${channel}`)}
            </option>
          ))}
        </select>
      </div>
    </fieldset>
  );
}
