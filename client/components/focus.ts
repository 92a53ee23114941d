// Focus after a refused submit: keyboard and screen-reader users land on the first field to fix.

/** Focuses the first field of `form` marked invalid, once React has rendered the marks. */
export function focusFirstInvalid(form: HTMLElement): void {
  requestAnimationFrame(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
}
