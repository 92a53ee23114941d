// The hours of one day (a weekday or a date exception): rows of "from – to" time fields with a
// remove button each, and a button that adds a sensible next block.
import { useTranslation } from 'react-i18next';
import { MAX_INTERVALS_PER_DAY } from '../../../shared/booking';
import { suggestInterval } from '../../booking/availability';
import type { IntervalDraft, IntervalProblem } from '../../booking/availability';

/** Props of IntervalsEditor. */
export interface IntervalsEditorProps {
  /** The day's name for labels: "Monday", "2026-12-24". */
  day: string;
  intervals: readonly IntervalDraft[];
  problems?: readonly (IntervalProblem | undefined)[];
  onChange: (intervals: IntervalDraft[]) => void;
  /** Prefix of the test ids: `<prefix>-add`, `<prefix>-<i>-from`, `<prefix>-<i>-to`, … */
  testId: string;
  /** Shown when there are no intervals. */
  emptyText?: string;
}

/** Edits a day's working intervals. */
export function IntervalsEditor({
  day,
  intervals,
  problems = [],
  onChange,
  testId,
  emptyText,
}: IntervalsEditorProps) {
  const { t } = useTranslation('bookingSeller');
  const change = (index: number, part: Partial<IntervalDraft>) =>
    onChange(intervals.map((interval, i) => (i === index ? { ...interval, ...part } : interval)));
  const remove = (index: number) => onChange(intervals.filter((_, i) => i !== index));
  const add = () => onChange([...intervals, suggestInterval(intervals)]);

  return (
    <div className="intervals">
      {intervals.length === 0 && emptyText && <span className="muted">{emptyText}</span>}
      {intervals.map((interval, i) => {
        const problem = problems[i];
        const errorId = `${testId}-${i}-error`;
        const a11y = {
          'aria-invalid': problem ? (true as const) : undefined,
          'aria-describedby': problem ? errorId : undefined,
        };
        return (
          <div key={i} className="interval-row">
            <input
              type="time"
              aria-label={t('settings.fromOn', { day, n: i + 1 })}
              data-testid={`${testId}-${i}-from`}
              value={interval.from}
              onChange={(e) => change(i, { from: e.target.value })}
              {...a11y}
            />
            <span aria-hidden="true">–</span>
            <input
              type="time"
              aria-label={t('settings.toOn', { day, n: i + 1 })}
              data-testid={`${testId}-${i}-to`}
              value={interval.to}
              onChange={(e) => change(i, { to: e.target.value })}
              {...a11y}
            />
            <button
              type="button"
              aria-label={t('settings.removeHoursOn', { day, n: i + 1 })}
              data-testid={`${testId}-${i}-remove`}
              onClick={() => remove(i)}
            >
              {t('settings.removeHours')}
            </button>
            {problem && (
              <span id={errorId} className="error interval-error">
                {t(`settings.errors.${problem}`)}
              </span>
            )}
          </div>
        );
      })}
      {intervals.length < MAX_INTERVALS_PER_DAY && (
        <button
          type="button"
          className="link-button"
          aria-label={t('settings.addHoursOn', { day })}
          data-testid={`${testId}-add`}
          onClick={add}
        >
          + {t('settings.addHours')}
        </button>
      )}
    </div>
  );
}
