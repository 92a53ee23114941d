// A labelled select that switches the UI language.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, switchLanguage } from '../i18n';
import type { Language } from '../i18n';

/** Lets the user pick German or English. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const id = useId();
  return (
    <span className="language-switch">
      <label htmlFor={id}>{t('language')}</label>
      <select
        id={id}
        value={i18n.language}
        onChange={(e) => void switchLanguage(e.target.value as Language)}
      >
        {LANGUAGES.map((lng) => (
          <option key={lng} value={lng}>
            {t(`languages.${lng}`)}
          </option>
        ))}
      </select>
    </span>
  );
}
