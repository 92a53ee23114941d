// Measures the microphone's loudness with an AnalyserNode for the pre-join level meter.
import { audioContext } from './audio';

/** Loudness 0–100 from 8-bit time-domain samples (128 = silence), scaled so speech fills the meter. */
export function levelFromTimeDomain(samples: ArrayLike<number>): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (let i = 0; i < samples.length; i++) {
    const v = ((samples[i] ?? 128) - 128) / 128;
    sum += v * v;
  }
  const rms = Math.sqrt(sum / samples.length);
  return Math.min(100, Math.round(rms * 400));
}

/** Calls `onLevel` about ten times a second with the track's loudness; returns a stop function. */
export function watchMicLevel(
  track: MediaStreamTrack,
  onLevel: (level: number) => void,
): () => void {
  const ctx = audioContext();
  if (!ctx) return () => undefined;
  let source: MediaStreamAudioSourceNode;
  try {
    source = ctx.createMediaStreamSource(new MediaStream([track]));
  } catch {
    return () => undefined;
  }
  const analyser = ctx.createAnalyser();
  analyser.fftSize = 512;
  source.connect(analyser);
  const samples = new Uint8Array(analyser.fftSize);
  const timer = setInterval(() => {
    if (ctx.state === 'suspended') void ctx.resume().catch(() => undefined);
    analyser.getByteTimeDomainData(samples);
    onLevel(track.enabled ? levelFromTimeDomain(samples) : 0);
  }, 100);
  return () => {
    clearInterval(timer);
    source.disconnect();
    analyser.disconnect();
  };
}
