// The seller's availability: time zone, weekly hours, date exceptions and the change cut-off,
// checked as a whole and saved with one button.
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { WEEKDAYS } from '../../../shared/booking';
import type { BookingSettingsInput } from '../../../shared/booking';
import type { BookingSettingsView } from '../../api/booking';
import { availabilityDraft, checkAvailability } from '../../booking/availability';
import type { AvailabilityDraft, AvailabilityErrors } from '../../booking/availability';
import { weekdayName } from '../../booking/format';
import { browserTimeZone } from '../../booking/zones';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Field } from '../../components/Field';
import { ZoneSelect } from '../../components/ZoneSelect';
import { useAction } from '../../contacts/useAction';
import { IntervalsEditor } from './IntervalsEditor';
import { OverridesEditor } from './OverridesEditor';
import { focusFirstInvalid } from '../../components/focus';

/** Props of AvailabilityForm. */
export interface AvailabilityFormProps {
  settings: BookingSettingsView;
  onSave: (input: BookingSettingsInput) => Promise<BookingSettingsView>;
}

/** Edits and saves when the seller can be booked. */
export function AvailabilityForm({ settings, onSave }: AvailabilityFormProps) {
  const { t, i18n } = useTranslation('bookingSeller');
  const language = i18n.language;
  const [own] = useState(browserTimeZone);
  const [now] = useState(() => Date.now());
  const [draft, setDraft] = useState<AvailabilityDraft>(() => availabilityDraft(settings, own));
  const [errors, setErrors] = useState<AvailabilityErrors>({});
  const [saved, setSaved] = useState(false);
  const { busy, error, run } = useAction();
  const update = (part: Partial<AvailabilityDraft>) => {
    setSaved(false);
    setDraft((current) => ({ ...current, ...part }));
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const checked = checkAvailability(draft);
    if (!checked.ok) {
      setErrors(checked.errors);
      focusFirstInvalid(form);
      return;
    }
    setErrors({});
    void run(async () => {
      const stored = await onSave(checked.value);
      setDraft(availabilityDraft(stored, own));
      setSaved(true);
    });
  };

  const invalid = Object.keys(errors).length > 0;
  return (
    <form
      className="card stack availability-form"
      noValidate
      onSubmit={submit}
      aria-labelledby="availability-heading"
      data-testid="availability-form"
    >
      <h2 id="availability-heading">{t('settings.availability')}</h2>
      <ZoneSelect
        label={t('settings.zone')}
        hint={t('settings.zoneHint')}
        value={draft.timeZone}
        own={own}
        other={settings.timeZone}
        groups={{ suggested: t('settings.zoneSuggested'), all: t('settings.zoneAll') }}
        at={now}
        onChange={(timeZone) => update({ timeZone })}
        testId="booking-settings-zone"
      />

      <fieldset className="stack settings-group">
        <legend>{t('settings.weekly')}</legend>
        <p className="muted">{t('settings.weeklyHint')}</p>
        <div className="weekly-hours">
          {WEEKDAYS.map((day) => {
            const name = weekdayName(day, language);
            const dayErrors = errors.weekly?.[day];
            return (
              <div key={day} className="weekday-row" data-testid={`hours-${day}`}>
                <span className="weekday-name">{name}</span>
                <div className="stack">
                  <IntervalsEditor
                    day={name}
                    intervals={draft.weeklyHours[day]}
                    problems={dayErrors?.intervals}
                    emptyText={t('settings.unavailable')}
                    onChange={(intervals) =>
                      update({ weeklyHours: { ...draft.weeklyHours, [day]: intervals } })
                    }
                    testId={`hours-${day}`}
                  />
                  {dayErrors?.day && (
                    <span className="error">{t(`settings.errors.${dayErrors.day}`)}</span>
                  )}
                </div>
              </div>
            );
          })}
        </div>
      </fieldset>

      <OverridesEditor
        overrides={draft.overrides}
        errors={errors.overrides}
        onChange={(overrides) => update({ overrides })}
      />
      {errors.overrideList && (
        <p className="error">{t(`settings.errors.${errors.overrideList}`)}</p>
      )}

      <fieldset className="stack settings-group">
        <legend className="visually-hidden">{t('settings.cutoff')}</legend>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={draft.cutoffEnabled}
            data-testid="booking-settings-cutoff-on"
            onChange={(e) => update({ cutoffEnabled: e.target.checked })}
          />
          {t('settings.cutoff')}
        </label>
        {draft.cutoffEnabled && (
          <Field
            className="narrow-field"
            label={t('settings.cutoffHours')}
            hint={t('settings.cutoffHint')}
            inputMode="numeric"
            autoComplete="off"
            maxLength={3}
            error={errors.cutoff ? t(`settings.errors.${errors.cutoff}`) : null}
            data-testid="booking-settings-cutoff"
            value={draft.cutoffHours}
            onChange={(e) => update({ cutoffHours: e.target.value })}
          />
        )}
      </fieldset>

      {invalid && (
        <p className="error" role="alert">
          {t('settings.fixFields')}
        </p>
      )}
      <ErrorMessage error={error} />
      <div className="row">
        <button
          type="submit"
          className="primary"
          disabled={busy}
          data-testid="booking-settings-save"
        >
          {busy ? t('settings.saving') : t('settings.save')}
        </button>
        <span className="ok" role="status" data-testid="booking-settings-saved">
          {saved ? t('settings.saved') : ''}
        </span>
      </div>
    </form>
  );
}
