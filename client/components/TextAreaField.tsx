// A labelled multi-line text field with an optional hint and error, like Field for longer text.
import type { TextareaHTMLAttributes } from 'react';
import { FieldFrame } from './Field';
import type { FieldFrameProps } from './Field';

/** Props of TextAreaField: a label, optional hint and error, and any textarea attribute. */
export interface TextAreaFieldProps
  extends
    Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'>,
    Omit<FieldFrameProps, 'className'> {}

/** One multi-line form field. */
export function TextAreaField({ label, hint, error, className, ...area }: TextAreaFieldProps) {
  return (
    <FieldFrame
      label={label}
      hint={hint}
      error={error}
      className={className}
      control={(a11y) => <textarea rows={2} {...a11y} {...area} />}
    />
  );
}
