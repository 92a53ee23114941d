// The contract of a telemetry reading as a zod schema: what the payload normaliser promises to
// produce, and what any other edge naming a series (a query by key, a dashboard) must accept.
import { z } from 'zod';
import { CHART_RANGES } from '../../shared/api/machines.js';
import type { ChartRange } from '../../shared/api/machines.js';
import { KEY_PATTERN, MAX_KEY_LENGTH, MIN_TS, isValidKey } from './rules.js';

/** A reading key: 1–64 characters, dot-joined segments of `[A-Za-z0-9_-]`, no reserved name. */
export const telemetryKeySchema = z
  .string()
  .min(1)
  .max(MAX_KEY_LENGTH)
  .regex(KEY_PATTERN, 'invalid telemetry key')
  .refine(isValidKey, 'reserved telemetry key');

/** One reading: a key, its device time (or server time), a finite value and the server time. */
export const telemetryReadingSchema = z.object({
  key: telemetryKeySchema,
  ts: z.int().min(MIN_TS),
  // zod 4 refuses NaN and ±Infinity for z.number().
  value: z.number(),
  receivedAt: z.int(),
});

/** One reading, as `parseTelemetry` produces it. */
export type TelemetryReading = z.infer<typeof telemetryReadingSchema>;

/** Path of the device HTTP API: the device token stands where ThingsBoard puts it. */
export const deviceTokenParamsSchema = z.object({ token: z.string().min(1).max(200) });

/** Query of a machine's chart: a range ending now, or ending at `end` (e.g. around an alarm). */
export const seriesQuerySchema = z.object({
  range: z.enum(Object.keys(CHART_RANGES) as [ChartRange, ...ChartRange[]]).default('1h'),
  end: z.coerce.number().int().min(0).optional(),
});

/** Path of the routes a machine grant opens (a signed token, see server/lounge/machine-share.ts). */
export const grantParamsSchema = z.object({ grant: z.string().min(1).max(2_000) });
