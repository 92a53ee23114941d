// The call: video tiles (screen shares on the stage), controls, connection state, chat, host lobby.
import { lazy, memo, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicRoom } from '../../api/lounge';
import type { LocalMedia } from '../../call/LocalMedia';
import type { LoungeSession, LoungeState, RemoteView } from '../../call/LoungeSession';
import { useStore } from '../../call/store';
import { ChatPanel } from './ChatPanel';
import { HostLobby } from './HostLobby';
import { VideoTile } from './VideoTile';

// Machine panels are lazy: guests who are never shown a machine never load uPlot.
const SharedMachinePanel = lazy(() => import('./SharedMachinePanel'));
const MachineSharePicker = lazy(() => import('./MachineSharePicker'));

/** The host's "show a machine" control: a button that opens the picker of their machines. */
function MachineShareControl({ session }: { session: LoungeSession }) {
  const { t } = useTranslation('lounge');
  const [open, setOpen] = useState(false);
  return (
    <section className="stack machine-share" aria-label={t('machine.control')}>
      {open ? (
        <Suspense fallback={<p className="muted">{t('machine.loading')}</p>}>
          <MachineSharePicker
            onShare={(id) => {
              session.shareMachine(id);
              setOpen(false);
            }}
          />
        </Suspense>
      ) : (
        <button type="button" data-testid="open-machine-share" onClick={() => setOpen(true)}>
          {t('machine.open')}
        </button>
      )}
    </section>
  );
}

function PeerStatus({ remote }: { remote: RemoteView }) {
  const { t } = useTranslation('lounge');
  return (
    <>
      <span
        className={`peer-state peer-state-${remote.connectionState}`}
        data-testid="peer-state"
        data-state={remote.connectionState}
      >
        {t(`call.peerState.${remote.connectionState}`)}
      </span>
      {!remote.media.audio && <span className="tile-flag">{t('call.muted')}</span>}
      {!remote.signalingConnected && <span className="tile-flag">{t('call.away')}</span>}
    </>
  );
}

function Controls({ media, session }: { media: LocalMedia; session: LoungeSession }) {
  const { t } = useTranslation('lounge');
  const m = useStore(media);
  const micOn = m.micOn && m.mic !== null;
  const cameraOn = m.camera !== null;
  const sharing = m.screen !== null;
  const canShare = typeof navigator !== 'undefined' && !!navigator.mediaDevices?.getDisplayMedia;
  return (
    <div className="call-controls" role="toolbar" aria-label={t('call.controls')}>
      <button
        type="button"
        data-testid="toggle-mic"
        aria-pressed={micOn}
        className={micOn ? 'control' : 'control control-off'}
        onClick={() => void session.toggleMic()}
      >
        {t('call.mic')}
      </button>
      <button
        type="button"
        data-testid="toggle-camera"
        aria-pressed={cameraOn}
        className={cameraOn ? 'control' : 'control control-off'}
        onClick={() => void session.toggleCamera()}
      >
        {t('call.camera')}
      </button>
      <button
        type="button"
        data-testid="toggle-screen"
        aria-pressed={sharing}
        className={sharing ? 'control control-active' : 'control'}
        disabled={!canShare}
        onClick={() => void session.toggleScreen()}
      >
        {t('call.screen')}
      </button>
      <button
        type="button"
        data-testid="leave"
        className="danger control"
        onClick={() => session.leave()}
      >
        {t('call.leave')}
      </button>
    </div>
  );
}

/**
 * The in-call view. Memoized: the lounge page renders it from a deferred state (see LoungePage),
 * and the urgent render in between must not redo it with the old one.
 */
export const CallView = memo(function CallView({
  state,
  room,
  media,
  session,
}: {
  state: LoungeState;
  room: PublicRoom;
  media: LocalMedia;
  session: LoungeSession;
}) {
  const { t } = useTranslation('lounge');
  const m = useStore(media);
  const selfName = state.self?.name ?? '';
  const isHost = state.self?.role === 'host' || room.isHost;

  const stage = state.remotes
    .filter((r) => r.screenStream !== null && r.media.screenStreamId !== null)
    .map((r) => (
      <VideoTile
        key={`screen-${r.peerId}`}
        kind="screen"
        name={r.name}
        caption={t('call.screenOf', { name: r.name })}
        stream={r.screenStream}
        stage
        muted
        videoOff={false}
      >
        <PeerStatus remote={r} />
      </VideoTile>
    ));

  const tiles = [
    <VideoTile
      key="self"
      kind="self"
      name={selfName}
      caption={`${selfName} (${t('call.you')})`}
      stream={m.preview}
      stage={false}
      muted
      mirrored
      videoOff={m.camera === null}
    >
      {!(m.micOn && m.mic) && <span className="tile-flag">{t('call.muted')}</span>}
    </VideoTile>,
    ...(m.screen
      ? [
          <VideoTile
            key="self-screen"
            kind="screen"
            name={selfName}
            caption={t('call.yourScreen')}
            stream={m.screen.stream}
            stage={false}
            muted
            videoOff={false}
          />,
        ]
      : []),
    ...state.remotes.map((r) => (
      <VideoTile
        key={r.peerId}
        kind="camera"
        name={r.name}
        caption={r.name}
        stream={r.cameraStream}
        stage={false}
        muted={false}
        videoOff={!r.media.video}
      >
        <PeerStatus remote={r} />
      </VideoTile>
    )),
  ];

  return (
    <section
      className="call"
      data-testid="call"
      aria-label={t('call.label', { room: state.roomName ?? room.name })}
    >
      <header className="call-header">
        <h1 className="call-title">{state.roomName ?? room.name}</h1>
        <p
          className={`connection connection-${state.status}`}
          data-testid="connection-state"
          data-state={state.status}
          role="status"
        >
          {t(`call.connection.${state.status}`)}
        </p>
      </header>
      {state.notice && (
        <div className="notice call-notice" role="alert">
          <span>{t(`errors.${state.notice}`)}</span>
          <button type="button" onClick={() => session.dismissNotice()}>
            {t('errors.dismiss')}
          </button>
        </div>
      )}
      {m.screenProblem && m.screenProblem !== 'denied' && (
        <p className="notice" role="alert">
          {t(`device.screen.${m.screenProblem}`)}
        </p>
      )}
      <div className="call-body">
        <div className={stage.length > 0 ? 'call-videos has-stage' : 'call-videos'}>
          {stage.length > 0 && <div className="call-stage">{stage}</div>}
          <div className={`call-grid call-grid-${Math.min(tiles.length, 6)}`}>{tiles}</div>
          {state.remotes.length === 0 && <p className="muted call-alone">{t('call.alone')}</p>}
          {state.sharedMachine && (
            <Suspense fallback={<p className="muted">{t('machine.loading')}</p>}>
              <SharedMachinePanel
                machine={state.sharedMachine}
                {...(isHost ? { onStop: () => session.unshareMachine() } : {})}
              />
            </Suspense>
          )}
        </div>
        <aside className="call-side">
          {isHost && (
            <HostLobby
              knocks={state.knocks}
              mode={state.mode ?? room.mode ?? 'knock'}
              roomId={room.id}
              session={session}
            />
          )}
          {isHost && <MachineShareControl session={session} />}
          <ChatPanel chat={state.chat} session={session} />
        </aside>
      </div>
      <Controls media={media} session={session} />
    </section>
  );
});
