// The reading keys of a device with what they mean, each editable: display name, unit, meaning.
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { setKeyMeta } from '../../api/machines';
import type { DeviceView, KeyMetaInput, KeyMetaView } from '../../api/machines';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Field } from '../../components/Field';
import { useAction } from '../../contacts/useAction';
import { keyLabel } from '../../machines/format';
import { describeProblem } from '../../machines/problems';
import { checkKeyMeta, KEY_META_LIMITS } from '../../machines/rules';
import type { FieldProblem } from '../../machines/rules';

const FIELDS = ['displayName', 'unit', 'meaning'] as const;

// The edit form of one key.
function KeyMetaForm({
  device,
  meta,
  onSaved,
  onCancel,
}: {
  device: DeviceView;
  meta: KeyMetaView;
  onSaved: (device: DeviceView) => void;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation('machines');
  const [draft, setDraft] = useState({
    displayName: meta.displayName ?? '',
    unit: meta.unit ?? '',
    meaning: meta.meaning ?? '',
  });
  const [errors, setErrors] = useState<Partial<Record<keyof KeyMetaInput, FieldProblem>>>({});
  const save = useAction();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const checked = checkKeyMeta(draft);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    void save.run(async () => onSaved(await setKeyMeta(device.id, meta.key, checked.value)));
  };
  return (
    <form
      className="stack key-form"
      noValidate
      onSubmit={submit}
      aria-label={t('keys.editFor', { key: meta.key })}
    >
      {FIELDS.map((field) => {
        const problem = errors[field];
        return (
          <Field
            key={field}
            // The seller just asked to edit: the first field comes first.
            autoFocus={field === 'displayName'}
            label={t(`keys.${field}`)}
            hint={t(`keys.${field}Hint`)}
            autoComplete="off"
            maxLength={KEY_META_LIMITS[field]}
            error={problem ? describeProblem(problem, t, i18n.language) : null}
            data-testid={`key-${field}`}
            value={draft[field]}
            onChange={(e) => setDraft({ ...draft, [field]: e.target.value })}
          />
        );
      })}
      <ErrorMessage error={save.error} />
      <div className="row">
        <button type="submit" className="primary" disabled={save.busy} data-testid="key-save">
          {t('keys.save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('keys.cancel')}
        </button>
      </div>
    </form>
  );
}

/** Lists a device's keys; each can be described. */
export function DeviceKeys({
  device,
  onChanged,
}: {
  device: DeviceView;
  onChanged: (device: DeviceView) => void;
}) {
  const { t } = useTranslation('machines');
  const [editing, setEditing] = useState<string | null>(null);
  const [notice, setNotice] = useState('');
  return (
    <div className="stack device-keys">
      <h4>{t('keys.title')}</h4>
      <p className="visually-hidden" role="status">
        {notice}
      </p>
      {device.keys.length === 0 && <p className="muted">{t('keys.none')}</p>}
      {device.keys.length > 0 && (
        <ul className="plain-list key-list">
          {device.keys.map((meta) => (
            <li key={meta.key} className="key-item" data-testid="device-key" data-key={meta.key}>
              {editing === meta.key ? (
                <KeyMetaForm
                  device={device}
                  meta={meta}
                  onCancel={() => setEditing(null)}
                  onSaved={(changed) => {
                    onChanged(changed);
                    setEditing(null);
                    setNotice(t('keys.saved', { key: meta.key }));
                  }}
                />
              ) : (
                <div className="row">
                  <span className="grow">
                    <strong>{keyLabel(meta, meta.key)}</strong>
                    {meta.unit && <span className="muted"> ({meta.unit})</span>}{' '}
                    {meta.displayName && <code className="muted">{meta.key}</code>}
                    {meta.meaning && <span className="muted key-meaning">{meta.meaning}</span>}
                  </span>
                  <button
                    type="button"
                    aria-label={t('keys.editFor', { key: keyLabel(meta, meta.key) })}
                    data-testid="key-edit"
                    onClick={() => {
                      setNotice('');
                      setEditing(meta.key);
                    }}
                  >
                    {t('keys.edit')}
                  </button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
