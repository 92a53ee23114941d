// The meeting type form: its fields as typed (numbers as text), sensible defaults for a new type,
// and the check against the server's limits before it is sent.
import {
  HORIZON_DAYS,
  MAX_BUFFER_MINUTES,
  MAX_DAILY_LIMIT,
  MAX_NOTICE_MINUTES,
  MAX_QUESTIONS,
  MAX_QUESTION_LENGTH,
  MEETING_DURATION_MINUTES,
  SLOT_STEP_MINUTES,
  meetingTypeSlugSchema,
} from '../../shared/booking';
import type { MeetingTypeInput } from '../../shared/booking';
import type { MeetingTypeView } from '../../shared/api/booking';

/** A question as typed; `key` tells the rows apart while editing, `id` is the server's. */
export interface QuestionDraft {
  key: string;
  id?: string;
  label: string;
  required: boolean;
}

/** The meeting type form; numbers are the text of their fields. */
export interface MeetingTypeDraft {
  name: string;
  /** Empty: the server derives it from the name. */
  slug: string;
  durationMinutes: string;
  bufferBeforeMinutes: string;
  bufferAfterMinutes: string;
  /** Minimum notice in hours, since sellers think of it so ("4 hours ahead"); "1,5" works. */
  noticeHours: string;
  horizonDays: string;
  slotStepMinutes: string;
  /** Empty: no limit. */
  dailyLimit: string;
  questions: QuestionDraft[];
  active: boolean;
}

/** The number fields of the form. */
export type MeetingTypeNumberField =
  | 'durationMinutes'
  | 'bufferBeforeMinutes'
  | 'bufferAfterMinutes'
  | 'noticeHours'
  | 'horizonDays'
  | 'slotStepMinutes'
  | 'dailyLimit';

/** Why a field is refused (`slugTaken` comes from the server); each has a sentence in `types.errors`. */
export type MeetingTypeProblem =
  | 'required'
  | 'tooLong'
  | 'oneLine'
  | 'slug'
  | 'slugTaken'
  | 'number'
  | 'wholeNumber'
  | 'range'
  | 'tooManyQuestions';

/** Errors of the form by field; `questions` by row. */
export type MeetingTypeErrors = Partial<
  Record<'name' | 'slug' | MeetingTypeNumberField | 'questionList', MeetingTypeProblem>
> & { questions?: Record<number, MeetingTypeProblem> };

/** A checked form: the meeting type to send, or what to fix. */
export type CheckedMeetingType =
  { ok: true; value: MeetingTypeInput } | { ok: false; errors: MeetingTypeErrors };

/** The limits of each number field, in the unit the form shows; for hints and checks. */
export const NUMBER_LIMITS: Readonly<Record<MeetingTypeNumberField, { min: number; max: number }>> =
  {
    durationMinutes: MEETING_DURATION_MINUTES,
    bufferBeforeMinutes: { min: 0, max: MAX_BUFFER_MINUTES },
    bufferAfterMinutes: { min: 0, max: MAX_BUFFER_MINUTES },
    noticeHours: { min: 0, max: MAX_NOTICE_MINUTES / 60 },
    horizonDays: HORIZON_DAYS,
    slotStepMinutes: SLOT_STEP_MINUTES,
    dailyLimit: { min: 1, max: MAX_DAILY_LIMIT },
  };

let questionKeys = 0;

/** A fresh row key for a question being added. */
export function newQuestionKey(): string {
  questionKeys += 1;
  return `q${questionKeys}`;
}

/**
 * A new meeting type: 30 minutes with 10 minutes' breather after, bookable from 4 hours ahead
 * for 60 days, starting every 30 minutes, no daily limit, active.
 */
export function newMeetingTypeDraft(): MeetingTypeDraft {
  return {
    name: '',
    slug: '',
    durationMinutes: '30',
    bufferBeforeMinutes: '0',
    bufferAfterMinutes: '10',
    noticeHours: '4',
    horizonDays: '60',
    slotStepMinutes: '30',
    dailyLimit: '',
    questions: [],
    active: true,
  };
}

