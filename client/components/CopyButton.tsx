// A button that copies a text (usually a link) and says so, also where the Clipboard API is missing.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Copies with the Clipboard API, or through a hidden text area on plain-http origins. */
async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Permission denied or not focused: fall back to the selection.
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  area.select();
  try {
    // Deprecated, but the only way to copy on origins without the Clipboard API (plain http on a LAN).
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    area.remove();
  }
}

/**
 * Copies a text fetched on click. Safari only lets a page write to the clipboard within the
 * click, so the text goes in as a promise of a ClipboardItem where the browser supports that.
 */
async function copyLater(get: () => Promise<string>): Promise<boolean> {
  const text = get();
  if (navigator.clipboard && typeof ClipboardItem !== 'undefined') {
    try {
      const blob = text.then((value) => new Blob([value], { type: 'text/plain' }));
      await navigator.clipboard.write([new ClipboardItem({ 'text/plain': blob })]);
      return true;
    } catch {
      // Not allowed or not supported: copy the plain way once the text is there.
    }
  }
  return copyText(await text);
}

/**
 * Copies `text`, or the text a function fetches on click (e.g. a link made on demand); `label`
 * names what is copied for screen readers (e.g. "Copy link").
 */
export function CopyButton({
  text,
  label,
  className,
  testId,
}: {
  text: string | (() => Promise<string>);
  label?: string;
  className?: string;
  testId?: string;
}) {
  const { t } = useTranslation();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 2500);
    return () => clearTimeout(timer);
  }, [state]);
  return (
    <span className="copy-button">
      <button
        type="button"
        className={className}
        data-testid={testId}
        onClick={() =>
          void (typeof text === 'string' ? copyText(text) : copyLater(text)).then(
            (ok) => setState(ok ? 'copied' : 'failed'),
            () => setState('failed'),
          )
        }
      >
        {state === 'copied' ? t('copied') : (label ?? t('copy'))}
      </button>
      <span className="visually-hidden" role="status" aria-live="polite">
        {state === 'copied' ? t('copied') : state === 'failed' ? t('copyFailed') : ''}
      </span>
    </span>
  );
}
