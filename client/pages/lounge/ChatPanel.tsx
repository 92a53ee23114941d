// The in-room text chat. Messages are rendered as React text nodes, never as HTML.
import { useEffect, useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_CHAT_LENGTH } from '../../../shared/limits';
import type { ChatEntry, LoungeSession } from '../../call/LoungeSession';

/** Chat history and the message form. */
export function ChatPanel({ chat, session }: { chat: ChatEntry[]; session: LoungeSession }) {
  const { t } = useTranslation('lounge');
  const [text, setText] = useState('');
  const listRef = useRef<HTMLOListElement>(null);
  const headingId = useId();
  const inputId = useId();

  useEffect(() => {
    const list = listRef.current;
    // Reading scrollHeight forces a layout; an empty chat (as when the call view first opens,
    // right when the first connection is negotiated) has nothing to scroll.
    if (list && chat.length > 0) list.scrollTop = list.scrollHeight;
  }, [chat.length]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (session.sendChat(text)) setText('');
  };

  return (
    <section className="chat card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('chat.title')}</h2>
      <ol className="chat-list" ref={listRef} aria-live="polite">
        {chat.length === 0 && <li className="muted">{t('chat.empty')}</li>}
        {chat.map((entry) => (
          <li
            key={entry.id}
            className={entry.fromSelf ? 'chat-line chat-self' : 'chat-line'}
            data-testid="chat-message"
          >
            <span className="chat-name">{entry.fromSelf ? t('chat.you') : entry.name}</span>{' '}
            <span className="chat-text">{entry.text}</span>
          </li>
        ))}
      </ol>
      <form className="chat-form" onSubmit={submit}>
        <label htmlFor={inputId} className="visually-hidden">
          {t('chat.input')}
        </label>
        <input
          id={inputId}
          data-testid="chat-input"
          value={text}
          maxLength={MAX_CHAT_LENGTH}
          placeholder={t('chat.input')}
          autoComplete="off"
          onChange={(e) => setText(e.target.value)}
        />
        <button type="submit" data-testid="chat-send" disabled={!text.trim()}>
          {t('chat.send')}
        </button>
      </form>
    </section>
  );
}
