// Input schemas of the alarm routes; handler types are derived from them.
import { z } from 'zod';
import type { AlarmRuleId, DeviceId, MachineId } from '../../shared/ids.js';
import { telemetryKeySchema } from '../telemetry/telemetry.schemas.js';

const opaqueId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'invalid id');

/** Longest minimum duration of a threshold rule: one day. */
export const MAX_MIN_DURATION_SECONDS = 86_400;
/** Most expected intervals an offline rule may wait. */
export const MAX_OFFLINE_INTERVALS = 1000;

/** Path parameters naming a machine. */
export const machineIdParamsSchema = z.object({
  id: opaqueId.transform((s) => s as MachineId),
});

/** Path parameters naming a device. */
export const deviceIdParamsSchema = z.object({
  id: opaqueId.transform((s) => s as DeviceId),
});

/** Path parameters naming an alarm rule. */
export const alarmRuleIdParamsSchema = z.object({
  id: opaqueId.transform((s) => s as AlarmRuleId),
});

/**
 * Body of POST /api/devices/:id/alarm-rules: a threshold rule on a key (a finite threshold, a
 * hysteresis of at least 0, a minimum duration of up to a day) or an offline rule (1–1000 times
 * the device's expected interval). zod refuses NaN and ±Infinity for numbers.
 */
export const createAlarmRuleBodySchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.enum(['above', 'below']),
    key: telemetryKeySchema,
    threshold: z.number(),
    hysteresis: z.number().min(0).default(0),
    minDurationSeconds: z.int().min(0).max(MAX_MIN_DURATION_SECONDS).default(0),
  }),
  z.object({
    kind: z.literal('offline'),
    intervals: z.int().min(1).max(MAX_OFFLINE_INTERVALS),
  }),
]);

/** A validated new rule. */
export type CreateAlarmRuleInput = z.infer<typeof createAlarmRuleBodySchema>;
