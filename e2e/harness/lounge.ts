// The lounge page driven through the data-testids of the UI contract (/tmp/nahbar/UI-CONTRACT.md):
// pre-join, knocking, the host's lobby controls, chat and the connection state.
import type { Locator, Response } from 'playwright-core';
import type { Participant } from './browser.js';
import { waitFor } from './wait.js';
import type { WaitOptions } from './wait.js';

/** Signaling connection states the page shows in `connection-state`. */
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'disconnected';

/** Opens `/r/<handle>` and returns the HTML response. */
export async function openRoomLink(p: Participant, handle: string): Promise<Response | null> {
  return p.page.goto(`/r/${encodeURIComponent(handle)}`);
}

/** Opens the room link and waits for the pre-join page. */
export async function openPrejoin(p: Participant, handle: string): Promise<void> {
  await openRoomLink(p, handle);
  await p.page.getByTestId('prejoin').waitFor();
}

async function fillNameIfEmpty(p: Participant): Promise<void> {
  const input = p.page.getByTestId('prejoin-name');
  if ((await input.count()) > 0 && (await input.inputValue()) === '') await input.fill(p.name);
}

/** The host (a signed-in owner of the room) opens the room and joins the call. */
export async function enterAsHost(host: Participant, handle: string): Promise<void> {
  await openPrejoin(host, handle);
  await fillNameIfEmpty(host);
  await host.page.getByTestId('prejoin-join').click();
  await host.page.getByTestId('call').waitFor();
}

/** A guest opens the link, types their name and presses join (which knocks in knock mode). */
export async function knock(guest: Participant, handle: string): Promise<void> {
  await openPrejoin(guest, handle);
  await guest.page.getByTestId('prejoin-name').fill(guest.name);
  await guest.page.getByTestId('prejoin-join').click();
}

/** The host's lobby entry for one knocking guest. */
export function knockEntry(host: Participant, guestName: string): Locator {
  return host.page.locator(`[data-testid="knock"][data-knock-name=${JSON.stringify(guestName)}]`);
}

/** The host admits a knocking guest. */
export async function admit(host: Participant, guestName: string): Promise<void> {
  await knockEntry(host, guestName).getByTestId('admit').click();
}

/** The host turns a knocking guest away. */
export async function reject(host: Participant, guestName: string): Promise<void> {
  await knockEntry(host, guestName).getByTestId('reject').click();
}

/** The host holds a knocking guest with a short message. */
export async function hold(host: Participant, guestName: string, message: string): Promise<void> {
  const entry = knockEntry(host, guestName);
  await entry.getByTestId('hold').click();
  const input = host.page.getByTestId('hold-message');
  await input.fill(message);
  await host.page.getByTestId('hold-send').click();
}

/** A guest knocks and the host admits them; resolves when the guest is in the call view. */
export async function knockAndAdmit(
  host: Participant,
  guest: Participant,
  handle: string,
): Promise<void> {
  await knock(guest, handle);
  await guest.page.getByTestId('lobby-waiting').waitFor();
  await admit(host, guest.name);
  await guest.page.getByTestId('call').waitFor();
}

/** The page's signaling state as `connection-state` shows it. */
export async function connectionState(p: Participant): Promise<string | null> {
  return p.page.getByTestId('connection-state').getAttribute('data-state', { timeout: 2_000 });
}

/** Waits until `connection-state` shows `state`. */
export async function waitForConnectionState(
  p: Participant,
  state: ConnectionState,
  opts: WaitOptions = {},
): Promise<void> {
  await waitFor(
    `${p.name}'s connection-state to be ${state}`,
    async () => (await connectionState(p)) === state,
    opts,
  );
}

/** Sends a chat message from the call view. */
export async function sendChat(p: Participant, text: string): Promise<void> {
  await p.page.getByTestId('chat-input').fill(text);
  await p.page.getByTestId('chat-send').click();
}

/** The chat messages whose text contains `text`. */
export function chatMessage(p: Participant, text: string): Locator {
  return p.page.getByTestId('chat-message').filter({ hasText: text });
}

/** Waits until a chat message containing `text` is shown. */
export async function waitForChat(p: Participant, text: string): Promise<void> {
  await chatMessage(p, text).first().waitFor();
}

/** The page's tab title. */
export function title(p: Participant): Promise<string> {
  return p.page.title();
}
