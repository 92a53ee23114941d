// Date exceptions: a day off, or other hours on a single date, each with its own hours editor.
import { useTranslation } from 'react-i18next';
import type { AvailabilityErrors, OverrideDraft } from '../../booking/availability';
import { formatDayLong } from '../../booking/format';
import { Field } from '../../components/Field';
import { IntervalsEditor } from './IntervalsEditor';

/** Props of OverridesEditor. */
export interface OverridesEditorProps {
  overrides: readonly OverrideDraft[];
  errors: AvailabilityErrors['overrides'];
  onChange: (overrides: OverrideDraft[]) => void;
}

/** Edits the list of date exceptions. */
export function OverridesEditor({ overrides, errors, onChange }: OverridesEditorProps) {
  const { t, i18n } = useTranslation('bookingSeller');
  const change = (index: number, part: Partial<OverrideDraft>) =>
    onChange(overrides.map((o, i) => (i === index ? { ...o, ...part } : o)));
  const remove = (index: number) => onChange(overrides.filter((_, i) => i !== index));
  const add = () => onChange([...overrides, { date: '', dayOff: true, intervals: [] }]);
  const dayText = (date: string) =>
    /^\d{4}-\d{2}-\d{2}$/.test(date) ? formatDayLong(date, i18n.language) : date;

  return (
    <fieldset className="stack settings-group">
      <legend>{t('settings.overrides')}</legend>
      <p className="muted">{t('settings.overridesHint')}</p>
      {overrides.length === 0 && <p className="muted">{t('settings.overridesEmpty')}</p>}
      <ul className="plain-list">
        {overrides.map((override, i) => {
          const problem = errors?.[i];
          return (
            <li key={i} className="override-row" data-testid="override-row">
              <Field
                className="override-date"
                label={t('settings.overrideDate')}
                type="date"
                data-testid={`override-${i}-date`}
                error={problem?.date ? t(`settings.errors.${problem.date}`) : null}
                value={override.date}
                onChange={(e) => change(i, { date: e.target.value })}
              />
              <fieldset className="override-kind">
                <legend>{t('settings.overrideKind')}</legend>
                <label className="checkbox">
                  <input
                    type="radio"
                    name={`override-${i}-kind`}
                    checked={override.dayOff}
                    data-testid={`override-${i}-day-off`}
                    onChange={() => change(i, { dayOff: true })}
                  />
                  {t('settings.dayOff')}
                </label>
                <label className="checkbox">
                  <input
                    type="radio"
                    name={`override-${i}-kind`}
                    checked={!override.dayOff}
                    data-testid={`override-${i}-hours`}
                    onChange={() =>
                      change(i, {
                        dayOff: false,
                        intervals:
                          override.intervals.length > 0
                            ? override.intervals
                            : [{ from: '09:00', to: '17:00' }],
                      })
                    }
                  />
                  {t('settings.otherHours')}
                </label>
              </fieldset>
              {!override.dayOff && (
                <IntervalsEditor
                  day={dayText(override.date)}
                  intervals={override.intervals}
                  problems={problem?.intervals}
                  onChange={(intervals) => change(i, { intervals })}
                  testId={`override-${i}`}
                />
              )}
              <div>
                <button
                  type="button"
                  className="danger"
                  aria-label={t('settings.removeOverrideOn', { date: dayText(override.date) })}
                  data-testid={`override-${i}-remove`}
                  onClick={() => remove(i)}
                >
                  {t('settings.removeOverride')}
                </button>
              </div>
            </li>
          );
        })}
      </ul>
      <div className="row">
        <button type="button" data-testid="override-add" onClick={add}>
          + {t('settings.addOverride')}
        </button>
      </div>
    </fieldset>
  );
}
