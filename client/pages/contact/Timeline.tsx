// A person's timeline: every touchpoint, newest first; lounge meetings show how long they took.
import { useTranslation } from 'react-i18next';
import type { TouchpointView } from '../../api/contacts';
import { durationMinutes, formatDate, formatDateTime } from '../../contacts/format';

/** Lists the touchpoints newest first; an open next step can be marked done. */
export function Timeline({
  timeline,
  onNextStepDone,
}: {
  timeline: readonly TouchpointView[];
  onNextStepDone: (touchpointId: string) => void;
}) {
  const { t, i18n } = useTranslation('contacts');
  const lang = i18n.language;
  const sorted = [...timeline].sort((a, b) => b.occurredAt - a.occurredAt);
  return (
    <section className="stack" aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t('detail.timeline')}</h2>
      {sorted.length === 0 && <p className="muted">{t('detail.timelineEmpty')}</p>}
      {sorted.length > 0 && (
        <ol className="timeline">
          {sorted.map((touchpoint) => (
            <li key={touchpoint.id} className="timeline-entry" data-testid="timeline-entry">
              <p className="timeline-head">
                <strong>{t(`kinds.${touchpoint.kind}`)}</strong>
                {touchpoint.durationMs !== null && (
                  <span>
                    {' · '}
                    {t('detail.duration', { minutes: durationMinutes(touchpoint.durationMs) })}
                  </span>
                )}
                <time className="muted" dateTime={new Date(touchpoint.occurredAt).toISOString()}>
                  {formatDateTime(touchpoint.occurredAt, lang)}
                </time>
              </p>
              {touchpoint.summary && <p className="timeline-summary">{touchpoint.summary}</p>}
              {touchpoint.nextStep && (
                <p className="timeline-next">
                  {t('detail.nextStep', { step: touchpoint.nextStep })}
                  {touchpoint.nextStepDueAt !== null && (
                    <span className="muted">
                      {' · '}
                      {t('detail.due', { date: formatDate(touchpoint.nextStepDueAt, lang) })}
                    </span>
                  )}
                  {touchpoint.nextStepDoneAt !== null ? (
                    <span className="ok">
                      {' · '}
                      {t('detail.done')}
                    </span>
                  ) : (
                    <button
                      type="button"
                      className="link-button"
                      data-testid="next-step-done"
                      onClick={() => onNextStepDone(touchpoint.id)}
                    >
                      {t('detail.markDone')}
                    </button>
                  )}
                </p>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
