// A machine's chart data: every key of every device over a range, each series downsampled.
import { CHART_RANGES, MAX_CHART_POINTS } from '../../shared/api/machines.js';
import type { ChartRange, MachineSeriesView } from '../../shared/api/machines.js';
import type { MachineRecord } from '../machines/machine.repository.js';
import { loadChartSeries } from './series.js';
import type { TelemetryStore } from './store.js';

/** The window a chart range shows, ending at `end` (now, or a moment to look at, e.g. an alarm). */
export function rangeWindow(range: ChartRange, end: number): { from: number; to: number } {
  return { from: end - CHART_RANGES[range], to: end };
}

/** Loads every series of a machine in [from, to]. */
export async function loadMachineSeries(
  store: TelemetryStore,
  machine: MachineRecord,
  window: { from: number; to: number },
): Promise<MachineSeriesView> {
  const series = await Promise.all(
    machine.devices.flatMap((device) =>
      device.keys.map(async (k) => ({
        deviceId: device.row.id,
        key: k.key,
        points: [
          ...(await loadChartSeries(store, {
            deviceId: device.row.id,
            key: k.key,
            ...window,
            maxPoints: MAX_CHART_POINTS,
          })),
        ],
      })),
    ),
  );
  return { machineId: machine.row.id, ...window, series };
}
