// Dates in the UI language, e.g. "5 Dec 2026" or "05.12.2026".
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

/** A function that formats epoch milliseconds as a date in the current UI language. */
export function useFormatDate(): (ms: number) => string {
  const { i18n } = useTranslation();
  const language = i18n.language;
  return useCallback(
    (ms: number) => new Intl.DateTimeFormat(language, { dateStyle: 'medium' }).format(ms),
    [language],
  );
}
