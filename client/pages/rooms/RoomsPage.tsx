// The seller's rooms: create named rooms, rename them, choose who may come in, archive them.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Room } from '../../api/rooms';
import { useRequiredUser } from '../../app/session';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Layout } from '../../components/Layout';
import { LoadingNotice } from '../../components/LoadingNotice';
import { useRooms } from '../../components/useRooms';
import { CreateRoomForm } from './CreateRoomForm';
import { RoomCard } from './RoomCard';

/** The rooms page; anonymous visitors are sent to sign in. */
export default function RoomsPage() {
  const { t } = useTranslation('accounts');
  const user = useRequiredUser();
  const { rooms, error, reload, setRooms } = useRooms(user !== null);
  const [notice, setNotice] = useState<string | null>(null);
  if (!user) return <LoadingNotice />;

  const replace = (changed: Room) =>
    setRooms((list) => list && list.map((room) => (room.id === changed.id ? changed : room)));

  return (
    <Layout title={t('rooms.title')}>
      <div className="stack">
        <p>{t('rooms.intro')}</p>
        <p className="visually-hidden" role="status">
          {notice}
        </p>
        <CreateRoomForm
          onCreated={(room) => {
            setRooms((list) => [...(list ?? []), room]);
            setNotice(t('rooms.created', { name: room.name }));
          }}
        />
        <section className="stack" aria-labelledby="room-list">
          <h2 id="room-list">{t('rooms.listTitle')}</h2>
          <ErrorMessage error={error} />
          {!rooms && !error && <LoadingNotice />}
          {rooms && (
            <ul className="room-list">
              {rooms.map((room) => (
                <RoomCard
                  key={room.id}
                  room={room}
                  onChanged={replace}
                  onArchived={(gone) => {
                    setRooms((list) => list && list.filter((r) => r.id !== gone.id));
                    setNotice(t('rooms.archived', { name: gone.name }));
                  }}
                  onGone={() => {
                    setNotice(t('rooms.roomGone'));
                    void reload();
                  }}
                />
              ))}
            </ul>
          )}
        </section>
      </div>
    </Layout>
  );
}
