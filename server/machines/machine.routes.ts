// Routes of live machine data, seller side: machines of customers' companies, their devices,
// device tokens (shown once) and what each reading key means.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireUser } from '../accounts/auth.js';
import type { AppContext } from '../app.js';
import { viewerOf } from '../contacts/contact.routes.js';
import {
  deleteDevice,
  provisionDevice,
  revokeDeviceToken,
  rotateDeviceToken,
  setDeviceKeyMeta,
  updateDevice,
} from './device.service.js';
import { presentDevice, presentDeviceToken, presentMachine } from './machine.presenters.js';
import {
  createMachineBodySchema,
  deviceIdParamsSchema,
  deviceKeyParamsSchema,
  keyMetaBodySchema,
  listMachinesQuerySchema,
  machineIdParamsSchema,
  provisionDeviceBodySchema,
  updateDeviceBodySchema,
  updateMachineBodySchema,
} from './machine.schemas.js';
import {
  createMachine,
  deleteMachine,
  getMachine,
  listMachines,
  updateMachine,
} from './machine.service.js';

// Groups these routes in the OpenAPI description at /api/docs.
const tags = ['machines'];

/** The machines sub-app, mounted under /api. */
export function machineRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const { db, clock, devices: directory, telemetry } = ctx;
  return async (app) => {
    app.get(
      '/machines',
      { schema: { tags, querystring: listMachinesQuerySchema } },
      async (req) => {
        const viewer = viewerOf(requireUser(req));
        const records = await listMachines(db, viewer, req.query);
        const now = clock.now();
        return { machines: records.map((r) => presentMachine(r, now)) };
      },
    );

    app.post(
      '/machines',
      { schema: { tags, body: createMachineBodySchema } },
      async (req, reply) => {
        const viewer = viewerOf(requireUser(req));
        const record = await createMachine(db, clock, { viewer, input: req.body });
        return reply.status(201).send({ machine: presentMachine(record, clock.now()) });
      },
    );

    app.get('/machines/:id', { schema: { tags, params: machineIdParamsSchema } }, async (req) => {
      const viewer = viewerOf(requireUser(req));
      const record = await getMachine(db, viewer, req.params.id);
      return { machine: presentMachine(record, clock.now()) };
    });

    app.patch(
      '/machines/:id',
      { schema: { tags, params: machineIdParamsSchema, body: updateMachineBodySchema } },
      async (req) => {
        const viewer = viewerOf(requireUser(req));
        const record = await updateMachine(db, clock, {
          viewer,
          machineId: req.params.id,
          input: req.body,
        });
        return { machine: presentMachine(record, clock.now()) };
      },
    );

    app.delete(
      '/machines/:id',
      { schema: { tags, params: machineIdParamsSchema } },
      async (req, reply) => {
        const viewer = viewerOf(requireUser(req));
        await deleteMachine(db, directory, { viewer, machineId: req.params.id });
        return reply.status(204).send();
      },
    );

    app.post(
      '/machines/:id/devices',
      { schema: { tags, params: machineIdParamsSchema, body: provisionDeviceBodySchema } },
      async (req, reply) => {
        const viewer = viewerOf(requireUser(req));
        const { record, token } = await provisionDevice(db, clock, {
          viewer,
          machineId: req.params.id,
          ...req.body,
        });
        return reply
          .status(201)
          .send(presentDeviceToken(record, token, telemetry.mqttConnection(token)));
      },
    );

    app.patch(
      '/devices/:id',
      { schema: { tags, params: deviceIdParamsSchema, body: updateDeviceBodySchema } },
      async (req) => {
        const viewer = viewerOf(requireUser(req));
        const record = await updateDevice(db, { viewer, deviceId: req.params.id, input: req.body });
        // The offline rule counts in the device's expected interval, which may have changed.
        await ctx.alarms.reloadDevice(record.row.id);
        return { device: presentDevice(record) };
      },
    );

    app.delete(
      '/devices/:id',
      { schema: { tags, params: deviceIdParamsSchema } },
      async (req, reply) => {
        const viewer = viewerOf(requireUser(req));
        await deleteDevice(db, directory, { viewer, deviceId: req.params.id });
        return reply.status(204).send();
      },
    );

    app.put(
      '/devices/:id/keys/:key',
      { schema: { tags, params: deviceKeyParamsSchema, body: keyMetaBodySchema } },
      async (req) => {
        const viewer = viewerOf(requireUser(req));
        const record = await setDeviceKeyMeta(db, {
          viewer,
          deviceId: req.params.id,
          key: req.params.key,
          meta: req.body,
        });
        return { device: presentDevice(record) };
      },
    );

    app.post(
      '/devices/:id/token',
      { schema: { tags, params: deviceIdParamsSchema } },
      async (req) => {
        const viewer = viewerOf(requireUser(req));
        const { record, token } = await rotateDeviceToken(db, clock, directory, {
          viewer,
          deviceId: req.params.id,
        });
        return presentDeviceToken(record, token, telemetry.mqttConnection(token));
      },
    );

    app.delete(
      '/devices/:id/token',
      { schema: { tags, params: deviceIdParamsSchema } },
      async (req, reply) => {
        const viewer = viewerOf(requireUser(req));
        await revokeDeviceToken(db, clock, directory, { viewer, deviceId: req.params.id });
        return reply.status(204).send();
      },
    );
  };
}
