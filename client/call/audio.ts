// One shared Web Audio context for the level meter and the knock chime; no audio files.

let context: AudioContext | null = null;

/** The page's audio context, created on first use (null where Web Audio is missing). */
export function audioContext(): AudioContext | null {
  if (context) return context;
  const Ctor = globalThis.AudioContext as typeof AudioContext | undefined;
  if (!Ctor) return null;
  try {
    context = new Ctor();
  } catch {
    return null;
  }
  return context;
}

/** Resumes the audio context; call from a click so autoplay rules allow it. */
export function unlockAudio(): void {
  const ctx = audioContext();
  if (ctx && ctx.state === 'suspended') void ctx.resume().catch(() => undefined);
}

/** How long one chime lasts, so the next one starts after it. */
const CHIME_SECONDS = 0.7;
/** When the last scheduled chime ends (audio-context time), so chimes never overlap. */
let nextChimeAt = 0;

/**
 * Plays a short two-tone chime, `delayMs` from now (used to space several knocks apart), and
 * never on top of a chime still playing or scheduled: each knock is heard on its own.
 */
export function playChime(delayMs = 0): void {
  const ctx = audioContext();
  if (!ctx) return;
  if (ctx.state === 'suspended') void ctx.resume().catch(() => undefined);
  const start = Math.max(ctx.currentTime + delayMs / 1000, nextChimeAt);
  nextChimeAt = start + CHIME_SECONDS;
  const notes: [number, number][] = [
    [880, 0],
    [1318.5, 0.16],
  ];
  for (const [frequency, offset] of notes) {
    const oscillator = ctx.createOscillator();
    const gain = ctx.createGain();
    oscillator.type = 'sine';
    oscillator.frequency.value = frequency;
    const t = start + offset;
    gain.gain.setValueAtTime(0.0001, t);
    gain.gain.exponentialRampToValueAtTime(0.25, t + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, t + 0.35);
    oscillator.connect(gain).connect(ctx.destination);
    oscillator.start(t);
    oscillator.stop(t + 0.4);
  }
}
