// Proof 4: chat arrives both ways, and markup in a message is shown as text, never run as HTML.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import {
  chatMessage,
  enterAsHost,
  knockAndAdmit,
  sendChat,
  waitForChat,
} from './harness/lounge.js';
import { Scene, useBrowser } from './harness/scene.js';

const XSS = '<img src=x onerror=window.__xss=1>';

function xssFlag(page: Page): Promise<unknown> {
  return page.evaluate(() => (globalThis as { __xss?: unknown }).__xss);
}

describe('chat', () => {
  const browser = useBrowser();

  test('messages arrive both ways and an <img onerror> message shows as plain text', async () => {
    const scene = await Scene.start(browser());
    const host = await scene.host();
    const guest = await scene.join('Chris Chat');
    await enterAsHost(host, scene.room.handle);
    await knockAndAdmit(host, guest, scene.room.handle);

    const hello = 'Guten Tag, can we talk about the lathe?';
    await sendChat(guest, hello);
    await waitForChat(host, hello);
    await waitForChat(guest, hello);

    await sendChat(host, XSS);
    for (const p of [guest, host]) {
      await waitForChat(p, XSS);
      const message = chatMessage(p, XSS).first();
      expect(await message.textContent()).toContain(XSS);
      expect(await message.locator('img').count()).toBe(0);
      expect(await p.page.locator('img[src="x"]').count()).toBe(0);
      expect(await xssFlag(p.page)).toBeUndefined();
    }
    // Each message is shown once, the sender's own included.
    expect(await host.page.getByTestId('chat-message').count()).toBe(2);
  });
});
