// The sentence for a field the machine forms refused.
import type { FieldProblem } from './rules';
import type { MachinesT } from './status';

/** Describes a refused field; `range` gives the bounds for a number out of range. */
export function describeProblem(
  problem: FieldProblem,
  t: MachinesT,
  language: string,
  range?: { min: number; max: number },
): string {
  if (problem === 'range' && range) {
    const format = new Intl.NumberFormat(language);
    return t('errors.range', { min: format.format(range.min), max: format.format(range.max) });
  }
  return problem === 'range' ? t('errors.number') : t(`errors.${problem}`);
}
