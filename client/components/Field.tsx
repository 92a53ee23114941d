// A labelled input with an optional hint and error, wired up for screen readers.
import { useId } from 'react';
import type { InputHTMLAttributes, ReactNode } from 'react';

/** What every field has around its control: a label, an optional hint and an error message. */
export interface FieldFrameProps {
  label: string;
  hint?: string | undefined;
  /** A message about this field's value; marks the control invalid. */
  error?: string | null | undefined;
  className?: string | undefined;
}

/** The attributes that tie a control to its label, hint and error. */
export interface FieldControlProps {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

/**
 * The frame of a form field: the label is always visible, and the hint and error are announced
 * with the control that `control` renders from the attributes it is given.
 */
export function FieldFrame({
  label,
  hint,
  error,
  className,
  control,
}: FieldFrameProps & { control: (props: FieldControlProps) => ReactNode }) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ');
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={id}>{label}</label>
      {control({
        id,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': describedBy || undefined,
      })}
      {hint && (
        <span id={hintId} className="hint">
          {hint}
        </span>
      )}
      {error && (
        <span id={errorId} className="error">
          {error}
        </span>
      )}
    </div>
  );
}

/** Props of Field: a label, optional hint and error, and any input attribute. */
export interface FieldProps
  extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'>, Omit<FieldFrameProps, 'className'> {}

/** One form field with a single-line input. */
export function Field({ label, hint, error, className, ...input }: FieldProps) {
  return (
    <FieldFrame
      label={label}
      hint={hint}
      error={error}
      className={className}
      control={(a11y) => <input {...a11y} {...input} />}
    />
  );
}
