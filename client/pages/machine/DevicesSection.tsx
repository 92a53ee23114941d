// The devices of a machine: a card per device, the form for a new one, and the token of a device
// just provisioned or given a new token, shown once.
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceTokenView, DeviceView, MachineView } from '../../api/machines';
import type { DeviceId } from '../../../shared/ids';
import { AddDeviceForm } from './AddDeviceForm';
import { DeviceCard } from './DeviceCard';
import { TokenBox } from './TokenBox';

/** Props of DevicesSection. */
export interface DevicesSectionProps {
  machine: MachineView;
  now: number;
  onDeviceChanged: (device: DeviceView) => void;
  onDeviceDeleted: (deviceId: DeviceId) => void;
}

/** Lists and manages the machine's devices. */
export function DevicesSection({
  machine,
  now,
  onDeviceChanged,
  onDeviceDeleted,
}: DevicesSectionProps) {
  const { t } = useTranslation('machines');
  const [issued, setIssued] = useState<DeviceTokenView | null>(null);
  const [notice, setNotice] = useState('');
  const title = useRef<HTMLHeadingElement>(null);
  const showToken = (view: DeviceTokenView) => {
    onDeviceChanged(view.device);
    setIssued(view);
  };
  return (
    <section className="stack section-card machine-devices" aria-labelledby="devices-title">
      <h2 id="devices-title" ref={title} tabIndex={-1}>
        {t('devices.title')}
      </h2>
      <p className="muted">{t('devices.intro')}</p>
      <p className="visually-hidden" role="status">
        {notice}
      </p>
      {issued && (
        <TokenBox
          key={issued.token}
          deviceName={issued.device.name}
          token={issued.token}
          mqtt={issued.mqtt}
          onDone={() => {
            setIssued(null);
            // The box and its buttons are gone: continue at the devices.
            title.current?.focus();
          }}
        />
      )}
      {machine.devices.length === 0 && <p className="muted">{t('devices.empty')}</p>}
      {machine.devices.length > 0 && (
        <ul className="plain-list device-list">
          {machine.devices.map((device) => (
            <DeviceCard
              key={device.id}
              device={device}
              now={now}
              onChanged={onDeviceChanged}
              onRotated={(view) => {
                setNotice(t('devices.rotated', { name: view.device.name }));
                showToken(view);
              }}
              onRevoked={(revoked) => {
                // A revoked token is gone: never keep showing it.
                if (issued?.device.id === revoked.id) setIssued(null);
                onDeviceChanged({ ...revoked, active: false });
                setNotice(t('devices.revokedDone', { name: revoked.name }));
              }}
              onDeleted={(deleted) => {
                if (issued?.device.id === deleted.id) setIssued(null);
                onDeviceDeleted(deleted.id);
                setNotice(t('devices.deleted', { name: deleted.name }));
              }}
            />
          ))}
        </ul>
      )}
      <div className="card">
        <AddDeviceForm machineId={machine.id} onProvisioned={showToken} />
      </div>
    </section>
  );
}
