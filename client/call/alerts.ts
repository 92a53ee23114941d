// Alerts for the host when guests knock: a chime per knock and a system notification per knock.
import type { KnockInfo } from '../../shared/protocol/signaling';
import { playChime } from './audio';

/** Permission state of browser notifications, or `unsupported`. */
export type NotificationAccess = NotificationPermission | 'unsupported';

/** Whether this browser can show notifications and whether the person allowed them. */
export function notificationAccess(): NotificationAccess {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/** Asks for notification permission; must be called from a click. */
export async function requestNotificationAccess(): Promise<NotificationAccess> {
  if (typeof Notification === 'undefined') return 'unsupported';
  try {
    return await Notification.requestPermission();
  } catch {
    return Notification.permission;
  }
}

/** Texts of one knock notification, already translated. */
export interface KnockNotificationText {
  title: string;
  body: string;
}

/** Gap between chimes when several guests knock at once, so each one is heard. */
const CHIME_SPACING_MS = 700;

/** Chimes and notifies once for each knock; notifications work in background tabs too. */
export function alertKnocks(
  knocks: readonly KnockInfo[],
  text: (knock: KnockInfo) => KnockNotificationText,
): void {
  knocks.forEach((knock, index) => {
    playChime(index * CHIME_SPACING_MS);
    if (notificationAccess() !== 'granted') return;
    try {
      const { title, body } = text(knock);
      // One tag per knock: a later knock must never replace an earlier one's notification.
      const notification = new Notification(title, { body, tag: `knock-${knock.knockId}` });
      notification.onclick = () => {
        window.focus();
        notification.close();
      };
    } catch {
      // Some mobile browsers only notify through a service worker; chime and badge still work.
    }
  });
}
