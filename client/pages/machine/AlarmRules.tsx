// The alarm rules of one device: what each watches, a delete button, and the form for a new one.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AlarmRuleView, DeviceView } from '../../api/machines';
import { MAX_ALARM_RULES_PER_DEVICE } from '../../../shared/api/machines';
import { ErrorMessage } from '../../components/ErrorMessage';
import { LoadingNotice } from '../../components/LoadingNotice';
import { findKeyMeta, formatReading, keyLabel } from '../../machines/format';
import type { MachinesT } from '../../machines/status';
import { useAlarmRules } from '../../machines/useAlarmRules';
import { AddRuleForm } from './AddRuleForm';

/** A rule in words: "Temperature above 80 °C, hysteresis 2 °C, for at least 30 seconds". */
function describeRule(
  rule: AlarmRuleView,
  device: DeviceView,
  t: MachinesT,
  language: string,
): string {
  if (rule.kind === 'offline') return t('rules.describeOffline', { count: rule.intervals });
  const meta = findKeyMeta([device], device.id, rule.key);
  const unit = meta?.unit ?? null;
  const key = keyLabel(meta, rule.key);
  const threshold = formatReading(rule.threshold, unit, language);
  const parts = [
    rule.kind === 'above'
      ? t('rules.describeAbove', { key, threshold })
      : t('rules.describeBelow', { key, threshold }),
  ];
  if (rule.hysteresis > 0) {
    parts.push(
      t('rules.describeHysteresis', { value: formatReading(rule.hysteresis, unit, language) }),
    );
  }
  if (rule.minDurationSeconds > 0) {
    parts.push(t('rules.describeDuration', { count: rule.minDurationSeconds }));
  }
  return parts.join(', ');
}

/** Lists, adds and deletes a device's alarm rules. */
export function AlarmRules({ device }: { device: DeviceView }) {
  const { t, i18n } = useTranslation('machines');
  const { rules, loadError, busy, actionError, add, remove } = useAlarmRules(device.id);
  const [notice, setNotice] = useState('');
  return (
    <div className="stack alarm-rules">
      <h4>{t('rules.title')}</h4>
      <p className="visually-hidden" role="status">
        {notice}
      </p>
      <ErrorMessage error={loadError} />
      {!rules && !loadError && <LoadingNotice />}
      {rules && rules.length === 0 && <p className="muted">{t('rules.empty')}</p>}
      {rules && rules.length > 0 && (
        <ul className="plain-list rule-list">
          {rules.map((rule) => {
            const text = describeRule(rule, device, t, i18n.language);
            return (
              <li key={rule.id} className="row rule-item" data-testid="alarm-rule">
                <span className="grow">{text}</span>
                <button
                  type="button"
                  className="danger"
                  disabled={busy}
                  aria-label={t('rules.deleteFor', { rule: text })}
                  data-testid="rule-delete"
                  onClick={() =>
                    void remove(rule).then((ok) => setNotice(ok ? t('rules.deleted') : ''))
                  }
                >
                  {t('rules.delete')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <ErrorMessage
        error={actionError}
        texts={{
          not_found: t('errors.notFound'),
          too_many_rules: t('errors.tooManyRules', { max: MAX_ALARM_RULES_PER_DEVICE }),
        }}
      />
      {rules && (
        <AddRuleForm
          device={device}
          busy={busy}
          onAdd={async (rule) => {
            setNotice('');
            const stored = await add(rule);
            if (stored) setNotice(t('rules.added'));
            return stored;
          }}
        />
      )}
    </div>
  );
}
