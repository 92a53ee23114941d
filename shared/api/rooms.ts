// Shapes of the rooms API's answers, shared by the server's presenters and the client.
import type { RoomId } from '../ids.js';
import type { RoomMode } from '../limits.js';

/** A room as its owner sees it. */
export interface RoomView {
  id: RoomId;
  handle: string;
  name: string;
  mode: RoomMode;
  personal: boolean;
  /** The link guests open. */
  url: string;
  createdAt: number;
}

/** A room as its link shows it; `id` and `mode` only for the host. */
export interface PublicRoomView {
  handle: string;
  name: string;
  hostName: string;
  isHost: boolean;
  /** The name of the contact a personal link was made for (guests only). */
  greeting?: string;
  id?: RoomId;
  mode?: RoomMode;
}
