import { describe, expect, it } from 'vitest';
import type { PeerId } from '../../shared/ids';
import { MAX_CHAT_ENTRIES, appendChat, receiveChat } from './chat';
import type { ChatEntry } from './chat';

const message = (id: string, from: string, text: string) => ({
  type: 'chat.message' as const,
  id,
  from: from as PeerId,
  name: from,
  text,
  sentAt: 1,
});
const pending = (text: string): ChatEntry => ({
  id: `local-${text}`,
  fromSelf: true,
  name: 'Me',
  text,
  sentAt: 0,
  pending: true,
});

describe('receiveChat', () => {
  it('appends messages of others', () => {
    const chat = receiveChat([], message('m1', 'peer-other', 'hi'), 'peer-self');
    expect(chat).toMatchObject([{ id: 'm1', fromSelf: false, text: 'hi' }]);
  });

  it('replaces the pending line of an own message with its echo', () => {
    const chat = receiveChat(
      [pending('a'), pending('a')],
      message('m1', 'peer-self', 'a'),
      'peer-self',
    );
    expect(chat.map((e) => [e.id, e.pending])).toEqual([
      ['m1', false],
      ['local-a', true],
    ]);
  });

  it('ignores a message id it already has', () => {
    const once = receiveChat([], message('m1', 'peer-other', 'hi'), 'peer-self');
    expect(receiveChat(once, message('m1', 'peer-other', 'hi'), 'peer-self')).toBe(once);
  });
});

describe('appendChat', () => {
  it('keeps only the newest lines', () => {
    let chat: ChatEntry[] = [];
    for (let i = 0; i < MAX_CHAT_ENTRIES + 5; i++) chat = appendChat(chat, pending(String(i)));
    expect(chat).toHaveLength(MAX_CHAT_ENTRIES);
    expect(chat[0]?.text).toBe('5');
  });
});
