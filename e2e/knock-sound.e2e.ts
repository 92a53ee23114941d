// Host alert, sound part: every new knock plays the chime on the host's page, once per knock, also
// when several knock at once (spaced so each is heard), and never again for a knock already seen.
// The page's Web Audio calls are recorded by an init script of this file.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import type { Participant } from './harness/browser.js';
import { admit, enterAsHost, hold, knock, knockEntry } from './harness/lounge.js';
import { Scene, useBrowser } from './harness/scene.js';

/** One `start()` of an oscillator, as the recorder saw it. */
interface ToneStart {
  frequency: number;
  /** The start time passed to `start()`, in the context's seconds. */
  when: number;
  /** The context's state when `start()` was called. */
  state: string;
  /** Whether the oscillator was connected, through any nodes, to the context's speakers. */
  audible: boolean;
}

interface RecorderHost {
  __tones: ToneStart[];
}

/** Runs in the page before the app: records every oscillator start and the audio graph's edges. */
function recordTones(): void {
  interface NodeLike {
    context: { state: string; destination: unknown };
    frequency?: { value: number };
  }
  const page = globalThis as unknown as {
    __tones?: ToneStart[];
    AudioNode?: { prototype: { connect: (...args: unknown[]) => unknown } };
    OscillatorNode?: { prototype: { start: (when?: number) => void } };
  };
  if (page.__tones || !page.AudioNode || !page.OscillatorNode) return;
  const tones: ToneStart[] = [];
  Object.defineProperty(page, '__tones', { value: tones, enumerable: false });
  const edges = new WeakMap<object, unknown[]>();
  const nodeProto = page.AudioNode.prototype;
  const connect = nodeProto.connect;
  nodeProto.connect = function (this: object, ...args: unknown[]) {
    const list = edges.get(this) ?? [];
    list.push(args[0]);
    edges.set(this, list);
    return connect.apply(this, args);
  };
  const reaches = (from: unknown, target: unknown, depth: number): boolean => {
    if (from === target) return true;
    if (depth > 8 || typeof from !== 'object' || from === null) return false;
    return (edges.get(from) ?? []).some((next) => reaches(next, target, depth + 1));
  };
  const oscProto = page.OscillatorNode.prototype;
  const start = oscProto.start;
  oscProto.start = function (this: NodeLike, when?: number) {
    tones.push({
      frequency: this.frequency?.value ?? 0,
      when: when ?? 0,
      state: this.context.state,
      audible: reaches(this, this.context.destination, 0),
    });
    start.call(this, when);
  };
}

function tones(page: Page): Promise<ToneStart[]> {
  return page.evaluate(() => [...(globalThis as unknown as RecorderHost).__tones]);
}

/** The chimes' first notes (each chime is a rising two-note figure starting at 880 Hz). */
async function chimes(host: Participant): Promise<ToneStart[]> {
  return (await tones(host.page)).filter((t) => Math.round(t.frequency) === 880);
}

describe('knock sound', () => {
  const browser = useBrowser();

  test('each new knock chimes once on the host page, audibly, and a knock already seen never again', async () => {
    const scene = await Scene.start(browser());
    const host = await scene.host();
    await host.page.addInitScript(recordTones);
    const guests = [
      await scene.join('Jana Chime'),
      await scene.join('Kurt Chime'),
      await scene.join('Lara Chime'),
    ];
    for (const g of guests) await g.page.addInitScript(recordTones);
    await enterAsHost(host, scene.room.handle);
    expect(await chimes(host)).toHaveLength(0);

    const [jana, kurt, lara] = guests as [Participant, Participant, Participant];
    for (const [i, guest] of [jana, kurt].entries()) {
      await knock(guest, scene.room.handle);
      await knockEntry(host, guest.name).waitFor();
      await expect.poll(async () => (await chimes(host)).length).toBe(i + 1);
    }
    // Queue updates that only repeat known knocks (a hold, an admission) chime no more.
    await hold(host, kurt.name, 'One moment, please');
    await kurt.page.getByTestId('lobby-held-message').waitFor();
    await admit(host, jana.name);
    await jana.page.getByTestId('call').waitFor();
    await knockEntry(host, jana.name).waitFor({ state: 'detached' });
    await host.page.waitForTimeout(1_000);
    expect(await chimes(host)).toHaveLength(2);

    await knock(lara, scene.room.handle);
    await knockEntry(host, lara.name).waitFor();
    await expect.poll(async () => (await chimes(host)).length).toBe(3);

    // Each chime is two notes, played through the speakers of a running audio context.
    const all = await tones(host.page);
    expect(all).toHaveLength(6);
    for (const tone of all) expect(tone).toMatchObject({ state: 'running', audible: true });
    // Guests hear no chime.
    for (const g of guests) expect(await tones(g.page)).toHaveLength(0);
  });

  test('two knocks arriving together chime one after the other, not on top of each other', async () => {
    const scene = await Scene.start(browser());
    const host = await scene.host();
    await host.page.addInitScript(recordTones);
    const guests = [await scene.join('Mara Chime'), await scene.join('Nils Chime')];
    await enterAsHost(host, scene.room.handle);

    await Promise.all(guests.map((g) => knock(g, scene.room.handle)));
    for (const g of guests) await knockEntry(host, g.name).waitFor();
    await expect.poll(async () => (await chimes(host)).length).toBe(2);
    const [first, second] = (await chimes(host)).map((t) => t.when).sort((a, b) => a - b) as [
      number,
      number,
    ];
    // A chime lasts about 0.56 s (second note at +0.16 s, 0.4 s long).
    expect(second - first, `chimes start at ${first} s and ${second} s`).toBeGreaterThanOrEqual(
      0.56,
    );
  });
});
