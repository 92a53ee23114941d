// The simulated WunderBar data: every payload is accepted whole by the telemetry normaliser, the
// temperature follows the day, anomalies come at the configured rate and stand out, and a seed
// always gives the same data.
import { describe, expect, it } from 'vitest';
import { parseTelemetry } from '../telemetry/payload.js';
import {
  ANOMALY_SECONDS,
  WUNDERBAR_KEYS,
  WUNDERBAR_MODULES,
  anomalyFactorAt,
  localHourOf,
  machineProfile,
  samplePayload,
} from './wunderbar.js';
import type { MachineProfile } from './wunderbar.js';

// 28 November 2026, midnight in Berlin (UTC+1).
const DAY = Date.UTC(2026, 10, 27, 23, 0, 0);
const HOUR = 3_600_000;
const encoder = new TextEncoder();

function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

function correlation(a: number[], b: number[]): number {
  const ma = mean(a);
  const mb = mean(b);
  let cov = 0;
  let va = 0;
  let vb = 0;
  for (let i = 0; i < a.length; i++) {
    cov += (a[i]! - ma) * (b[i]! - mb);
    va += (a[i]! - ma) ** 2;
    vb += (b[i]! - mb) ** 2;
  }
  return cov / Math.sqrt(va * vb);
}

/** The readings of one module's payload at `at`, by key. */
function readingsOf(
  profile: MachineProfile,
  module: (typeof WUNDERBAR_MODULES)[number],
  at: number,
) {
  const bytes = encoder.encode(JSON.stringify(samplePayload(profile, module, at)));
  const result = parseTelemetry(bytes, at);
  return { result, values: new Map(result.readings.map((r) => [r.key, r.value])) };
}

