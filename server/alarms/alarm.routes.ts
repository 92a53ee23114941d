// Routes of machine alarms: a machine's alarms, and the alarm rules of its devices.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireUser } from '../accounts/auth.js';
import type { AppContext } from '../app.js';
import { viewerOf } from '../contacts/contact.routes.js';
import { presentAlarm, presentAlarmRule } from './alarm.presenters.js';
import {
  alarmRuleIdParamsSchema,
  createAlarmRuleBodySchema,
  deviceIdParamsSchema,
  machineIdParamsSchema,
} from './alarm.schemas.js';
import {
  createAlarmRule,
  deleteAlarmRule,
  listAlarmRules,
  listMachineAlarms,
} from './rule.service.js';

/** The alarms sub-app, mounted under /api. */
export function alarmRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const deps = { db: ctx.db, clock: ctx.clock, monitor: ctx.alarms };
  return async (app) => {
    app.get('/machines/:id/alarms', { schema: { params: machineIdParamsSchema } }, async (req) => {
      const viewer = viewerOf(requireUser(req));
      const rows = await listMachineAlarms(ctx.db, { viewer, machineId: req.params.id });
      return { alarms: rows.map(presentAlarm) };
    });

    app.get(
      '/devices/:id/alarm-rules',
      { schema: { params: deviceIdParamsSchema } },
      async (req) => {
        const viewer = viewerOf(requireUser(req));
        const rows = await listAlarmRules(ctx.db, { viewer, deviceId: req.params.id });
        return { rules: rows.map(presentAlarmRule) };
      },
    );

    app.post(
      '/devices/:id/alarm-rules',
      { schema: { params: deviceIdParamsSchema, body: createAlarmRuleBodySchema } },
      async (req, reply) => {
        const viewer = viewerOf(requireUser(req));
        const row = await createAlarmRule(deps, {
          viewer,
          deviceId: req.params.id,
          input: req.body,
        });
        return reply.status(201).send({ rule: presentAlarmRule(row) });
      },
    );

    app.delete(
      '/alarm-rules/:id',
      { schema: { params: alarmRuleIdParamsSchema } },
      async (req, reply) => {
        const viewer = viewerOf(requireUser(req));
        await deleteAlarmRule(deps, { viewer, ruleId: req.params.id });
        return reply.status(204).send();
      },
    );
  };
}
