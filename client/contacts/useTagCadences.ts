// The cadence settings page's data: the team's cadences by tag, and the owner's changes to them.
import { useCallback } from 'react';
import { fetchTagCadences, removeTagCadence, setTagCadence } from '../api/contacts';
import type { TagCadencesView } from '../api/contacts';
import { useLoaded } from '../components/useLoaded';
import { withCadence, withoutCadence } from './cadences';
import { useAction } from './useAction';

/** The cadences (null while loading), a load error, and the owner's actions with their state. */
export function useTagCadences(enabled: boolean): {
  cadences: TagCadencesView | null;
  error: unknown;
  busy: boolean;
  actionError: unknown;
  /** Sets a tag's cadence; resolves true once it is stored. */
  save: (tag: string, days: number) => Promise<boolean>;
  /** Removes a tag's cadence; resolves true once it is gone. */
  remove: (tag: string) => Promise<boolean>;
} {
  const { data, error, setData } = useLoaded(fetchTagCadences, enabled);
  const { busy, error: actionError, run } = useAction();

  const save = useCallback(
    (tag: string, days: number) =>
      run(async () => {
        const cadence = await setTagCadence(tag, days);
        setData((view) => view && { ...view, cadences: withCadence(view.cadences, cadence) });
      }),
    [run, setData],
  );

  const remove = useCallback(
    (tag: string) =>
      run(async () => {
        await removeTagCadence(tag);
        setData((view) => view && { ...view, cadences: withoutCadence(view.cadences, tag) });
      }),
    [run, setData],
  );

  return { cadences: data, error, busy, actionError, save, remove };
}
