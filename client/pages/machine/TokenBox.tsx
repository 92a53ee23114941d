// A device token, shown once: a copy box, the warning that it will not be shown again, and how
// the device uses it (MQTT or HTTP), with examples to copy.
import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { CopyButton } from '../../components/CopyButton';
import type { MqttConnectionView } from '../../api/machines';
import { deviceConnection } from '../../machines/provisioning';

/** Props of TokenBox. */
export interface TokenBoxProps {
  deviceName: string;
  token: string;
  /** How the device reaches the broker (from the server, with the token). */
  mqtt: MqttConnectionView;
  /** The seller has stored the token: the box goes away for good. */
  onDone: () => void;
}

/** Shows a freshly issued token once. */
export function TokenBox({ deviceName, token, mqtt, onDone }: TokenBoxProps) {
  const { t } = useTranslation('machines');
  const titleId = useId();
  const inputId = useId();
  const title = useRef<HTMLHeadingElement>(null);
  const how = deviceConnection(token, window.location.origin, mqtt);
  // The token is what matters now: keyboard and screen-reader users land on it.
  useEffect(() => title.current?.focus(), [token]);
  return (
    <section className="card stack token-box" aria-labelledby={titleId} data-testid="token-box">
      <h3 id={titleId} ref={title} tabIndex={-1} data-testid="token-box-title">
        {t('token.title', { name: deviceName })}
      </h3>
      <p className="notice" role="alert" data-testid="token-warning">
        {t('token.warning')}
      </p>
      <div className="field">
        <label htmlFor={inputId}>{t('token.label')}</label>
        <div className="row token-row">
          <input
            id={inputId}
            className="token-value grow"
            readOnly
            value={token}
            data-testid="device-token"
            onFocus={(e) => e.currentTarget.select()}
          />
          <CopyButton text={token} label={t('token.copy')} testId="device-token-copy" />
        </div>
      </div>
      <h4>{t('token.howTitle')}</h4>
      <ul className="token-how">
        <li>
          {t(how.username === null ? 'token.mqttExternal' : 'token.mqtt', {
            host: how.mqttHost,
            port: how.mqttPort,
            topic: how.topic,
          })}{' '}
          <span className="muted">{t('token.mqttHostHint')}</span>
        </li>
        <li>{t('token.http', { url: how.httpUrl })}</li>
        <li>{t('token.payload', { example: how.examplePayload })}</li>
      </ul>
      <details>
        <summary>{t('token.mqttExample')}</summary>
        <pre className="token-example">
          <code>{how.mqttCommand}</code>
        </pre>
        <CopyButton text={how.mqttCommand} label={t('token.copyExample')} />
      </details>
      <details>
        <summary>{t('token.httpExample')}</summary>
        <pre className="token-example">
          <code>{how.httpCommand}</code>
        </pre>
        <CopyButton text={how.httpCommand} label={t('token.copyExample')} />
      </details>
      <p>
        <button type="button" className="primary" data-testid="token-done" onClick={onDone}>
          {t('token.done')}
        </button>
      </p>
    </section>
  );
}
