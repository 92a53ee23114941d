// One tag's cadence as the account owner sees it: the days to change, save and remove.
import { useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TagCadenceView } from '../../api/contacts';
import { Field } from '../../components/Field';
import { checkCadenceDays } from '../../contacts/cadences';
import type { CadenceDaysError } from '../../contacts/cadences';

/** Props of CadenceRow. */
export interface CadenceRowProps {
  cadence: TagCadenceView;
  busy: boolean;
  /** Stores new days for the tag; resolves true once stored. */
  onSave: (tag: string, days: number) => Promise<boolean>;
  onRemove: (tag: string) => void;
}

/** An editable row of the cadence list; the days are checked before they are sent. */
export function CadenceRow({ cadence, busy, onSave, onRemove }: CadenceRowProps) {
  const { t } = useTranslation('contacts');
  const { tag } = cadence;
  const [text, setText] = useState(String(cadence.days));
  const [problem, setProblem] = useState<CadenceDaysError | null>(null);
  const saveButton = useRef<HTMLButtonElement>(null);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const checked = checkCadenceDays(text);
    if (!checked.ok) {
      setProblem(checked.error);
      event.currentTarget.querySelector('input')?.focus();
      return;
    }
    setProblem(null);
    void onSave(tag, checked.value).then((stored) => {
      if (!stored) return;
      setText(String(checked.value));
      // The list is sorted by days, so the row may have moved: keep the focus on it.
      requestAnimationFrame(() => saveButton.current?.focus());
    });
  };

  return (
    <li className="cadence-row" data-testid="cadence-row" data-tag={tag}>
      <form className="cadence-form" aria-label={tag} noValidate onSubmit={submit}>
        <Field
          className="cadence-days"
          label={t('cadences.daysFor', { tag })}
          inputMode="numeric"
          autoComplete="off"
          maxLength={5}
          error={problem && t(`cadences.errors.${problem}`)}
          data-testid="cadence-days"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <button
          ref={saveButton}
          type="submit"
          disabled={busy}
          aria-label={t('cadences.saveFor', { tag })}
          data-testid="cadence-save"
        >
          {t('cadences.save')}
        </button>
        <button
          type="button"
          className="danger"
          disabled={busy}
          aria-label={t('cadences.removeFor', { tag })}
          data-testid="cadence-remove"
          onClick={() => onRemove(tag)}
        >
          {t('cadences.remove')}
        </button>
      </form>
    </li>
  );
}
