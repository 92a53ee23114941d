// A machine's status as a coloured dot with its words beside it (the colour is never the only cue).
import type { StatusText } from '../../machines/status';

/** Shows "● Online" or "● Offline since 14:32 (12 minutes ago)"; the last data time as a tooltip. */
export function StatusDot({ status, testId }: { status: StatusText; testId?: string }) {
  return (
    <span
      className={status.online ? 'machine-status online' : 'machine-status offline'}
      data-testid={testId}
      data-online={status.online}
      title={status.lastData ?? undefined}
    >
      <span className="status-dot" aria-hidden="true" />
      {status.text}
    </span>
  );
}
