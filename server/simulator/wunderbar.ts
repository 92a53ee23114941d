// Realistic relayr WunderBar module payloads for the demo simulator, as a pure function of a
// machine's seeded profile and the time: the same seed and time always give the same payload, and
// nothing here reads a clock. Every value comes from a hash of (seed, channel, time), so that no
// state has to be carried from one tick to the next and any moment can be sampled on its own.
//
// What the data looks like:
// - htu: a daily temperature cycle (about 19–25 °C, warmest mid-afternoon local time) with a slow
//   drift and sensor noise; relative humidity moves against the temperature.
// - gyro: vibration (accelerometer in g, gravity on z; gyroscope in °/s) around a machine-specific
//   baseline, with anomaly bursts of a few seconds at several times the usual amplitude. A burst
//   starts in any given second with the profile's probability.
// - mic: the sound level follows the vibration, so an anomaly is heard as well.
// - light: hall lighting during the shift plus daylight, a colour reading, and a proximity value
//   that rises while an operator stands at the machine.
// - battery: the charge falls by about one percent an hour and is swapped at 20 %.

/** The WunderBar modules the simulator publishes, one device each. */
export const WUNDERBAR_MODULES = ['htu', 'gyro', 'light', 'mic', 'battery'] as const;
/** One WunderBar module. */
export type WunderbarModule = (typeof WUNDERBAR_MODULES)[number];

/** A three-axis vector as the gyro module sends it. */
export interface Vector3 {
  x: number;
  y: number;
  z: number;
}

/** The temperature and humidity module. */
export interface HtuPayload {
  ts: number;
  temp: number;
  hum: number;
}
/** The gyroscope and accelerometer module. */
export interface GyroPayload {
  ts: number;
  gyro: Vector3;
  accel: Vector3;
}
/** The light, colour and proximity module. */
export interface LightPayload {
  ts: number;
  light: number;
  clr: { r: number; g: number; b: number };
  prox: number;
}
/** The microphone module. */
export interface MicPayload {
  ts: number;
  snd_level: number;
}
/** The battery level of the bridge. */
export interface BatteryPayload {
  ts: number;
  val: number;
}

/** The payload each module sends. */
export interface WunderbarPayloads {
  htu: HtuPayload;
  gyro: GyroPayload;
  light: LightPayload;
  mic: MicPayload;
  battery: BatteryPayload;
}

/** The reading keys each module's payload yields once flattened (`gyro.x`, `clr.r`, …). */
export const WUNDERBAR_KEYS: Readonly<Record<WunderbarModule, readonly string[]>> = {
  htu: ['temp', 'hum'],
  gyro: ['gyro.x', 'gyro.y', 'gyro.z', 'accel.x', 'accel.y', 'accel.z'],
  light: ['light', 'clr.r', 'clr.g', 'clr.b', 'prox'],
  mic: ['snd_level'],
  battery: ['val'],
};

/** Chance per second that an anomaly burst starts unless the caller gives another. */
export const DEFAULT_ANOMALY_PER_SECOND = 0.01;

/** Shortest and longest anomaly burst, in seconds. */
export const ANOMALY_SECONDS = { min: 3, max: 8 } as const;

/** What makes one simulated machine different from the others; derive it with `machineProfile`. */
export interface MachineProfile {
  seed: number;
  /** Chance per second that an anomaly burst starts (0 to 1). */
  anomalyPerSecond: number;
  /** IANA time zone whose local time drives the daily cycles. */
  timeZone: string;
  /** Mean temperature of the daily cycle, °C. */
  tempMean: number;
  /** Half the daily temperature swing, °C. */
  tempSwing: number;
  /** Humidity at the mean temperature, %rH. */
  humMean: number;
  /** Typical vibration amplitude per axis, g. */
  vibration: number;
  /** Sound level at normal vibration, dB. */
  soundLevel: number;
  /** Hall lighting during the shift, lx. */
  hallLight: number;
  /** Hours into the battery's discharge at the epoch, so machines do not drain in step. */
  batteryPhaseHours: number;
}

/** Options of `machineProfile`. */
export interface MachineProfileOptions {
  anomalyPerSecond?: number;
  timeZone?: string;
}

// Channels name independent random streams of one machine.
const CH = {
  profile: 1,
  tempNoise: 10,
  tempDrift: 11,
  humNoise: 12,
  humDrift: 13,
  accel: 20, // 20..25: Box–Muller pairs for x, y, z
  gyro: 30, // 30..35
  burstStart: 40,
  burstLength: 41,
  burstStrength: 42,
  sound: 50,
  light: 60,
  colour: 61,
  operator: 62,
  prox: 63,
} as const;

