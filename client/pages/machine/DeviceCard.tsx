// One device of a machine: how often it sends and when it last did, its readings and their
// meaning, its alarm rules, and its token (new token, revoke) and deletion, each confirmed first.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { deleteDevice, revokeDeviceToken, rotateDeviceToken } from '../../api/machines';
import type { DeviceTokenView, DeviceView } from '../../api/machines';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useAction } from '../../contacts/useAction';
import { formatSince } from '../../machines/status';
import { AlarmRules } from './AlarmRules';
import { DeviceKeys } from './DeviceKeys';

type Confirming = 'rotate' | 'revoke' | 'delete' | null;

/** Props of DeviceCard. */
export interface DeviceCardProps {
  device: DeviceView;
  now: number;
  onChanged: (device: DeviceView) => void;
  /** A new token was issued: show it once. */
  onRotated: (issued: DeviceTokenView) => void;
  onRevoked: (device: DeviceView) => void;
  onDeleted: (device: DeviceView) => void;
}

/** Shows and manages one device. */
export function DeviceCard({
  device,
  now,
  onChanged,
  onRotated,
  onRevoked,
  onDeleted,
}: DeviceCardProps) {
  const { t, i18n } = useTranslation('machines');
  const titleId = useId();
  const [confirming, setConfirming] = useState<Confirming>(null);
  const action = useAction();
  const name = device.name;

  const confirm = () => {
    const what = confirming;
    void action
      .run(async () => {
        if (what === 'rotate') onRotated(await rotateDeviceToken(device.id));
        if (what === 'revoke') {
          await revokeDeviceToken(device.id);
          onRevoked(device);
        }
        if (what === 'delete') {
          await deleteDevice(device.id);
          onDeleted(device);
        }
      })
      .then(() => setConfirming(null));
  };
  const dialog = confirming
    ? {
        title: t(`devices.${confirming}Title`, { name }),
        text: t(`devices.${confirming}Text`),
        confirmLabel: t(`devices.${confirming}Confirm`),
      }
    : { title: '', text: '', confirmLabel: '' };

  return (
    <li className="card stack device-card" aria-labelledby={titleId} data-testid="device-card">
      <div className="stack device-head">
        <h3 id={titleId}>{name}</h3>
        <p className="muted">
          {t('devices.every', { count: device.expectedIntervalSeconds })}
          {' · '}
          <span data-testid="device-last-seen">
            {device.lastSeenAt === null
              ? t('devices.neverSeen')
              : t('devices.lastSeen', { time: formatSince(device.lastSeenAt, now, i18n.language) })}
          </span>
          {device.rejectedCount > 0 && (
            <>
              {' · '}
              {t('devices.rejected', { count: device.rejectedCount })}
            </>
          )}
        </p>
        {!device.active && (
          <p className="notice" data-testid="device-revoked">
            {t('devices.revoked')}
          </p>
        )}
      </div>
      <DeviceKeys device={device} onChanged={onChanged} />
      <AlarmRules device={device} />
      <div className="row device-actions">
        <button
          type="button"
          aria-label={t('devices.rotateFor', { name })}
          data-testid="device-rotate"
          onClick={() => setConfirming('rotate')}
        >
          {t('devices.rotate')}
        </button>
        {device.active && (
          <button
            type="button"
            className="danger"
            aria-label={t('devices.revokeFor', { name })}
            data-testid="device-revoke"
            onClick={() => setConfirming('revoke')}
          >
            {t('devices.revoke')}
          </button>
        )}
        <button
          type="button"
          className="danger"
          aria-label={t('devices.deleteFor', { name })}
          data-testid="device-delete"
          onClick={() => setConfirming('delete')}
        >
          {t('devices.delete')}
        </button>
      </div>
      <ErrorMessage error={action.error} />
      <ConfirmDialog
        open={confirming !== null}
        title={dialog.title}
        text={dialog.text}
        confirmLabel={dialog.confirmLabel}
        cancelLabel={t('devices.cancel')}
        busy={action.busy}
        confirmTestId="device-confirm"
        onConfirm={confirm}
        onCancel={() => setConfirming(null)}
      />
    </li>
  );
}
