// How machine data reads on screen: a key's display name and unit from its metadata, a reading
// with its unit in the UI language, and a device's place in a chart title.
import type { DeviceView, KeyMetaView, MachineView } from '../api/machines';
import type { DeviceId } from '../../shared/ids';

/** The metadata of a device key, or null when the key has none (yet). */
export function findKeyMeta(
  devices: readonly DeviceView[],
  deviceId: DeviceId,
  key: string,
): KeyMetaView | null {
  return devices.find((d) => d.id === deviceId)?.keys.find((k) => k.key === key) ?? null;
}

/** What a key of a shared machine means (its view lists keys with their devices). */
export function findSharedKeyMeta(
  keys: readonly (KeyMetaView & { deviceId: DeviceId })[],
  deviceId: DeviceId,
  key: string,
): KeyMetaView | null {
  return keys.find((k) => k.deviceId === deviceId && k.key === key) ?? null;
}

/** A key as people read it: its display name, else the key itself. */
export function keyLabel(meta: Pick<KeyMetaView, 'displayName'> | null, key: string): string {
  return meta?.displayName?.trim() || key;
}

/**
 * A reading in the UI language with its unit: "21,5 °C", "1,234.5 rpm", "45 %". Up to three
 * significant decimals, so small values (0.0042 bar) do not read as 0.
 */
export function formatReading(value: number, unit: string | null, language: string): string {
  const size = Math.abs(value);
  const digits = size === 0 || size >= 100 ? 1 : size >= 1 ? 2 : 4;
  const number = new Intl.NumberFormat(language, { maximumFractionDigits: digits }).format(value);
  // A non-breaking space keeps value and unit on one line.
  return unit ? `${number}\u00a0${unit}` : number;
}

/** The title of one chart: the key's label, and its device when the machine has several. */
export function chartTitle(
  machine: Pick<MachineView, 'devices'>,
  deviceId: DeviceId,
  key: string,
): string {
  const label = keyLabel(findKeyMeta(machine.devices, deviceId, key), key);
  if (machine.devices.length < 2) return label;
  const device = machine.devices.find((d) => d.id === deviceId);
  return device ? `${label} · ${device.name}` : label;
}

// The decimals a tick step has (0.25 → 2, 5 → 0), at most 6.
function stepDecimals(incr: number): number {
  if (!(incr > 0) || !Number.isFinite(incr)) return 2;
  for (let decimals = 0; decimals < 6; decimals++) {
    const scaled = incr * 10 ** decimals;
    if (Math.abs(scaled - Math.round(scaled)) < 1e-6 * Math.max(1, scaled)) return decimals;
  }
  return 6;
}

/** Labels of a value axis whose ticks lie `incr` apart: as many decimals as the step needs. */
export function valueTickLabels(
  splits: readonly number[],
  incr: number,
  language: string,
): string[] {
  const decimals = stepDecimals(incr);
  const format = new Intl.NumberFormat(language, {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  });
  return splits.map((value) => format.format(value));
}
