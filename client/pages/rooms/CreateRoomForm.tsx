// The form for a new named room: a name and, if wanted, a link of the seller's choice.
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { roomHandleSchema } from '../../../shared/limits';
import { createRoom } from '../../api/rooms';
import type { Room } from '../../api/rooms';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Field } from '../../components/Field';

// Mirrors the server's room name limit.
const MAX_ROOM_NAME_LENGTH = 80;

/** Creates a room and hands it to `onCreated`. */
export function CreateRoomForm({ onCreated }: { onCreated: (room: Room) => void }) {
  const { t } = useTranslation('accounts');
  const [name, setName] = useState('');
  const [handle, setHandle] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [handleError, setHandleError] = useState<string | null>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const wanted = handle.trim().toLowerCase();
    if (wanted && !roomHandleSchema.safeParse(wanted).success) {
      setHandleError(t('rooms.handleInvalid'));
      return;
    }
    setHandleError(null);
    setBusy(true);
    setError(null);
    try {
      const room = await createRoom(name.trim(), wanted || undefined);
      setName('');
      setHandle('');
      onCreated(room);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="form card section-card"
      aria-labelledby="create-room"
      onSubmit={(e) => void submit(e)}
    >
      <h2 id="create-room">{t('rooms.createTitle')}</h2>
      <Field
        label={t('rooms.name')}
        name="room-name"
        required
        maxLength={MAX_ROOM_NAME_LENGTH}
        value={name}
        onChange={(e) => setName(e.target.value)}
      />
      <Field
        label={t('rooms.handle')}
        hint={t('rooms.handleHint')}
        error={handleError}
        name="room-handle"
        autoCapitalize="none"
        spellCheck={false}
        maxLength={40}
        value={handle}
        onChange={(e) => setHandle(e.target.value)}
      />
      <ErrorMessage
        error={error}
        texts={{ handle_taken: t('rooms.handleTaken'), invalid: t('rooms.handleInvalid') }}
      />
      <button type="submit" className="primary" disabled={busy}>
        {t('rooms.create')}
      </button>
    </form>
  );
}
