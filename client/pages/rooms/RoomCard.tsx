// One room on the rooms page: its link, its name, who may come in, and archiving.
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { ROOM_MODES } from '../../../shared/limits';
import type { RoomMode } from '../../../shared/limits';
import { ApiError } from '../../api/http';
import { archiveRoom, updateRoom } from '../../api/rooms';
import type { Room } from '../../api/rooms';
import { CopyButton } from '../../components/CopyButton';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Field } from '../../components/Field';

// Mirrors the server's room name limit.
const MAX_ROOM_NAME_LENGTH = 80;

/** Props of RoomCard. */
export interface RoomCardProps {
  room: Room;
  /** The room as the server now has it. */
  onChanged: (room: Room) => void;
  onArchived: (room: Room) => void;
  /** The room is gone on the server (archived elsewhere): reload the list. */
  onGone: () => void;
}

/**
 * Shows and edits one room. Name and mode are saved together with one button: applying a mode
 * on every arrow key in the radio group would pass through "open" and let waiting guests in.
 */
export function RoomCard({ room, onChanged, onArchived, onGone }: RoomCardProps) {
  const { t } = useTranslation('accounts');
  const headingId = useId();
  const [name, setName] = useState(room.name);
  const [mode, setMode] = useState<RoomMode>(room.mode);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const change = {
    ...(name.trim() !== room.name ? { name: name.trim() } : {}),
    ...(mode !== room.mode ? { mode } : {}),
  };
  const dirty = Object.keys(change).length > 0;

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setSaved(false);
    setError(null);
    try {
      await action();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'room_not_found') onGone();
      else setError(err);
    } finally {
      setBusy(false);
    }
  };

  const save = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!dirty || !name.trim()) return;
    void run(async () => {
      const updated = await updateRoom(room.id, change);
      setName(updated.name);
      setMode(updated.mode);
      onChanged(updated);
      setSaved(true);
    });
  };
  const archive = () => {
    if (!window.confirm(t('rooms.archiveConfirm', { name: room.name }))) return;
    void run(async () => {
      await archiveRoom(room.id);
      onArchived(room);
    });
  };

  return (
    <li className="card stack room-card" aria-labelledby={headingId}>
      <div className="row room-card-head">
        <h3 id={headingId}>{room.name}</h3>
        {room.personal && <span className="tag">{t('rooms.personal')}</span>}
      </div>
      <div className="link-row">
        <span className="muted">{t('rooms.link')}</span>
        <code className="room-link">{room.url}</code>
        <CopyButton text={room.url} label={t('copyLink', { ns: 'common' })} />
        <Link href={`/r/${room.handle}`} className="button">
          {t('rooms.enter')}
        </Link>
      </div>
      <form className="stack" onSubmit={save}>
        <Field
          label={t('rooms.rename')}
          name="room-name"
          required
          maxLength={MAX_ROOM_NAME_LENGTH}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <fieldset className="mode-choice">
          <legend>{t('rooms.modeLegend')}</legend>
          {ROOM_MODES.map((option) => (
            <label key={option} className="mode-option">
              <input
                type="radio"
                name={`mode-${room.id}`}
                value={option}
                checked={mode === option}
                onChange={() => setMode(option)}
              />
              <span>
                <strong>{t(`rooms.modes.${option}`)}</strong>{' '}
                <span className="muted">{t(`rooms.modes.${option}Help`)}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <div className="row">
          <button type="submit" className="primary" disabled={busy || !dirty || !name.trim()}>
            {t('rooms.saveChanges')}
          </button>
          <span role="status" className="ok">
            {saved ? t('rooms.saved') : ''}
          </span>
        </div>
      </form>
      <ErrorMessage error={error} texts={{ personal_room: t('rooms.personalCannotArchive') }} />
      {!room.personal && (
        <div className="row">
          <button type="button" className="danger" disabled={busy} onClick={archive}>
            {t('rooms.archive')}
          </button>
        </div>
      )}
    </li>
  );
}
