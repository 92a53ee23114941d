// Loads one machine with its alarms for the machine page, refreshed every minute so that the
// server's verdict on "offline" and new alarms show up without a reload.
import { useCallback, useEffect, useState } from 'react';
import { fetchMachine, fetchMachineAlarms } from '../api/machines';
import type { AlarmView, DeviceView, MachineView } from '../api/machines';
import type { DeviceId, MachineId } from '../../shared/ids';

/** How often the machine page asks for the machine's status and alarms again. */
export const MACHINE_REFRESH_MS = 60_000;

interface Loaded {
  id: MachineId;
  machine: MachineView | null;
  alarms: AlarmView[] | null;
  error: unknown;
}

/** The machine (null while loading), its alarms, a load error, and ways to change what shows. */
export function useMachine(
  id: MachineId,
  enabled: boolean,
): {
  machine: MachineView | null;
  alarms: AlarmView[] | null;
  error: unknown;
  reload: () => Promise<void>;
  replaceDevice: (device: DeviceView) => void;
  removeDevice: (deviceId: DeviceId) => void;
} {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const load = useCallback(
    async (signal?: AbortSignal) => {
      try {
        const [machine, alarms] = await Promise.all([
          fetchMachine(id, signal),
          fetchMachineAlarms(id, signal),
        ]);
        setLoaded({ id, machine, alarms, error: null });
      } catch (error) {
        if (signal?.aborted) return;
        // A failed refresh keeps what is on screen and says so.
        setLoaded((prev) =>
          prev?.id === id ? { ...prev, error } : { id, machine: null, alarms: null, error },
        );
      }
    },
    [id],
  );
  useEffect(() => {
    if (!enabled) return;
    const abort = new AbortController();
    void load(abort.signal);
    const timer = setInterval(() => void load(abort.signal), MACHINE_REFRESH_MS);
    return () => {
      clearInterval(timer);
      abort.abort();
    };
  }, [enabled, load]);
  const reload = useCallback(() => load(), [load]);
  const replaceDevice = useCallback(
    (device: DeviceView) =>
      setLoaded((prev) => {
        if (!prev?.machine) return prev;
        const devices = prev.machine.devices.some((d) => d.id === device.id)
          ? prev.machine.devices.map((d) => (d.id === device.id ? device : d))
          : [...prev.machine.devices, device];
        return { ...prev, machine: { ...prev.machine, devices } };
      }),
    [],
  );
  const removeDevice = useCallback(
    (deviceId: DeviceId) =>
      setLoaded((prev) =>
        prev?.machine
          ? {
              ...prev,
              machine: {
                ...prev.machine,
                devices: prev.machine.devices.filter((d) => d.id !== deviceId),
              },
            }
          : prev,
      ),
    [],
  );
  const current = loaded?.id === id ? loaded : null;
  return {
    machine: current?.machine ?? null,
    alarms: current?.alarms ?? null,
    error: current?.error ?? null,
    reload,
    replaceDevice,
    removeDevice,
  };
}
