// The alarm rules of one device: loaded with the device's card, added and deleted in place.
import { useCallback } from 'react';
import { createAlarmRule, deleteAlarmRule, fetchAlarmRules } from '../api/machines';
import type { AlarmRuleView, NewAlarmRule } from '../api/machines';
import type { DeviceId } from '../../shared/ids';
import { useLoaded } from '../components/useLoaded';
import { useAction } from '../contacts/useAction';

/** The device's rules (null while loading), errors, and add/remove that resolve true on success. */
export function useAlarmRules(deviceId: DeviceId): {
  rules: AlarmRuleView[] | null;
  loadError: unknown;
  busy: boolean;
  actionError: unknown;
  add: (rule: NewAlarmRule) => Promise<boolean>;
  remove: (rule: AlarmRuleView) => Promise<boolean>;
} {
  const load = useCallback((signal?: AbortSignal) => fetchAlarmRules(deviceId, signal), [deviceId]);
  const { data, error, setData } = useLoaded(load, true);
  const action = useAction();
  const { run } = action;
  const add = useCallback(
    (rule: NewAlarmRule) =>
      run(async () => {
        const created = await createAlarmRule(deviceId, rule);
        setData((rules) => [...(rules ?? []), created]);
      }),
    [run, deviceId, setData],
  );
  const remove = useCallback(
    (rule: AlarmRuleView) =>
      run(async () => {
        await deleteAlarmRule(rule.id);
        setData((rules) => (rules ?? []).filter((r) => r.id !== rule.id));
      }),
    [run, setData],
  );
  return {
    rules: data,
    loadError: error,
    busy: action.busy,
    actionError: action.error,
    add,
    remove,
  };
}
