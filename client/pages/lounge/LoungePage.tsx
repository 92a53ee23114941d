// The lounge page at /r/<handle>: the guest's entry (loaded eagerly) and the host's call room.
// It picks the view by phase; all logic lives in client/call.
// First, so that zod parses without compiling before any schema of the page is built.
import '../../call/jitless';
import { useDeferredValue, useEffect, useLayoutEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicRoom } from '../../api/lounge';
import { alertKnocks } from '../../call/alerts';
import { titleWithBadge } from '../../call/knockAlerts';
import type { LoungeSession } from '../../call/LoungeSession';
import { readPersonalLink } from '../../call/personalLink';
import type { LoungePhase } from '../../call/phase';
import { useStore } from '../../call/store';
import { Layout } from '../../components/Layout';
import '../../styles/lounge.css';
import { CallView } from './CallView';
import { useLoungeSession, usePublicRoom } from './hooks';
import { LobbyView } from './LobbyView';
import { PreJoin } from './PreJoin';

function RoomNotFound() {
  const { t } = useTranslation('lounge');
  return (
    <Layout nav={false}>
      <div className="lobby card stack" data-testid="room-not-found" role="alert">
        <h1>{t('notFound.title')}</h1>
        <p>{t('notFound.text')}</p>
        <p>{t('notFound.todo')}</p>
      </div>
    </Layout>
  );
}

/** Keeps the tab title on the room name, with a `(N)` badge while guests knock. */
function useTabTitle(roomName: string, pending: number): void {
  const { t } = useTranslation('lounge');
  const base = t('pageTitle', { room: roomName });
  useEffect(() => {
    document.title = titleWithBadge(base, pending);
  }, [base, pending]);
  useEffect(() => {
    const previous = document.title;
    return () => {
      document.title = previous;
    };
  }, []);
}

/** Chimes and notifies for each new knock, in the current language. */
function useKnockAlerts(session: LoungeSession, roomName: string): void {
  const { t } = useTranslation('lounge');
  useEffect(() => {
    session.setKnockAlert((knocks) =>
      alertKnocks(knocks, (knock) => ({
        title: t('host.knockTitle', { name: knock.name }),
        body: t('host.knockBody', { room: roomName }),
      })),
    );
  }, [session, roomName, t]);
}

/** Starts each view (pre-join, lobby, call) at the top, as a new page would. */
function useScrollTopOn(view: string): void {
  useLayoutEffect(() => {
    window.scrollTo(0, 0);
  }, [view]);
}

function Lounge({ room, link }: { room: PublicRoom; link: string | null }) {
  const { media, session } = useLoungeSession(room.handle, link);
  const state = useStore(session);
  const roomName = state.roomName ?? room.name;
  useTabTitle(roomName, state.knocks.length);
  useKnockAlerts(session, roomName);
  // The call view renders from a deferred copy of the state. Someone joining makes both pages
  // re-render (the guest mounts the whole call view, the host adds a tile and updates its lobby)
  // exactly while the first offer and answer are on their way; rendered in the background, React
  // builds it in small slices between the connection's events instead of holding each of them up
  // for tens of milliseconds. Meanwhile the previous view stays on screen.
  const shown = useDeferredValue(state);
  const inCall = state.phase.kind === 'call' && shown.phase.kind === 'call';
  useScrollTopOn(inCall ? 'call' : state.phase.kind === 'prejoin' ? 'prejoin' : 'lobby');

  if (state.phase.kind === 'prejoin') {
    return (
      <Layout nav={room.isHost}>
        <PreJoin room={room} media={media} session={session} />
      </Layout>
    );
  }
  if (inCall) {
    return (
      <div className="lounge-call-frame">
        <main id="main">
          <CallView state={shown} room={room} media={media} session={session} />
        </main>
      </div>
    );
  }
  // While the call view is still being built, the lobby keeps showing where the page came from.
  const lobbyPhase = state.phase.kind !== 'call' ? state.phase : shown.phase;
  return (
    <Layout nav={room.isHost}>
      <LobbyView
        phase={
          lobbyPhase.kind === 'prejoin' || lobbyPhase.kind === 'call' ? CONNECTING : lobbyPhase
        }
        room={room}
        media={media}
        session={session}
      />
    </Layout>
  );
}

const CONNECTING: LoungePhase = { kind: 'connecting' };

/** The lounge page. */
export function LoungePage({ handle }: { handle: string }) {
  const { t } = useTranslation('lounge');
  // Read once: the link's token stays the same for the life of the page.
  const [link] = useState(() => readPersonalLink(location.search));
  const load = usePublicRoom(handle, link);
  if (load.status === 'notFound') return <RoomNotFound />;
  if (load.status === 'error') {
    return (
      <Layout nav={false}>
        <div className="lobby card stack" role="alert">
          <p>{t('loadFailed')}</p>
          <div className="row">
            <button type="button" onClick={() => location.reload()}>
              {t('reload')}
            </button>
          </div>
        </div>
      </Layout>
    );
  }
  if (load.status === 'loading') {
    return (
      <Layout nav={false}>
        <p className="page-loading" role="status">
          {t('loadingRoom')}
        </p>
      </Layout>
    );
  }
  return <Lounge key={handle} room={load.room} link={link} />;
}