const TWO_32 = 4_294_967_296;
const HOUR_MS = 3_600_000;

// A 32-bit integer hash with good avalanche (lowbias32 by Chris Wellons).
function mix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A uniform number in [0, 1) fixed by seed, channel and a whole number such as a time in ms. */
function uniform(seed: number, channel: number, n: number): number {
  const lo = n % TWO_32;
  const hi = Math.floor(n / TWO_32);
  let h = mix32(seed ^ Math.imul(channel, 0x9e3779b1));
  h = mix32(h ^ lo);
  h = mix32(h ^ Math.imul(hi + 1, 0x85ebca6b));
  return h / TWO_32;
}

/** A standard normal number fixed by seed, channel and n (Box–Muller on channels c and c+1). */
function gaussian(seed: number, channel: number, n: number): number {
  const u1 = (Math.floor(uniform(seed, channel, n) * TWO_32) + 0.5) / TWO_32;
  const u2 = uniform(seed, channel + 1, n);
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/** A smooth drift in [-1, 1] from two slow waves with seeded phases. */
function drift(seed: number, channel: number, at: number): number {
  const p1 = uniform(seed, channel, 1) * 2 * Math.PI;
  const p2 = uniform(seed, channel, 2) * 2 * Math.PI;
  const hours = at / HOUR_MS;
  return 0.6 * Math.sin((2 * Math.PI * hours) / 0.78 + p1) + 0.4 * Math.sin(hours / 0.37 + p2);
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** Derives the profile of machine number `index` (0, 1, …) of a fleet simulated with `seed`. */
export function machineProfile(
  seed: number,
  index: number,
  opts: MachineProfileOptions = {},
): MachineProfile {
  const machineSeed = mix32(mix32(seed >>> 0) ^ Math.imul(index + 1, 0x27d4eb2f));
  const pick = (n: number, min: number, max: number) =>
    min + uniform(machineSeed, CH.profile, n) * (max - min);
  return {
    seed: machineSeed,
    anomalyPerSecond: clamp(opts.anomalyPerSecond ?? DEFAULT_ANOMALY_PER_SECOND, 0, 1),
    timeZone: opts.timeZone ?? 'Europe/Berlin',
    tempMean: pick(1, 21.6, 22.4),
    tempSwing: pick(2, 2.4, 2.8),
    humMean: pick(3, 40, 50),
    vibration: pick(4, 0.015, 0.05),
    soundLevel: pick(5, 58, 68),
    hallLight: pick(6, 350, 600),
    batteryPhaseHours: pick(7, 0, 80),
  };
}

const hourFormats = new Map<string, Intl.DateTimeFormat>();

/** The local time of day in `timeZone` as fractional hours (0 ≤ h < 24). */
export function localHourOf(at: number, timeZone: string): number {
  let format = hourFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    hourFormats.set(timeZone, format);
  }
  let hour = 0;
  let minute = 0;
  let second = 0;
  for (const part of format.formatToParts(at)) {
    if (part.type === 'hour') hour = Number(part.value);
    else if (part.type === 'minute') minute = Number(part.value);
    else if (part.type === 'second') second = Number(part.value);
  }
  return (hour % 24) + minute / 60 + (second + (at % 1000) / 1000) / 3600;
}

/**
 * How much stronger the vibration is at `at` than usual: 1 outside anomaly bursts, 4 to 8 inside
 * one. A burst may start at any whole second, with the profile's probability.
 */
export function anomalyFactorAt(profile: MachineProfile, at: number): number {
  const second = Math.floor(at / 1000);
  let factor = 1;
  for (let start = second - ANOMALY_SECONDS.max + 1; start <= second; start++) {
    if (uniform(profile.seed, CH.burstStart, start) >= profile.anomalyPerSecond) continue;
    const span = ANOMALY_SECONDS.max - ANOMALY_SECONDS.min + 1;
    const length =
      ANOMALY_SECONDS.min + Math.floor(uniform(profile.seed, CH.burstLength, start) * span);
    if (second < start + length) {
      factor = Math.max(factor, 4 + 4 * uniform(profile.seed, CH.burstStrength, start));
    }
  }
  return factor;
}

function temperatureAt(profile: MachineProfile, at: number): number {
  const hour = localHourOf(at, profile.timeZone);
  // Warmest at 15:00, coolest at 03:00.
  const daily = Math.cos((2 * Math.PI * (hour - 15)) / 24);
  return (
    profile.tempMean +
    profile.tempSwing * daily +
    0.3 * drift(profile.seed, CH.tempDrift, at) +
    0.05 * gaussian(profile.seed, CH.tempNoise, at)
  );
}

function vibrationAt(profile: MachineProfile, at: number): { gyro: Vector3; accel: Vector3 } {
  const amp = profile.vibration * anomalyFactorAt(profile, at);
  const g = (axis: number) => gaussian(profile.seed, CH.accel + 2 * axis, at);
  const r = (axis: number) => gaussian(profile.seed, CH.gyro + 2 * axis, at);
  // About 40 °/s of rotation per g of vibration: a rigid machine bed barely turns.
  const turn = amp * 40;
  return {
    accel: { x: amp * g(0), y: amp * g(1), z: 1 + amp * g(2) },
    gyro: { x: turn * r(0), y: turn * r(1), z: turn * r(2) },
  };
}

function htuAt(profile: MachineProfile, at: number): HtuPayload {
  const temp = temperatureAt(profile, at);
  const hum =
    profile.humMean -
    2.5 * (temp - profile.tempMean) +
    1.5 * drift(profile.seed, CH.humDrift, at) +
    0.3 * gaussian(profile.seed, CH.humNoise, at);
  return { ts: at, temp: round(temp, 2), hum: round(clamp(hum, 15, 90), 1) };
}

function gyroAt(profile: MachineProfile, at: number): GyroPayload {
  const { gyro, accel } = vibrationAt(profile, at);
  return {
    ts: at,
    gyro: { x: round(gyro.x, 2), y: round(gyro.y, 2), z: round(gyro.z, 2) },
    accel: { x: round(accel.x, 4), y: round(accel.y, 4), z: round(accel.z, 4) },
  };
}

function micAt(profile: MachineProfile, at: number): MicPayload {
  const { accel } = vibrationAt(profile, at);
  const magnitude = Math.hypot(accel.x, accel.y, accel.z - 1);
  // Three normal axes have a typical magnitude of about √3 times the amplitude.
  const relative = Math.max(magnitude / (profile.vibration * Math.sqrt(3)), 0.05);
  const level =
    profile.soundLevel + 8 * Math.log10(relative) + gaussian(profile.seed, CH.sound, at);
  return { ts: at, snd_level: round(clamp(level, 30, 120), 1) };
}

function lightAt(profile: MachineProfile, at: number): LightPayload {
  const hour = localHourOf(at, profile.timeZone);
  const shift = hour >= 6 && hour < 22;
  const daylight = Math.max(0, Math.sin((Math.PI * (hour - 6)) / 14)) * 250;
  const base = (shift ? profile.hallLight : 12) + daylight;
  const light = Math.max(0, base * (1 + 0.02 * gaussian(profile.seed, CH.light, at)));
  const counts = light * 0.45;
  const tint = 1 + 0.03 * gaussian(profile.seed, CH.colour, at);
  // An operator stands at the machine in some half-minutes of the shift.
  const nearby = shift && uniform(profile.seed, CH.operator, Math.floor(at / 30_000)) < 0.15;
  const prox = (nearby ? 800 : 60) + (nearby ? 40 : 5) * gaussian(profile.seed, CH.prox, at);
  return {
    ts: at,
    light: round(light, 1),
    clr: {
      r: Math.round(counts * 0.95 * tint),
      g: Math.round(counts),
      b: Math.round((counts * 0.75) / tint),
    },
    prox: Math.round(clamp(prox, 0, 2047)),
  };
}

function batteryAt(profile: MachineProfile, at: number): BatteryPayload {
  // 1 % an hour from 100 % down to 20 %, then a fresh battery.
  const hours = (at / HOUR_MS + profile.batteryPhaseHours) % 80;
  return { ts: at, val: Math.round(100 - hours) };
}

const SAMPLERS: {
  [M in WunderbarModule]: (p: MachineProfile, at: number) => WunderbarPayloads[M];
} = {
  htu: htuAt,
  gyro: gyroAt,
  light: lightAt,
  mic: micAt,
  battery: batteryAt,
};

/** The payload `module` of the profiled machine sends at `at` (epoch ms, which is also its ts). */
export function samplePayload<M extends WunderbarModule>(
  profile: MachineProfile,
  module: M,
  at: number,
): WunderbarPayloads[M] {
  return SAMPLERS[module](profile, at);
}
