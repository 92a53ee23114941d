// The host's lobby panel: every waiting guest with admit, hold and reject; the room mode; and the
// switch for desktop notifications.
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_HOLD_MESSAGE_LENGTH, ROOM_MODES } from '../../../shared/limits';
import type { RoomMode } from '../../../shared/limits';
import type { KnockInfo } from '../../../shared/protocol/signaling';
import { updateRoomMode } from '../../api/lounge';
import { notificationAccess, requestNotificationAccess } from '../../call/alerts';
import type { NotificationAccess } from '../../call/alerts';
import { formatWait } from '../../call/knockAlerts';
import type { LoungeSession } from '../../call/LoungeSession';
import { useNow } from './hooks';

/** A booked meeting's start: the time today, else the date and time. */
function bookedTime(startsAt: number, now: number, language: string): string {
  const sameDay = new Date(startsAt).toDateString() === new Date(now).toDateString();
  return new Intl.DateTimeFormat(language, {
    ...(sameDay ? {} : { weekday: 'short', day: 'numeric', month: 'short' }),
    hour: '2-digit',
    minute: '2-digit',
  }).format(startsAt);
}

function KnockItem({
  knock,
  now,
  session,
}: {
  knock: KnockInfo;
  now: number;
  session: LoungeSession;
}) {
  const { t, i18n } = useTranslation('lounge');
  const [holding, setHolding] = useState(false);
  const [message, setMessage] = useState(() => t('host.holdDefault'));
  const inputId = useId();
  const sendHold = (event: FormEvent) => {
    event.preventDefault();
    const text = message.trim();
    if (!text) return;
    session.hold(knock.knockId, text);
    setHolding(false);
  };
  return (
    <li className="knock" data-testid="knock" data-knock-name={knock.name}>
      <div className="knock-who">
        <strong>{knock.name}</strong>
        {knock.company && (
          <span className="knock-company" data-testid="knock-company">
            {knock.company}
          </span>
        )}
        {knock.booking && (
          <span className="knock-booking" data-testid="knock-booking">
            {t('host.booked', {
              type: knock.booking.meetingType,
              time: bookedTime(knock.booking.startsAt, now, i18n.language),
            })}
          </span>
        )}
        <span className="muted">
          {t('host.waitingFor', { time: formatWait(now - knock.knockedAt) })}
        </span>
        {knock.heldMessage !== null && (
          <span className="muted">{t('host.held', { message: knock.heldMessage })}</span>
        )}
      </div>
      <div className="row">
        <button
          type="button"
          className="primary"
          data-testid="admit"
          onClick={() => session.admit(knock.knockId)}
        >
          {t('host.admit')}
        </button>
        <button
          type="button"
          data-testid="hold"
          aria-expanded={holding}
          onClick={() => setHolding((h) => !h)}
        >
          {t('host.hold')}
        </button>
        <button
          type="button"
          className="danger"
          data-testid="reject"
          onClick={() => session.reject(knock.knockId)}
        >
          {t('host.reject')}
        </button>
      </div>
      {holding && (
        <form className="row knock-hold" onSubmit={sendHold}>
          <label htmlFor={inputId} className="visually-hidden">
            {t('host.holdMessage', { name: knock.name })}
          </label>
          <input
            id={inputId}
            data-testid="hold-message"
            value={message}
            maxLength={MAX_HOLD_MESSAGE_LENGTH}
            onChange={(e) => setMessage(e.target.value)}
          />
          <button type="submit" data-testid="hold-send">
            {t('host.holdSend')}
          </button>
        </form>
      )}
    </li>
  );
}

function ModeSelect({
  roomId,
  mode,
  session,
}: {
  roomId: string | undefined;
  mode: RoomMode;
  session: LoungeSession;
}) {
  const { t } = useTranslation('lounge');
  const id = useId();
  const hintId = useId();
  const [failed, setFailed] = useState(false);
  const [saving, setSaving] = useState(false);
  const change = async (next: RoomMode) => {
    if (!roomId) return;
    setSaving(true);
    setFailed(false);
    try {
      session.setMode(await updateRoomMode(roomId, next));
    } catch {
      setFailed(true);
    } finally {
      setSaving(false);
    }
  };
  return (
    <div className="field">
      <label htmlFor={id}>{t('host.mode')}</label>
      <select
        id={id}
        data-testid="mode-select"
        aria-describedby={hintId}
        value={mode}
        disabled={saving || !roomId}
        onChange={(e) => void change(e.target.value as RoomMode)}
      >
        {ROOM_MODES.map((m) => (
          <option key={m} value={m}>
            {t(`host.modes.${m}`)}
          </option>
        ))}
      </select>
      <span id={hintId} className="hint">
        {t(`host.modeHints.${mode}`)}
      </span>
      {failed && (
        <span className="error" role="alert">
          {t('host.modeFailed')}
        </span>
      )}
    </div>
  );
}

function NotificationSwitch() {
  const { t } = useTranslation('lounge');
  const [access, setAccess] = useState<NotificationAccess>(() => notificationAccess());
  if (access === 'granted' || access === 'unsupported') return null;
  if (access === 'denied') return <p className="muted small">{t('host.notifyDenied')}</p>;
  return (
    <button type="button" onClick={() => void requestNotificationAccess().then(setAccess)}>
      {t('host.notifyEnable')}
    </button>
  );
}

/** The lobby panel shown to the host inside the call view. */
export function HostLobby({
  knocks,
  mode,
  roomId,
  session,
}: {
  knocks: KnockInfo[];
  mode: RoomMode;
  roomId: string | undefined;
  session: LoungeSession;
}) {
  const { t } = useTranslation('lounge');
  const now = useNow(1000);
  const headingId = useId();
  return (
    <section className="host-lobby card stack" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {t('host.lobby')}
        {knocks.length > 0 && <span className="badge">{knocks.length}</span>}
      </h2>
      {knocks.length === 0 ? (
        <p className="muted">{t('host.nobody')}</p>
      ) : (
        <ul className="knocks" aria-live="polite">
          {knocks.map((knock) => (
            <KnockItem key={knock.knockId} knock={knock} now={now} session={session} />
          ))}
        </ul>
      )}
      <ModeSelect roomId={roomId} mode={mode} session={session} />
      <NotificationSwitch />
    </section>
  );
}