describe('simulated WunderBar payloads', () => {
  it('are accepted by parseTelemetry with every key of their module and no rejection', () => {
    for (let index = 0; index < 3; index++) {
      const profile = machineProfile(7, index, { anomalyPerSecond: 0.05 });
      for (let i = 0; i < 500; i++) {
        // Spread over two days, at odd milliseconds, anomalies included.
        const at = DAY + i * 345_613 + index;
        for (const module of WUNDERBAR_MODULES) {
          const { result } = readingsOf(profile, module, at);
          expect(result.rejected).toEqual([]);
          expect(result.clamped).toBe(0);
          expect(result.readings.map((r) => r.key).sort()).toEqual(
            [...WUNDERBAR_KEYS[module]].sort(),
          );
          expect(result.readings.every((r) => r.ts === at)).toBe(true);
        }
      }
    }
  });

  it('stay within the ranges of real sensors', () => {
    const profile = machineProfile(3, 0);
    for (let i = 0; i < 2_000; i++) {
      const at = DAY + i * 43_201;
      const htu = samplePayload(profile, 'htu', at);
      expect(htu.temp).toBeGreaterThan(18);
      expect(htu.temp).toBeLessThan(26);
      expect(htu.hum).toBeGreaterThanOrEqual(15);
      expect(htu.hum).toBeLessThanOrEqual(90);
      const light = samplePayload(profile, 'light', at);
      expect(light.light).toBeGreaterThanOrEqual(0);
      expect(light.prox).toBeGreaterThanOrEqual(0);
      expect(light.prox).toBeLessThanOrEqual(2047);
      const battery = samplePayload(profile, 'battery', at);
      expect(battery.val).toBeGreaterThanOrEqual(20);
      expect(battery.val).toBeLessThanOrEqual(100);
    }
  });

  it('are warmer at 15:00 than at 03:00 local time, with humidity moving the other way', () => {
    const profile = machineProfile(11, 2);
    const afternoon: number[] = [];
    const night: number[] = [];
    for (let day = 0; day < 30; day++) {
      afternoon.push(samplePayload(profile, 'htu', DAY + day * 24 * HOUR + 15 * HOUR).temp);
      night.push(samplePayload(profile, 'htu', DAY + day * 24 * HOUR + 3 * HOUR).temp);
    }
    expect(localHourOf(DAY + 15 * HOUR, 'Europe/Berlin')).toBe(15);
    expect(mean(afternoon) - mean(night)).toBeGreaterThan(4);

    const temps: number[] = [];
    const hums: number[] = [];
    for (let minute = 0; minute < 24 * 60; minute += 5) {
      const htu = samplePayload(profile, 'htu', DAY + minute * 60_000);
      temps.push(htu.temp);
      hums.push(htu.hum);
    }
    expect(correlation(temps, hums)).toBeLessThan(-0.7);
  });

  it('start anomaly bursts of a few seconds at about the configured rate', () => {
    const rate = 0.01;
    const profile = machineProfile(5, 0, { anomalyPerSecond: rate });
    const seconds = 100_000;
    const bursts: number[] = [];
    let length = 0;
    for (let s = 0; s < seconds; s++) {
      if (anomalyFactorAt(profile, DAY + s * 1000 + 500) > 1) {
        length++;
      } else if (length > 0) {
        bursts.push(length);
        length = 0;
      }
    }
    // Bursts that start while one is running merge with it, so slightly fewer than rate × time.
    expect(bursts.length).toBeGreaterThan(seconds * rate * 0.8);
    expect(bursts.length).toBeLessThan(seconds * rate * 1.1);
    expect(Math.min(...bursts)).toBeGreaterThanOrEqual(ANOMALY_SECONDS.min);
    expect(mean(bursts)).toBeLessThan(ANOMALY_SECONDS.max + 2);

    const calm = machineProfile(5, 0, { anomalyPerSecond: 0 });
    for (let s = 0; s < 10_000; s++) expect(anomalyFactorAt(calm, DAY + s * 1000)).toBe(1);
  });

  it('shake and sound clearly stronger during an anomaly', () => {
    const profile = machineProfile(9, 1, { anomalyPerSecond: 0.02 });
    const shake = { normal: [] as number[], anomaly: [] as number[] };
    const sound = { normal: [] as number[], anomaly: [] as number[] };
    for (let i = 0; i < 50_000; i++) {
      const at = DAY + i * 250;
      const group = anomalyFactorAt(profile, at) > 1 ? 'anomaly' : 'normal';
      const { accel } = samplePayload(profile, 'gyro', at);
      shake[group].push(accel.x ** 2 + accel.y ** 2 + (accel.z - 1) ** 2);
      sound[group].push(samplePayload(profile, 'mic', at).snd_level);
    }
    expect(shake.anomaly.length).toBeGreaterThan(1_000);
    const rms = (xs: number[]) => Math.sqrt(mean(xs));
    expect(rms(shake.anomaly) / rms(shake.normal)).toBeGreaterThan(3);
    expect(mean(sound.anomaly) - mean(sound.normal)).toBeGreaterThan(4);
  });

  it('drain the battery by about one percent an hour', () => {
    const profile = machineProfile(1, 0);
    const start = samplePayload(profile, 'battery', DAY).val;
    const later = samplePayload(profile, 'battery', DAY + 10 * HOUR).val;
    // Unless the battery was swapped in between.
    if (later < start) expect(start - later).toBeGreaterThanOrEqual(9);
    else expect(later).toBeGreaterThan(90);
  });

  it('are the same for the same seed and differ between seeds and machines', () => {
    const sample = (seed: number, index: number) =>
      Array.from({ length: 200 }, (_, i) =>
        WUNDERBAR_MODULES.map((m) => samplePayload(machineProfile(seed, index), m, DAY + i * 997)),
      );
    expect(sample(42, 0)).toEqual(sample(42, 0));
    expect(sample(42, 0)).not.toEqual(sample(43, 0));
    expect(sample(42, 0)).not.toEqual(sample(42, 1));
  });
});
