// The form for a new machine: its name and the customer (company, and optionally the person
// whose Today list its alarms land on). Checked before it is sent.
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { createMachine } from '../../api/machines';
import type { MachineView } from '../../api/machines';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Field } from '../../components/Field';
import { useAction } from '../../contacts/useAction';
import { checkMachine, MAX_MACHINE_NAME_LENGTH } from '../../machines/rules';
import type { FieldProblem } from '../../machines/rules';
import { describeProblem } from '../../machines/problems';
import { CustomerPicker } from './CustomerPicker';
import type { CustomerChoice } from './CustomerPicker';
import { focusFirstInvalid } from '../../components/focus';

/** Props of NewMachineForm. */
export interface NewMachineFormProps {
  onCreated: (machine: MachineView) => void;
  onCancel: () => void;
}

/** Creates a machine for a customer. */
export function NewMachineForm({ onCreated, onCancel }: NewMachineFormProps) {
  const { t, i18n } = useTranslation('machines');
  const [name, setName] = useState('');
  const [customer, setCustomer] = useState<CustomerChoice | null>(null);
  const [errors, setErrors] = useState<Partial<Record<'name' | 'companyId', FieldProblem>>>({});
  const create = useAction();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const checked = checkMachine({
      name,
      companyId: customer?.company.id ?? null,
      contactId: customer?.contact?.id ?? null,
    });
    if (!checked.ok) {
      setErrors(checked.errors);
      focusFirstInvalid(form);
      return;
    }
    setErrors({});
    void create.run(async () => onCreated(await createMachine(checked.value)));
  };

  return (
    <section className="card stack section-card" aria-labelledby="new-machine-title">
      <h2 id="new-machine-title">{t('form.title')}</h2>
      <form className="form" noValidate onSubmit={submit} aria-labelledby="new-machine-title">
        <Field
          // The seller just asked for a new machine: its name comes first.
          autoFocus
          label={t('form.name')}
          hint={t('form.nameHint')}
          autoComplete="off"
          maxLength={MAX_MACHINE_NAME_LENGTH}
          error={errors.name ? describeProblem(errors.name, t, i18n.language) : null}
          data-testid="machine-name"
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <CustomerPicker
          value={customer}
          onChange={setCustomer}
          error={errors.companyId && !customer ? t('errors.customerRequired') : null}
        />
        <ErrorMessage
          error={create.error}
          texts={{
            invalid_company: t('errors.invalid_company'),
            invalid_contact: t('errors.invalid_contact'),
            contact_not_at_company: t('errors.contact_not_at_company'),
          }}
        />
        <div className="row">
          <button
            type="submit"
            className="primary"
            disabled={create.busy}
            data-testid="machine-create"
          >
            {t('form.create')}
          </button>
          <button type="button" onClick={onCancel}>
            {t('form.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}