/** Shows minutes as hours the way the language writes decimals ("1.5" / "1,5"). */
export function hoursText(minutes: number, language: string): string {
  return new Intl.NumberFormat(language, { maximumFractionDigits: 2, useGrouping: false }).format(
    minutes / 60,
  );
}

/** The form for an existing meeting type. */
export function meetingTypeDraft(view: MeetingTypeView, language: string): MeetingTypeDraft {
  return {
    name: view.name,
    slug: view.slug,
    durationMinutes: String(view.durationMinutes),
    bufferBeforeMinutes: String(view.bufferBeforeMinutes),
    bufferAfterMinutes: String(view.bufferAfterMinutes),
    noticeHours: hoursText(view.minimumNoticeMinutes, language),
    horizonDays: String(view.horizonDays),
    slotStepMinutes: String(view.slotStepMinutes),
    dailyLimit: view.dailyLimit === null ? '' : String(view.dailyLimit),
    questions: view.questions.map((q) => ({
      key: newQuestionKey(),
      id: q.id,
      label: q.label,
      required: q.required,
    })),
    active: view.active,
  };
}

/**
 * A number as people type it, "90", "1.5" or "1,5"; null for anything else (thousands
 * separators are refused rather than guessed).
 */
export function readNumber(raw: string): number | null {
  const text = raw.trim();
  if (!/^\d+(?:[.,]\d+)?$/.test(text)) return null;
  return Number(text.replace(',', '.'));
}

function checkNumber(
  raw: string,
  limits: { min: number; max: number },
  whole: boolean,
): number | MeetingTypeProblem {
  if (raw.trim() === '') return 'required';
  const value = readNumber(raw);
  if (value === null) return 'number';
  if (whole && !Number.isInteger(value)) return 'wholeNumber';
  if (value < limits.min || value > limits.max) return 'range';
  return value;
}

const CONTROL = /\p{Cc}/u;

function checkLine(raw: string, max: number): MeetingTypeProblem | null {
  const text = raw.trim();
  if (text === '') return 'required';
  if (text.length > max) return 'tooLong';
  if (CONTROL.test(text)) return 'oneLine';
  return null;
}

/** Checks the form; every problem at once, so that each field shows what to fix. */
export function checkMeetingType(draft: MeetingTypeDraft): CheckedMeetingType {
  const errors: MeetingTypeErrors = {};
  const name = checkLine(draft.name, 100);
  if (name) errors.name = name;
  const slug = draft.slug.trim().toLowerCase();
  if (slug !== '' && !meetingTypeSlugSchema.safeParse(slug).success) errors.slug = 'slug';

  const numbers: Partial<Record<MeetingTypeNumberField, number>> = {};
  for (const field of Object.keys(NUMBER_LIMITS) as MeetingTypeNumberField[]) {
    if (field === 'dailyLimit' && draft.dailyLimit.trim() === '') continue;
    const checked = checkNumber(draft[field], NUMBER_LIMITS[field], field !== 'noticeHours');
    if (typeof checked === 'string') errors[field] = checked;
    else numbers[field] = checked;
  }

  if (draft.questions.length > MAX_QUESTIONS) errors.questionList = 'tooManyQuestions';
  draft.questions.forEach((question, index) => {
    const problem = checkLine(question.label, MAX_QUESTION_LENGTH);
    if (problem) errors.questions = { ...errors.questions, [index]: problem };
  });

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const n = numbers as Record<MeetingTypeNumberField, number> & { dailyLimit?: number };
  return {
    ok: true,
    value: {
      name: draft.name.trim(),
      ...(slug ? { slug } : {}),
      durationMinutes: n.durationMinutes,
      bufferBeforeMinutes: n.bufferBeforeMinutes,
      bufferAfterMinutes: n.bufferAfterMinutes,
      minimumNoticeMinutes: Math.round(n.noticeHours * 60),
      horizonDays: n.horizonDays,
      slotStepMinutes: n.slotStepMinutes,
      dailyLimit: n.dailyLimit ?? null,
      questions: draft.questions.map((q) => ({
        ...(q.id ? { id: q.id } : {}),
        label: q.label.trim(),
        required: q.required,
      })),
      active: draft.active,
    },
  };
}
