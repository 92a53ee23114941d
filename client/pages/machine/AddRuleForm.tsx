// The form for a new alarm rule of a device: above or below a limit on one of its readings
// (with hysteresis and minimum duration), or no data for a number of expected intervals.
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceView, NewAlarmRule } from '../../api/machines';
import { FieldFrame, Field } from '../../components/Field';
import { keyLabel } from '../../machines/format';
import { describeProblem } from '../../machines/problems';
import {
  checkAlarmRule,
  emptyRuleDraft,
  MAX_KEY_LENGTH,
  MAX_MIN_DURATION_SECONDS,
  MAX_OFFLINE_INTERVALS,
  RULE_KINDS,
} from '../../machines/rules';
import type { AlarmRuleDraft, AlarmRuleField, FieldProblem } from '../../machines/rules';
import { focusFirstInvalid } from '../../components/focus';

const BOUNDS: Partial<Record<AlarmRuleField, { min: number; max: number }>> = {
  minDurationSeconds: { min: 0, max: MAX_MIN_DURATION_SECONDS },
  intervals: { min: 1, max: MAX_OFFLINE_INTERVALS },
};

/** Props of AddRuleForm. */
export interface AddRuleFormProps {
  device: DeviceView;
  busy: boolean;
  /** Stores the rule; resolves true once stored. */
  onAdd: (rule: NewAlarmRule) => Promise<boolean>;
}

/** Adds an alarm rule; every field is checked before it is sent. */
export function AddRuleForm({ device, busy, onAdd }: AddRuleFormProps) {
  const { t, i18n } = useTranslation('machines');
  const titleId = useId();
  const firstKey = device.keys[0]?.key ?? '';
  const [typed, setDraft] = useState<AlarmRuleDraft>(() => emptyRuleDraft(firstKey));
  // The device's first data may bring its keys after the form opened: a chosen key must be one.
  const listed = device.keys.some((k) => k.key === typed.key);
  const draft = device.keys.length > 0 && !listed ? { ...typed, key: firstKey } : typed;
  const [errors, setErrors] = useState<Partial<Record<AlarmRuleField, FieldProblem>>>({});
  const set = (change: Partial<AlarmRuleDraft>) => setDraft((d) => ({ ...d, ...change }));
  const problem = (field: AlarmRuleField) => {
    const p = errors[field];
    return p ? describeProblem(p, t, i18n.language, BOUNDS[field]) : null;
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const checked = checkAlarmRule(draft);
    if (!checked.ok) {
      setErrors(checked.errors);
      focusFirstInvalid(form);
      return;
    }
    setErrors({});
    void onAdd(checked.value).then((stored) => {
      if (stored) setDraft(emptyRuleDraft(draft.key || firstKey));
    });
  };

  const threshold = draft.kind !== 'offline';
  return (
    <form className="stack rule-form" noValidate onSubmit={submit} aria-labelledby={titleId}>
      <h5 id={titleId}>{t('rules.addTitle')}</h5>
      <div className="form-row">
        <FieldFrame
          label={t('rules.kind')}
          control={(a11y) => (
            <select
              {...a11y}
              data-testid="rule-kind"
              value={draft.kind}
              onChange={(e) => set({ kind: e.target.value as AlarmRuleDraft['kind'] })}
            >
              {RULE_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`rules.kinds.${kind}`)}
                </option>
              ))}
            </select>
          )}
        />
        {threshold && device.keys.length > 0 && (
          <FieldFrame
            label={t('rules.key')}
            error={problem('key')}
            control={(a11y) => (
              <select
                {...a11y}
                data-testid="rule-key"
                value={draft.key}
                onChange={(e) => set({ key: e.target.value })}
              >
                {device.keys.map((meta) => (
                  <option key={meta.key} value={meta.key}>
                    {keyLabel(meta, meta.key)}
                  </option>
                ))}
              </select>
            )}
          />
        )}
        {threshold && device.keys.length === 0 && (
          <Field
            label={t('rules.key')}
            hint={t('rules.keyHint')}
            autoComplete="off"
            maxLength={MAX_KEY_LENGTH}
            error={problem('key')}
            data-testid="rule-key"
            value={draft.key}
            onChange={(e) => set({ key: e.target.value })}
          />
        )}
      </div>
      {threshold ? (
        <div className="form-row">
          <Field
            label={t('rules.threshold')}
            inputMode="decimal"
            autoComplete="off"
            maxLength={24}
            error={problem('threshold')}
            data-testid="rule-threshold"
            value={draft.threshold}
            onChange={(e) => set({ threshold: e.target.value })}
          />
          <Field
            label={t('rules.hysteresis')}
            hint={t('rules.hysteresisHint')}
            inputMode="decimal"
            autoComplete="off"
            maxLength={24}
            error={problem('hysteresis')}
            data-testid="rule-hysteresis"
            value={draft.hysteresis}
            onChange={(e) => set({ hysteresis: e.target.value })}
          />
          <Field
            label={t('rules.minDuration')}
            hint={t('rules.minDurationHint')}
            inputMode="numeric"
            autoComplete="off"
            maxLength={6}
            error={problem('minDurationSeconds')}
            data-testid="rule-min-duration"
            value={draft.minDurationSeconds}
            onChange={(e) => set({ minDurationSeconds: e.target.value })}
          />
        </div>
      ) : (
        <Field
          label={t('rules.intervals')}
          hint={t('rules.intervalsHint', { seconds: device.expectedIntervalSeconds })}
          inputMode="numeric"
          autoComplete="off"
          maxLength={4}
          error={problem('intervals')}
          data-testid="rule-intervals"
          value={draft.intervals}
          onChange={(e) => set({ intervals: e.target.value })}
        />
      )}
      <p>
        <button type="submit" disabled={busy} data-testid="rule-add">
          {t('rules.add')}
        </button>
      </p>
    </form>
  );
}
