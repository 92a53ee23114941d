// What a guest sees between knocking and the call, and at the ends: waiting, held, turned away,
// full, locked, failed, and after leaving.
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicRoom } from '../../api/lounge';
import type { LocalMedia } from '../../call/LocalMedia';
import type { LoungeSession } from '../../call/LoungeSession';
import type { LoungePhase } from '../../call/phase';
import { useStore } from '../../call/store';
import { StreamVideo } from './VideoTile';

function Preview({ media }: { media: LocalMedia }) {
  const { t } = useTranslation('lounge');
  const { preview } = useStore(media);
  if (!preview) return null;
  return (
    <div className="lobby-preview">
      <StreamVideo stream={preview} muted label={t('prejoin.preview')} className="mirrored" />
    </div>
  );
}

/** Lays out its text without showing it (and hidden from assistive technology). */
const UNSEEN: CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  overflow: 'hidden',
  clipPath: 'inset(50%)',
  pointerEvents: 'none',
};

/**
 * Text in the type styles that only the call view uses, laid out unseen while the guest waits.
 * The first use of a font size makes Chromium on Linux fetch that font from the browser process
 * synchronously (fontconfig): 2-16 ms each, up to 45 ms in all when the call view first appeared,
 * right during the first offer and answer. Mirrors the call view's classes, so it follows
 * lounge.css.
 */
function CallFonts() {
  return (
    <div aria-hidden="true" style={UNSEEN}>
      <h1 className="call-title">Aa</h1>
      <p className="connection connection-connecting">Aa</p>
      <div className="tile-caption">
        <span className="tile-name">Aa</span>
        <span className="peer-state">Aa</span>
        <span className="peer-state peer-state-connected">Aa</span>
      </div>
    </div>
  );
}

/** The lobby and end screens, chosen by phase. */
export function LobbyView({
  phase,
  room,
  media,
  session,
}: {
  phase: LoungePhase;
  room: PublicRoom;
  media: LocalMedia;
  session: LoungeSession;
}) {
  const { t } = useTranslation('lounge');
  const host = room.hostName;
  const cancel = (
    <button type="button" onClick={() => session.leave()}>
      {t('lobby.cancel')}
    </button>
  );
  const again = (
    <button type="button" className="primary" onClick={() => session.rejoin()}>
      {t('lobby.tryAgain')}
    </button>
  );

  switch (phase.kind) {
    case 'connecting':
      return (
        <div className="lobby card stack" role="status">
          <p>{t('lobby.connecting')}</p>
          <Preview media={media} />
        </div>
      );
    case 'waiting':
      return (
        <div className="lobby card stack" data-testid="lobby-waiting">
          <h1>{t('lobby.waitingTitle')}</h1>
          <p role="status">
            <span className="lobby-pulse" aria-hidden="true" />
            {t('lobby.waitingText', { host })}
          </p>
          <Preview media={media} />
          <div className="row">{cancel}</div>
          <CallFonts />
        </div>
      );
    case 'held':
      return (
        <div className="lobby card stack" data-testid="lobby-waiting">
          <h1>{t('lobby.heldTitle')}</h1>
          <p>{t('lobby.heldIntro', { host })}</p>
          <blockquote className="lobby-held" data-testid="lobby-held-message" role="status">
            {phase.message}
          </blockquote>
          <Preview media={media} />
          <div className="row">{cancel}</div>
          <CallFonts />
        </div>
      );
    case 'rejected':
      return (
        <div className="lobby card stack" data-testid="lobby-rejected" role="alert">
          <h1>{t('lobby.rejectedTitle')}</h1>
          <p>{t('lobby.rejectedText', { host })}</p>
        </div>
      );
    case 'full':
      return (
        <div className="lobby card stack" data-testid="room-full" role="alert">
          <h1>{t('lobby.fullTitle')}</h1>
          <p>{t('lobby.fullText', { host })}</p>
          <div className="row">{again}</div>
        </div>
      );
    case 'locked':
      return (
        <div className="lobby card stack" data-testid="room-locked" role="alert">
          <h1>{t('lobby.lockedTitle')}</h1>
          <p>{t('lobby.lockedText', { host })}</p>
          <div className="row">{again}</div>
        </div>
      );
    case 'failed':
      return (
        <div className="lobby card stack" data-testid="lobby-failed" role="alert">
          <h1>{t('lobby.failedTitle')}</h1>
          <p>{t(`errors.${phase.code}`)}</p>
          <div className="row">{again}</div>
        </div>
      );
    case 'left':
      return (
        <div className="lobby card stack" data-testid="left">
          <h1>{t('lobby.leftTitle')}</h1>
          <p>{t('lobby.leftText')}</p>
          <div className="row">
            <button type="button" className="primary" onClick={() => session.rejoin()}>
              {t('lobby.rejoin')}
            </button>
          </div>
        </div>
      );
    default:
      return null;
  }
}
