// The guest's details: name, e-mail, company, phone, message and the meeting type's questions,
// checked before they are sent; required fields are marked and errors sit at their fields.
import type { FormEvent, Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { BookingQuestion } from '../../../shared/booking';
import { MAX_ANSWER_LENGTH, MAX_GUEST_MESSAGE_LENGTH } from '../../../shared/booking';
import { GUEST_LIMITS } from '../../booking/guest-form';
import type { GuestDraft, GuestFieldProblem, GuestFormErrors } from '../../booking/guest-form';
import { Field } from '../../components/Field';
import { TextAreaField } from '../../components/TextAreaField';

/** Props of GuestForm. */
export interface GuestFormProps {
  draft: GuestDraft;
  onChange: (draft: GuestDraft) => void;
  errors: GuestFormErrors;
  questions: readonly BookingQuestion[];
  sellerName: string;
  /** The chosen time for the button: "Book 09:00". */
  time: string;
  busy: boolean;
  onSubmit: (form: HTMLFormElement) => void;
  headingRef?: Ref<HTMLHeadingElement>;
}

/** The booking form; `onSubmit` gets the form element to move the focus to a field to fix. */
export function GuestForm({
  draft,
  onChange,
  errors,
  questions,
  sellerName,
  time,
  busy,
  onSubmit,
  headingRef,
}: GuestFormProps) {
  const { t } = useTranslation('booking');
  const problem = (p: GuestFieldProblem | undefined) => (p ? t(`form.errors.${p}`) : null);
  const set = (field: Exclude<keyof GuestDraft, 'answers'>) => (value: string) =>
    onChange({ ...draft, [field]: value });
  const required = (label: string) => t('form.required', { label });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onSubmit(event.currentTarget);
  };

  return (
    <form
      className="form booking-form"
      noValidate
      onSubmit={submit}
      aria-labelledby="guest-form-heading"
    >
      <h2 id="guest-form-heading" ref={headingRef} tabIndex={-1}>
        {t('form.heading')}
      </h2>
      <p className="muted">{t('form.requiredNote')}</p>
      <Field
        label={required(t('form.name'))}
        autoComplete="name"
        required
        maxLength={GUEST_LIMITS.name}
        error={problem(errors.name)}
        data-testid="booking-name"
        value={draft.name}
        onChange={(e) => set('name')(e.target.value)}
      />
      <Field
        label={required(t('form.email'))}
        hint={t('form.emailHint')}
        type="email"
        autoComplete="email"
        required
        maxLength={GUEST_LIMITS.email}
        error={problem(errors.email)}
        data-testid="booking-email"
        value={draft.email}
        onChange={(e) => set('email')(e.target.value)}
      />
      <Field
        label={t('form.company')}
        autoComplete="organization"
        maxLength={GUEST_LIMITS.company}
        error={problem(errors.company)}
        data-testid="booking-company"
        value={draft.company}
        onChange={(e) => set('company')(e.target.value)}
      />
      <Field
        label={t('form.phone')}
        hint={t('form.phoneHint')}
        type="tel"
        autoComplete="tel"
        maxLength={GUEST_LIMITS.phone}
        error={problem(errors.phone)}
        data-testid="booking-phone"
        value={draft.phone}
        onChange={(e) => set('phone')(e.target.value)}
      />
      {questions.map((question) => (
        <TextAreaField
          key={question.id}
          label={question.required ? required(question.label) : question.label}
          required={question.required}
          maxLength={MAX_ANSWER_LENGTH}
          error={problem(errors.answers?.[question.id])}
          data-testid={`booking-answer-${question.id}`}
          value={draft.answers[question.id] ?? ''}
          onChange={(e) =>
            onChange({ ...draft, answers: { ...draft.answers, [question.id]: e.target.value } })
          }
        />
      ))}
      <TextAreaField
        label={t('form.message', { name: sellerName })}
        rows={3}
        maxLength={MAX_GUEST_MESSAGE_LENGTH}
        error={problem(errors.message)}
        data-testid="booking-message"
        value={draft.message}
        onChange={(e) => set('message')(e.target.value)}
      />
      <div className="row">
        <button type="submit" className="primary big" disabled={busy} data-testid="booking-submit">
          {busy ? t('form.submitting') : t('form.submit', { time })}
        </button>
      </div>
    </form>
  );
}
