// Loads the seller's Today list for a page, with error state and a way to load it again.
import { fetchToday } from '../api/contacts';
import type { TodayView } from '../api/contacts';
import { useLoaded } from '../components/useLoaded';

/** The Today list (null while loading), a load error, and `reload` (after logging or snoozing). */
export function useToday(enabled: boolean): {
  today: TodayView | null;
  error: unknown;
  reload: () => Promise<void>;
} {
  const { data, error, reload } = useLoaded(fetchToday, enabled);
  return { today: data, error, reload };
}
