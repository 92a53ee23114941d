// The seller's booking setup for the settings page: their settings and meeting types, and the
// changes to them, each updating the page's copy with what the server stored.
import { useCallback } from 'react';
import {
  createMeetingType,
  deleteMeetingType,
  fetchBookingSettings,
  fetchMeetingTypes,
  saveBookingSettings,
  updateMeetingType,
} from '../api/booking';
import type { BookingSettingsView, MeetingTypeView } from '../api/booking';
import type { BookingSettingsInput, MeetingTypeInput } from '../../shared/booking';
import type { MeetingTypeId } from '../../shared/ids';
import { useLoaded } from '../components/useLoaded';

async function loadSetup(
  signal?: AbortSignal,
): Promise<{ settings: BookingSettingsView; types: MeetingTypeView[] }> {
  const [settings, types] = await Promise.all([
    fetchBookingSettings(signal),
    fetchMeetingTypes(signal),
  ]);
  return { settings, types };
}

/** Meeting types in page order. */
export function sortMeetingTypes(types: readonly MeetingTypeView[]): MeetingTypeView[] {
  return [...types].sort((a, b) => a.position - b.position || a.name.localeCompare(b.name));
}

/** The setup (null while loading), a load error, and the changes; each throws what the API throws. */
export function useBookingSetup(enabled: boolean): {
  settings: BookingSettingsView | null;
  types: MeetingTypeView[] | null;
  error: unknown;
  saveSettings: (input: BookingSettingsInput) => Promise<BookingSettingsView>;
  saveType: (id: MeetingTypeId | null, input: MeetingTypeInput) => Promise<MeetingTypeView>;
  removeType: (id: MeetingTypeId) => Promise<void>;
} {
  const { data, error, setData } = useLoaded(loadSetup, enabled);

  const saveSettings = useCallback(
    async (input: BookingSettingsInput) => {
      const settings = await saveBookingSettings(input);
      setData((setup) => setup && { ...setup, settings });
      return settings;
    },
    [setData],
  );

  const saveType = useCallback(
    async (id: MeetingTypeId | null, input: MeetingTypeInput) => {
      const saved =
        id === null ? await createMeetingType(input) : await updateMeetingType(id, input);
      setData(
        (setup) =>
          setup && {
            ...setup,
            types: sortMeetingTypes([...setup.types.filter((type) => type.id !== saved.id), saved]),
          },
      );
      return saved;
    },
    [setData],
  );

  const removeType = useCallback(
    async (id: MeetingTypeId) => {
      await deleteMeetingType(id);
      setData(
        (setup) => setup && { ...setup, types: setup.types.filter((type) => type.id !== id) },
      );
    },
    [setData],
  );

  return {
    settings: data?.settings ?? null,
    types: data ? sortMeetingTypes(data.types) : null,
    error,
    saveSettings,
    saveType,
    removeType,
  };
}
