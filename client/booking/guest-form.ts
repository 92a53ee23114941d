// The guest's booking form: checks before anything is sent (the same limits as the server's
// schema), the request it becomes, and the server's field errors mapped back onto the fields.
import type { BookingQuestion } from '../../shared/booking';
import {
  MAX_ANSWER_LENGTH,
  MAX_GUEST_MESSAGE_LENGTH,
  guestBookingInputSchema,
} from '../../shared/booking';
import { ApiError } from '../api/http';

/** Longest name, company and phone number (the server's limits). */
export const GUEST_LIMITS = { name: 120, email: 254, company: 200, phone: 40 } as const;

/** What the form holds, as typed. */
export interface GuestDraft {
  name: string;
  email: string;
  company: string;
  phone: string;
  message: string;
  /** Answers by question id. */
  answers: Record<string, string>;
}

/** An empty form. */
export function emptyGuestDraft(): GuestDraft {
  return { name: '', email: '', company: '', phone: '', message: '', answers: {} };
}

/** Why a field's value is refused; each has a sentence in `form.errors`. */
export type GuestFieldProblem = 'required' | 'tooLong' | 'oneLine' | 'email' | 'phone' | 'invalid';

/** The single-line and free-text fields of the form. */
export type GuestField = 'name' | 'email' | 'company' | 'phone' | 'message';

/** Field errors of the form; `answers` by question id. Empty when it may be sent. */
export interface GuestFormErrors {
  name?: GuestFieldProblem;
  email?: GuestFieldProblem;
  company?: GuestFieldProblem;
  phone?: GuestFieldProblem;
  message?: GuestFieldProblem;
  answers?: Record<string, GuestFieldProblem>;
}

/** The form's values as the server takes them (without the slot, zone and language). */
export interface GuestValues {
  name: string;
  email: string;
  company: string | null;
  phone: string | null;
  message: string | null;
  answers: Record<string, string>;
}

/** A checked form: the values to send, or what to fix per field. */
export type CheckedGuest =
  { ok: true; value: GuestValues } | { ok: false; errors: GuestFormErrors };

const CONTROL = /\p{Cc}/u;
// Digits, spaces and the signs people write phone numbers with: "+49 (0)30 / 123-45".
const PHONE = /^[+]?[\d\s()./-]+$/;

function checkLine(raw: string, max: number, required: boolean): GuestFieldProblem | null {
  const text = raw.trim();
  if (text === '') return required ? 'required' : null;
  if (text.length > max) return 'tooLong';
  if (CONTROL.test(text)) return 'oneLine';
  return null;
}

/** Checks an e-mail address by the server's own rule (Unicode domains such as müller.de too). */
export function checkEmail(raw: string): GuestFieldProblem | null {
  const text = raw.trim();
  if (text === '') return 'required';
  if (text.length > GUEST_LIMITS.email) return 'tooLong';
  return guestBookingInputSchema.shape.email.safeParse(text).success ? null : 'email';
}

/**
 * Checks a phone number loosely: phone characters and at least five digits. The server decides
 * whether it is a real number (and may still refuse it as `invalid_phone`).
 */
export function checkPhone(raw: string): GuestFieldProblem | null {
  const line = checkLine(raw, GUEST_LIMITS.phone, false);
  if (line || raw.trim() === '') return line;
  const text = raw.trim();
  const digits = text.replace(/\D/g, '').length;
  return PHONE.test(text) && digits >= 5 ? null : 'phone';
}

/** Checks the whole form against the meeting type's questions. */
export function checkGuestForm(
  draft: GuestDraft,
  questions: readonly BookingQuestion[],
): CheckedGuest {
  const errors: GuestFormErrors = {};
  const name = checkLine(draft.name, GUEST_LIMITS.name, true);
  if (name) errors.name = name;
  const email = checkEmail(draft.email);
  if (email) errors.email = email;
  const company = checkLine(draft.company, GUEST_LIMITS.company, false);
  if (company) errors.company = company;
  const phone = checkPhone(draft.phone);
  if (phone) errors.phone = phone;
  if (draft.message.trim().length > MAX_GUEST_MESSAGE_LENGTH) errors.message = 'tooLong';

  const answers: Record<string, string> = {};
  const answerErrors: Record<string, GuestFieldProblem> = {};
  for (const question of questions) {
    const answer = (draft.answers[question.id] ?? '').trim();
    if (answer === '' && question.required) answerErrors[question.id] = 'required';
    else if (answer.length > MAX_ANSWER_LENGTH) answerErrors[question.id] = 'tooLong';
    else if (answer !== '') answers[question.id] = answer;
  }
  if (Object.keys(answerErrors).length > 0) errors.answers = answerErrors;

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      name: draft.name.trim(),
      email: draft.email.trim(),
      company: draft.company.trim() || null,
      phone: draft.phone.trim() || null,
      message: draft.message.trim() || null,
      answers,
    },
  };
}

/** Whether the errors name anything to fix. */
export function hasGuestErrors(errors: GuestFormErrors): boolean {
  return (
    Object.keys(errors).some((key) => key !== 'answers') ||
    Object.keys(errors.answers ?? {}).length > 0
  );
}

const FIELDS: readonly GuestField[] = ['name', 'email', 'company', 'phone', 'message'];

function isField(value: string): value is GuestField {
  return (FIELDS as readonly string[]).includes(value);
}

/**
 * The field errors in a refused booking (400): a required answer left empty, a phone number that
 * is none, or the schema's complaints by path ("/email", "/answers/q1"). Empty when the error
 * names no field of the form.
 */
export function fieldErrorsFromApi(error: unknown): GuestFormErrors {
  if (!(error instanceof ApiError) || error.status !== 400) return {};
  const details = error.details as
    { field?: unknown; questionId?: unknown } | readonly { path?: unknown }[] | undefined;
  if (error.code === 'answer_required' && details && !Array.isArray(details)) {
    const id = (details as { questionId?: unknown }).questionId;
    return typeof id === 'string' ? { answers: { [id]: 'required' } } : {};
  }
  if (error.code === 'invalid_phone') return { phone: 'phone' };
  if (!Array.isArray(details)) return {};
  const errors: GuestFormErrors = {};
  for (const issue of details as readonly { path?: unknown }[]) {
    if (typeof issue.path !== 'string') continue;
    const [field, id] = issue.path.split('/').filter(Boolean);
    if (!field) continue;
    if (field === 'answers' && id) errors.answers = { ...errors.answers, [id]: 'invalid' };
    else if (isField(field)) errors[field] = field === 'email' ? 'email' : 'invalid';
  }
  return errors;
}
