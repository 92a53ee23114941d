// Provisioning a device: a name and how often it sends; the token comes back once.
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DEFAULT_EXPECTED_INTERVAL_SECONDS,
  MAX_EXPECTED_INTERVAL_SECONDS,
} from '../../../shared/api/machines';
import { provisionDevice } from '../../api/machines';
import type { DeviceTokenView } from '../../api/machines';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Field } from '../../components/Field';
import { useAction } from '../../contacts/useAction';
import { describeProblem } from '../../machines/problems';
import { checkDevice, MAX_MACHINE_NAME_LENGTH } from '../../machines/rules';
import type { DeviceDraft, FieldProblem } from '../../machines/rules';
import type { MachineId } from '../../../shared/ids';
import { focusFirstInvalid } from '../../components/focus';

/** Adds a device to a machine; `onProvisioned` gets the device with its one-time token. */
export function AddDeviceForm({
  machineId,
  onProvisioned,
}: {
  machineId: MachineId;
  onProvisioned: (issued: DeviceTokenView) => void;
}) {
  const { t, i18n } = useTranslation('machines');
  const empty = { name: '', expectedIntervalSeconds: String(DEFAULT_EXPECTED_INTERVAL_SECONDS) };
  const [draft, setDraft] = useState<DeviceDraft>(empty);
  const [errors, setErrors] = useState<Partial<Record<keyof DeviceDraft, FieldProblem>>>({});
  const add = useAction();
  const problem = (field: keyof DeviceDraft) => {
    const p = errors[field];
    if (!p) return null;
    return describeProblem(p, t, i18n.language, { min: 1, max: MAX_EXPECTED_INTERVAL_SECONDS });
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const checked = checkDevice(draft);
    if (!checked.ok) {
      setErrors(checked.errors);
      focusFirstInvalid(form);
      return;
    }
    setErrors({});
    void add.run(async () => {
      onProvisioned(await provisionDevice(machineId, checked.value));
      setDraft(empty);
    });
  };

  return (
    <form
      className="stack add-device"
      noValidate
      onSubmit={submit}
      aria-labelledby="add-device-title"
    >
      <h3 id="add-device-title">{t('devices.addTitle')}</h3>
      <div className="form-row">
        <Field
          label={t('devices.name')}
          hint={t('devices.nameHint')}
          autoComplete="off"
          maxLength={MAX_MACHINE_NAME_LENGTH}
          error={problem('name')}
          data-testid="device-name"
          value={draft.name}
          onChange={(e) => setDraft({ ...draft, name: e.target.value })}
        />
        <Field
          label={t('devices.interval')}
          hint={t('devices.intervalHint')}
          inputMode="numeric"
          autoComplete="off"
          maxLength={6}
          error={problem('expectedIntervalSeconds')}
          data-testid="device-interval"
          value={draft.expectedIntervalSeconds}
          onChange={(e) => setDraft({ ...draft, expectedIntervalSeconds: e.target.value })}
        />
      </div>
      <ErrorMessage error={add.error} />
      <p>
        <button type="submit" className="primary" disabled={add.busy} data-testid="device-add">
          {t('devices.add')}
        </button>
      </p>
    </form>
  );
}
