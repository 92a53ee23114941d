// Input schemas of the machines routes; handler types are derived from them.
import { z } from 'zod';
import {
  DEFAULT_EXPECTED_INTERVAL_SECONDS,
  MAX_EXPECTED_INTERVAL_SECONDS,
} from '../../shared/api/machines.js';
import type { CompanyId, ContactId, DeviceId, MachineId } from '../../shared/ids.js';
import { telemetryKeySchema } from '../telemetry/telemetry.schemas.js';

const opaqueId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'invalid id');

/** A trimmed single-line text of 1 to `max` characters. */
function lineSchema(max: number) {
  return z
    .string()
    .trim()
    .min(1)
    .max(max)
    .regex(/^[^\p{Cc}]+$/u, 'control characters are not allowed');
}

/** A machine's or device's name (the columns hold 120 characters). */
export const machineNameSchema = lineSchema(120);

/** Expected seconds between a device's messages: 1 second to 1 day. */
export const expectedIntervalSchema = z.int().min(1).max(MAX_EXPECTED_INTERVAL_SECONDS);

/** Path parameters naming a machine. */
export const machineIdParamsSchema = z.object({
  id: opaqueId.transform((s) => s as MachineId),
});

/** Path parameters naming a device. */
export const deviceIdParamsSchema = z.object({
  id: opaqueId.transform((s) => s as DeviceId),
});

/** Path parameters naming one reading key of a device. */
export const deviceKeyParamsSchema = z.object({
  id: opaqueId.transform((s) => s as DeviceId),
  key: telemetryKeySchema,
});

/** Query of GET /api/machines. */
export const listMachinesQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

/** Body of POST /api/machines. */
export const createMachineBodySchema = z.object({
  name: machineNameSchema,
  companyId: opaqueId.transform((s) => s as CompanyId),
  /** The customer contact whose Today entry alarms raise; must work at the company. */
  contactId: opaqueId
    .transform((s) => s as ContactId)
    .nullish()
    .transform((c) => c ?? null),
});

/** Input of a new machine. */
export type CreateMachineInput = z.infer<typeof createMachineBodySchema>;

/** Body of PATCH /api/machines/:id: any of name, company and contact (null clears the contact). */
export const updateMachineBodySchema = z
  .object({
    name: machineNameSchema.optional(),
    companyId: opaqueId.transform((s) => s as CompanyId).optional(),
    contactId: opaqueId
      .transform((s) => s as ContactId)
      .nullable()
      .optional(),
  })
  .refine((b) => b.name !== undefined || b.companyId !== undefined || b.contactId !== undefined, {
    message: 'give a name, a companyId or a contactId',
  });

/** Changes to a machine. */
export type UpdateMachineInput = z.infer<typeof updateMachineBodySchema>;

/** Body of POST /api/machines/:id/devices. */
export const provisionDeviceBodySchema = z.object({
  name: machineNameSchema,
  expectedIntervalSeconds: expectedIntervalSchema.default(DEFAULT_EXPECTED_INTERVAL_SECONDS),
});

/** Body of PATCH /api/devices/:id: a new name, a new expected interval, or both. */
export const updateDeviceBodySchema = z
  .object({
    name: machineNameSchema.optional(),
    expectedIntervalSeconds: expectedIntervalSchema.optional(),
  })
  .refine((b) => b.name !== undefined || b.expectedIntervalSeconds !== undefined, {
    message: 'give a name or an expectedIntervalSeconds',
  });

/** Changes to a device. */
export type UpdateDeviceInput = z.infer<typeof updateDeviceBodySchema>;

/** An optional text of key metadata; empty or missing means none. */
function metaText(max: number) {
  return z
    .string()
    .trim()
    .max(max)
    .regex(/^[^\p{Cc}]*$/u, 'control characters are not allowed')
    .nullish()
    .transform((s) => (s ? s : null));
}

/** Body of PUT /api/devices/:id/keys/:key: what the key means; replaces all three fields. */
export const keyMetaBodySchema = z.object({
  displayName: metaText(120),
  unit: metaText(32),
  meaning: metaText(200),
});

/** The metadata of one reading key. */
export type KeyMetaInput = z.infer<typeof keyMetaBodySchema>;
