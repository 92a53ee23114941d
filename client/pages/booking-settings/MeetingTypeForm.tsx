// Creating or editing a meeting type: name, link ending, timing rules, questions and whether it
// is bookable; checked before it is sent, with the server's "link taken" shown at its field.
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_QUESTIONS, MAX_QUESTION_LENGTH } from '../../../shared/booking';
import type { MeetingTypeInput } from '../../../shared/booking';
import type { MeetingTypeView } from '../../api/booking';
import { ApiError } from '../../api/http';
import {
  NUMBER_LIMITS,
  checkMeetingType,
  meetingTypeDraft,
  newMeetingTypeDraft,
  newQuestionKey,
} from '../../booking/meeting-type';
import type {
  MeetingTypeDraft,
  MeetingTypeErrors,
  MeetingTypeNumberField,
  MeetingTypeProblem,
} from '../../booking/meeting-type';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Field } from '../../components/Field';
import { useAction } from '../../contacts/useAction';
import { focusFirstInvalid } from '../../components/focus';

/** Props of MeetingTypeForm. */
export interface MeetingTypeFormProps {
  /** The type to edit; null for a new one. */
  type: MeetingTypeView | null;
  onSave: (input: MeetingTypeInput) => Promise<MeetingTypeView>;
  onDone: (saved: MeetingTypeView | null) => void;
}

// The number fields in the order the form shows them, with their label and hint keys.
const NUMBER_FIELDS = [
  { field: 'durationMinutes', label: 'types.duration', hint: null },
  { field: 'bufferBeforeMinutes', label: 'types.bufferBefore', hint: null },
  { field: 'bufferAfterMinutes', label: 'types.bufferAfter', hint: null },
  { field: 'noticeHours', label: 'types.notice', hint: 'types.noticeHint' },
  { field: 'horizonDays', label: 'types.horizon', hint: null },
  { field: 'slotStepMinutes', label: 'types.step', hint: null },
  { field: 'dailyLimit', label: 'types.dailyLimit', hint: 'types.dailyLimitHint' },
] as const satisfies readonly {
  field: MeetingTypeNumberField;
  label: string;
  hint: string | null;
}[];

/** The meeting type form. */
export function MeetingTypeForm({ type, onSave, onDone }: MeetingTypeFormProps) {
  const { t, i18n } = useTranslation('bookingSeller');
  const [draft, setDraft] = useState<MeetingTypeDraft>(() =>
    type ? meetingTypeDraft(type, i18n.language) : newMeetingTypeDraft(),
  );
  const [errors, setErrors] = useState<MeetingTypeErrors>({});
  const { busy, error, run } = useAction();
  const problem = (p: MeetingTypeProblem | undefined) => (p ? t(`types.errors.${p}`) : null);
  const update = (part: Partial<MeetingTypeDraft>) => setDraft((d) => ({ ...d, ...part }));
  const headingId = type ? `type-form-${type.id}` : 'type-form-new';

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const focusInvalid = () => focusFirstInvalid(form);
    const checked = checkMeetingType(draft);
    if (!checked.ok) {
      setErrors(checked.errors);
      focusInvalid();
      return;
    }
    setErrors({});
    let saved: MeetingTypeView | null = null;
    void run(async () => {
      try {
        saved = await onSave(checked.value);
      } catch (err) {
        if (err instanceof ApiError && err.code === 'slug_taken') {
          setErrors({ slug: 'slugTaken' });
          focusInvalid();
          return;
        }
        throw err;
      }
    }).then((ok) => {
      if (ok && saved) onDone(saved);
    });
  };

  return (
    <form
      className="card stack meeting-type-form"
      noValidate
      onSubmit={submit}
      aria-labelledby={headingId}
      data-testid="meeting-type-form"
    >
      <h3 id={headingId}>
        {type ? t('types.editTitle', { name: type.name }) : t('types.newTitle')}
      </h3>
      <div className="form-grid">
        <Field
          label={t('types.name')}
          hint={t('types.nameHint')}
          required
          maxLength={100}
          autoComplete="off"
          error={problem(errors.name)}
          data-testid="meeting-type-name"
          value={draft.name}
          onChange={(e) => update({ name: e.target.value })}
        />
        <Field
          label={t('types.slug')}
          hint={t('types.slugHint')}
          maxLength={60}
          autoComplete="off"
          spellCheck={false}
          error={problem(errors.slug)}
          data-testid="meeting-type-slug"
          value={draft.slug}
          onChange={(e) => update({ slug: e.target.value })}
        />
        {NUMBER_FIELDS.map(({ field, label, hint }) => {
          const limits = NUMBER_LIMITS[field];
          const range = t('types.range', { min: limits.min, max: limits.max });
          return (
            <Field
              key={field}
              label={t(label)}
              hint={hint ? `${t(hint)} ${range}` : range}
              inputMode={field === 'noticeHours' ? 'decimal' : 'numeric'}
              autoComplete="off"
              maxLength={6}
              error={problem(errors[field])}
              data-testid={`meeting-type-${field}`}
              value={draft[field]}
              onChange={(e) => update({ [field]: e.target.value })}
            />
          );
        })}
      </div>

      <fieldset className="stack settings-group">
        <legend>{t('types.questions')}</legend>
        <p className="muted">{t('types.questionsHint')}</p>
        {draft.questions.map((question, i) => (
          <div key={question.key} className="question-row">
            <Field
              className="grow"
              label={t('types.question', { n: i + 1 })}
              maxLength={MAX_QUESTION_LENGTH}
              autoComplete="off"
              error={problem(errors.questions?.[i])}
              data-testid={`meeting-type-question-${i}`}
              value={question.label}
              onChange={(e) =>
                update({
                  questions: draft.questions.map((q) =>
                    q.key === question.key ? { ...q, label: e.target.value } : q,
                  ),
                })
              }
            />
            <label className="checkbox">
              <input
                type="checkbox"
                checked={question.required}
                data-testid={`meeting-type-question-${i}-required`}
                onChange={(e) =>
                  update({
                    questions: draft.questions.map((q) =>
                      q.key === question.key ? { ...q, required: e.target.checked } : q,
                    ),
                  })
                }
              />
              {t('types.questionRequired')}
            </label>
            <button
              type="button"
              aria-label={t('types.removeQuestionN', { n: i + 1 })}
              onClick={() =>
                update({ questions: draft.questions.filter((q) => q.key !== question.key) })
              }
            >
              {t('types.removeQuestion')}
            </button>
          </div>
        ))}
        {errors.questionList && <p className="error">{problem(errors.questionList)}</p>}
        {draft.questions.length < MAX_QUESTIONS && (
          <div className="row">
            <button
              type="button"
              data-testid="meeting-type-add-question"
              onClick={() =>
                update({
                  questions: [
                    ...draft.questions,
                    { key: newQuestionKey(), label: '', required: false },
                  ],
                })
              }
            >
              + {t('types.addQuestion')}
            </button>
          </div>
        )}
      </fieldset>

      <label className="checkbox">
        <input
          type="checkbox"
          checked={draft.active}
          data-testid="meeting-type-active"
          onChange={(e) => update({ active: e.target.checked })}
        />
        {t('types.activeLabel')}
      </label>

      <ErrorMessage error={error} />
      <div className="row">
        <button type="submit" className="primary" disabled={busy} data-testid="meeting-type-save">
          {t('types.save')}
        </button>
        <button type="button" disabled={busy} onClick={() => onDone(null)}>
          {t('types.cancel')}
        </button>
      </div>
    </form>
  );
}
