// The pre-join page: camera preview, level meter, device pickers, name, and the knock button.
import { useEffect, useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_NAME_LENGTH } from '../../../shared/limits';
import type { PublicRoom } from '../../api/lounge';
import { unlockAudio } from '../../call/audio';
import type { LocalMedia } from '../../call/LocalMedia';
import type { LoungeSession } from '../../call/LoungeSession';
import { loadPreferences } from '../../call/preferences';
import { useStore } from '../../call/store';
import { useSession } from '../../app/session';
import { DeviceProblems } from './DeviceProblems';
import { MicMeter } from './MicMeter';
import { StreamVideo } from './VideoTile';

type JoinMode = 'normal' | 'cameraOff' | 'listener';

/** The pre-join form; pressing the main button connects and knocks at once. */
export function PreJoin({
  room,
  media,
  session,
}: {
  room: PublicRoom;
  media: LocalMedia;
  session: LoungeSession;
}) {
  const { t } = useTranslation('lounge');
  const state = useStore(media);
  const { user } = useSession();
  // A personal link knows the guest's name; otherwise the name from the last visit.
  const [name, setName] = useState(() => room.greeting ?? loadPreferences().name);
  const [nameError, setNameError] = useState(false);
  const nameTouched = useRef(false);
  const nameRef = useRef<HTMLInputElement>(null);
  const ids = { name: useId(), camera: useId(), mic: useId(), hint: useId(), error: useId() };

  // The host's name comes from the session, which may load after the first render.
  useEffect(() => {
    if (room.isHost && user && !nameTouched.current) setName(user.name);
  }, [room.isHost, user]);

  const join = (mode: JoinMode) => {
    const trimmed = name.trim();
    if (!trimmed) {
      setNameError(true);
      nameRef.current?.focus();
      return;
    }
    // This click is the user gesture that lets the chime and remote audio play later.
    unlockAudio();
    if (mode === 'listener') media.releaseDevices();
    if (mode === 'cameraOff') void media.setCameraOn(false);
    session.join(trimmed);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    join('normal');
  };

  const hasProblem = state.cameraProblem !== null || state.micProblem !== null;
  const host = room.hostName;

  return (
    <div className="prejoin" data-testid="prejoin">
      <div className="prejoin-media">
        <div className="prejoin-video">
          <StreamVideo
            stream={state.preview}
            muted
            label={t('prejoin.preview')}
            className="mirrored"
            testId="prejoin-preview"
          />
          {!state.camera && (
            <p className="prejoin-video-off">
              {state.busy ? t('prejoin.starting') : t('prejoin.previewOff')}
            </p>
          )}
        </div>
        <MicMeter track={state.micOn ? state.mic : null} />
        <div className="row">
          <button
            type="button"
            aria-pressed={state.cameraOn && state.camera !== null}
            onClick={() => void media.setCameraOn(!(state.cameraOn && state.camera))}
          >
            {t('prejoin.cameraToggle')}
          </button>
          <button
            type="button"
            aria-pressed={state.micOn && state.mic !== null}
            onClick={() => void media.setMicOn(!(state.micOn && state.mic))}
          >
            {t('prejoin.micToggle')}
          </button>
        </div>
      </div>

      <form className="form prejoin-form" onSubmit={submit} noValidate>
        <h1>
          {room.isHost
            ? t('prejoin.hostHeading', { room: room.name })
            : room.greeting
              ? t('prejoin.greeting', { name: room.greeting })
              : t('prejoin.guestHeading', { room: room.name })}
        </h1>
        <p className="muted">
          {room.isHost ? t('prejoin.hostIntro') : t('prejoin.guestIntro', { host })}
        </p>

        {hasProblem && <DeviceProblems media={media} />}

        <div className="field">
          <label htmlFor={ids.camera}>{t('prejoin.camera')}</label>
          <select
            id={ids.camera}
            data-testid="prejoin-camera-select"
            value={state.cameraId ?? ''}
            onChange={(e) => void media.selectCamera(e.target.value)}
          >
            {state.cameras.length === 0 && <option value="">{t('prejoin.deviceDefault')}</option>}
            {state.cameras.map((d, i) => (
              <option key={d.deviceId} value={d.deviceId}>
                {d.label || t('prejoin.cameraN', { n: i + 1 })}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.mic}>{t('prejoin.microphone')}</label>
          <select
            id={ids.mic}
            data-testid="prejoin-mic-select"
            value={state.micId ?? ''}
            onChange={(e) => void media.selectMic(e.target.value)}
          >
            {state.mics.length === 0 && <option value="">{t('prejoin.deviceDefault')}</option>}
            {state.mics.map((d, i) => (
              <option key={d.deviceId} value={d.deviceId}>
                {d.label || t('prejoin.microphoneN', { n: i + 1 })}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.name}>{t('prejoin.name')}</label>
          <input
            id={ids.name}
            ref={nameRef}
            data-testid="prejoin-name"
            value={name}
            maxLength={MAX_NAME_LENGTH}
            autoComplete="name"
            required
            aria-invalid={nameError}
            aria-describedby={nameError ? `${ids.hint} ${ids.error}` : ids.hint}
            onChange={(e) => {
              nameTouched.current = true;
              setName(e.target.value);
              if (e.target.value.trim()) setNameError(false);
            }}
          />
          {!room.isHost && (
            <span id={ids.hint} className="hint">
              {t('prejoin.nameHint', { host })}
            </span>
          )}
          {nameError && (
            <span id={ids.error} className="error" role="alert">
              {t('prejoin.nameRequired')}
            </span>
          )}
        </div>
        <button type="submit" className="primary prejoin-join" data-testid="prejoin-join">
          {room.isHost ? t('prejoin.enter') : t('prejoin.knock')}
        </button>

        <fieldset className="prejoin-alternatives">
          <legend>{t('prejoin.alternatives')}</legend>
          <div className="row">
            <button
              type="button"
              data-testid="prejoin-camera-off"
              onClick={() => join('cameraOff')}
            >
              {t('prejoin.joinCameraOff')}
            </button>
            <button type="button" data-testid="prejoin-listener" onClick={() => join('listener')}>
              {t('prejoin.joinListener')}
            </button>
          </div>
        </fieldset>
      </form>
    </div>
  );
}
