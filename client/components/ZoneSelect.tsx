// A labelled select of time zones: the reader's own and the other side's first, then the common
// ones, then every zone the browser knows, each with its current UTC offset.
import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { supportedZones, zoneChoices, zoneLabel } from '../booking/zones';

/** Props of ZoneSelect. */
export interface ZoneSelectProps {
  label: string;
  value: string;
  /** The reader's own zone (the browser's), offered first. */
  own: string;
  /** The other side's zone (the seller's), offered second. */
  other: string;
  /** Labels for the groups of suggested and all other zones. */
  groups: { suggested: string; all: string };
  /** The instant whose offsets the labels show (summer and winter time differ). */
  at: number;
  onChange: (zone: string) => void;
  testId?: string;
  hint?: string;
}

/** Lets the reader pick the zone times are shown in. */
export function ZoneSelect({
  label,
  value,
  own,
  other,
  groups,
  at,
  onChange,
  testId,
  hint,
}: ZoneSelectProps) {
  const { i18n } = useTranslation();
  const id = useId();
  const language = i18n.language;
  // Several hundred labels: built once per language and pair of zones, not on every render.
  const options = useMemo(() => {
    const choices = zoneChoices(own, other, supportedZones());
    const label = (zone: string) => ({ zone, text: zoneLabel(zone, at, language) });
    return { suggested: choices.suggested.map(label), others: choices.others.map(label) };
  }, [own, other, at, language]);
  // A zone the lists lack (an alias the browser does not list) stays choosable.
  const listed = [...options.suggested, ...options.others].some((o) => o.zone === value);
  const suggested = listed
    ? options.suggested
    : [{ zone: value, text: zoneLabel(value, at, language) }, ...options.suggested];
  return (
    <div className="field zone-select">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        data-testid={testId}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(e) => onChange(e.target.value)}
      >
        <optgroup label={groups.suggested}>
          {suggested.map((o) => (
            <option key={o.zone} value={o.zone}>
              {o.text}
            </option>
          ))}
        </optgroup>
        {options.others.length > 0 && (
          <optgroup label={groups.all}>
            {options.others.map((o) => (
              <option key={o.zone} value={o.zone}>
                {o.text}
              </option>
            ))}
          </optgroup>
        )}
      </select>
      {hint && (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      )}
    </div>
  );
}
