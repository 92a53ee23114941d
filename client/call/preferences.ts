// Remembers the guest's name and device choices in localStorage, so the next visit is one click.

/** What the pre-join page remembers between visits. */
export interface LoungePreferences {
  name: string;
  cameraId: string | null;
  micId: string | null;
}

const KEY = 'nahbar.lounge';
const EMPTY: LoungePreferences = { name: '', cameraId: null, micId: null };

function text(value: unknown, max: number): string | null {
  return typeof value === 'string' && value.length <= max ? value : null;
}

/** Parses stored preferences, ignoring anything malformed (storage is user-editable). */
export function parsePreferences(raw: string | null): LoungePreferences {
  if (!raw) return { ...EMPTY };
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { ...EMPTY };
  }
  if (typeof value !== 'object' || value === null) return { ...EMPTY };
  const record = value as Record<string, unknown>;
  return {
    name: text(record.name, 60) ?? '',
    cameraId: text(record.cameraId, 500),
    micId: text(record.micId, 500),
  };
}

/** Loads the remembered preferences (empty when storage is unavailable). */
export function loadPreferences(): LoungePreferences {
  try {
    return parsePreferences(localStorage.getItem(KEY));
  } catch {
    return { ...EMPTY };
  }
}

/** Merges `patch` into the remembered preferences. */
export function savePreferences(patch: Partial<LoungePreferences>): void {
  try {
    localStorage.setItem(KEY, JSON.stringify({ ...loadPreferences(), ...patch }));
  } catch {
    // Private mode without storage: the choice still applies to this visit.
  }
}
