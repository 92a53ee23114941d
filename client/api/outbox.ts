// Typed calls of the outbox API: every e-mail Nahbar sent or kept, and the invitation one carries.
// Downloads go through transfer.ts, which the guest pages never load.
import type { OutboxPageView } from '../../shared/api/outbox';
import type { OutboxMessageId } from '../../shared/ids';
import { api } from './http';
import { download } from './transfer';
import type { DownloadedFile } from './transfer';

export type {
  CalendarMethod,
  OutboxMessageView,
  OutboxPageView,
  OutboxStatus,
} from '../../shared/api/outbox';

/** One page of the outbox (own mail; the account owner sees all), newest first. */
export async function fetchOutbox(
  page: { limit: number; offset: number },
  signal?: AbortSignal,
): Promise<OutboxPageView> {
  const query = new URLSearchParams({ limit: String(page.limit), offset: String(page.offset) });
  return api<OutboxPageView>(`/api/outbox?${query.toString()}`, signal ? { signal } : {});
}

/** The calendar invitation of a message as a file (`invite.ics`). */
export function downloadInvitation(id: OutboxMessageId): Promise<DownloadedFile> {
  return download(`/api/outbox/${encodeURIComponent(id)}/ics`, 'invite.ics');
}
