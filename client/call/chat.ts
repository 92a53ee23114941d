// The chat history as pure list operations: local messages show at once, server echoes confirm them.
import type { ServerMessageOf } from '../../shared/protocol/signaling';

/** One chat line. */
export interface ChatEntry {
  id: string;
  fromSelf: boolean;
  name: string;
  text: string;
  sentAt: number;
  /** Sent by this page and not yet echoed by the server. */
  pending: boolean;
}

/** How many lines the page keeps; older ones scroll away for good. */
export const MAX_CHAT_ENTRIES = 300;

/** Appends a line, dropping the oldest beyond the limit. */
export function appendChat(chat: ChatEntry[], entry: ChatEntry): ChatEntry[] {
  return [...chat, entry].slice(-MAX_CHAT_ENTRIES);
}

/**
 * Adds a message from the server. The echo of an own message replaces the oldest pending line with
 * the same text instead of showing it twice; a message id already present is ignored.
 */
export function receiveChat(
  chat: ChatEntry[],
  message: ServerMessageOf<'chat.message'>,
  selfId: string | undefined,
): ChatEntry[] {
  if (chat.some((entry) => entry.id === message.id)) return chat;
  const fromSelf = message.from === selfId;
  const entry: ChatEntry = {
    id: message.id,
    fromSelf,
    name: message.name,
    text: message.text,
    sentAt: message.sentAt,
    pending: false,
  };
  const pendingIndex = fromSelf ? chat.findIndex((e) => e.pending && e.text === message.text) : -1;
  if (pendingIndex >= 0) return chat.map((e, i) => (i === pendingIndex ? entry : e));
  return appendChat(chat, entry);
}
