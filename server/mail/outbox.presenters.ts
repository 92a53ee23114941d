// What the outbox feature sends to clients.
import type { OutboxMessageView, OutboxStatus } from '../../shared/api/outbox.js';
import type { OutboxRow } from './outbox.table.js';

/** Where a message stands, from its row. */
export function outboxStatusOf(row: OutboxRow): OutboxStatus {
  if (row.sent_at !== null) return 'sent';
  if (row.transport === 'outbox') return 'kept';
  return row.next_attempt_at === null ? 'failed' : 'pending';
}

/** Presents a message to a viewer who may see it; the HTML body and the ICS stay on the server. */
export function presentOutboxMessage(row: OutboxRow): OutboxMessageView {
  return {
    id: row.id,
    sellerId: row.seller_id,
    to: { name: row.to_name, address: row.to_address },
    subject: row.subject,
    text: row.text_body,
    hasHtml: row.html_body !== null,
    calendar: row.ics !== null && row.ics_method !== null ? { method: row.ics_method } : null,
    transport: row.transport,
    status: outboxStatusOf(row),
    attempts: row.attempts,
    error: row.sent_at === null ? row.error : null,
    createdAt: row.created_at,
    sentAt: row.sent_at,
    nextAttemptAt: row.sent_at === null ? row.next_attempt_at : null,
  };
}
