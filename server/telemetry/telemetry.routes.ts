// Routes of live machine data: the device HTTP API (ThingsBoard's `POST /api/v1/<token>/telemetry`),
// a machine's chart series and its live values as server-sent events, for its seller and, through
// a grant, for everyone in a call the machine is shared into.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { LiveValue, SharedMachineView } from '../../shared/api/machines.js';
import type { MachineId } from '../../shared/ids.js';
import { requireUser } from '../accounts/auth.js';
import type { AppContext } from '../app.js';
import { viewerOf } from '../contacts/contact.routes.js';
import { Forbidden, Invalid, Unauthorized, Unavailable } from '../errors.js';
import { presentSharedMachine } from '../machines/machine.presenters.js';
import { loadMachineById } from '../machines/machine.repository.js';
import { machineIdParamsSchema } from '../machines/machine.schemas.js';
import { getMachine } from '../machines/machine.service.js';
import { loadMachineSeries, rangeWindow } from './machine-series.js';
import { MAX_PAYLOAD_BYTES } from './payload.js';
import {
  deviceTokenParamsSchema,
  grantParamsSchema,
  seriesQuerySchema,
} from './telemetry.schemas.js';

/** Paths under this prefix are the device API: token-authenticated, no cookies, no CSRF. */
export const DEVICE_API_PREFIX = '/api/v1/';

// Comment lines keep proxies from closing an idle event stream.
const KEEPALIVE_MS = 15_000;
// How often an open stream checks that its reader may still see the machine (a call's grant).
const ACCESS_CHECK_MS = 1_000;

const tags = ['machine data'];

/** The machine data sub-app, mounted under /api. */
export function telemetryRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const { db, clock, devices, telemetry, lounge } = ctx;
  return async (app) => {
    // Event streams are hijacked from Fastify, so closing the app ends them here; otherwise the
    // HTTP server would wait for every open machine page before it shuts down.
    const streams = new Set<() => void>();
    app.addHook('preClose', (done) => {
      for (const end of streams) end();
      done();
    });
    // The device API reads the raw bytes: the payload normaliser decides what is JSON and what
    // is garbage, exactly as for MQTT.
    const deviceApiPlugin: FastifyPluginAsyncZod = async (deviceApi) => {
      deviceApi.removeAllContentTypeParsers();
      deviceApi.addContentTypeParser(
        '*',
        { parseAs: 'buffer', bodyLimit: MAX_PAYLOAD_BYTES },
        (_req, body, done) => done(null, body),
      );
      deviceApi.post(
        '/v1/:token/telemetry',
        { schema: { tags, params: deviceTokenParamsSchema } },
        async (req) => {
          const device = await devices.authenticate(req.params.token);
          if (!device) throw new Unauthorized('Unknown device token', 'bad_device_token');
          if (telemetry.writer.overloaded) {
            throw new Unavailable('Too much telemetry waiting to be stored; send again shortly');
          }
          const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
          const outcome = await telemetry.ingest.ingest(device, bytes);
          if (outcome.stored === 0 && outcome.rejected.length > 0) {
            throw new Invalid('No reading could be read from the payload', 'bad_telemetry', {
              rejected: outcome.rejected,
            });
          }
          return outcome;
        },
      );
    };
    await app.register(deviceApiPlugin);

    app.get(
      '/machines/:id/series',
      { schema: { tags, params: machineIdParamsSchema, querystring: seriesQuerySchema } },
      async (req) => {
        const machine = await getMachine(db, viewerOf(requireUser(req)), req.params.id);
        const window = rangeWindow(req.query.range, req.query.end ?? clock.now());
        return loadMachineSeries(telemetry.store, machine, window);
      },
    );

    /**
     * Streams a machine's live values as server-sent events until the client goes, the app
     * closes, or `allowed` (checked every second) says the caller may no longer see them.
     */
    const streamLive = (
      req: FastifyRequest,
      reply: FastifyReply,
      machineId: MachineId,
      allowed: () => boolean = () => true,
    ) => {
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });
      res.write(': live\n\n');
      const stop = telemetry.live.subscribe(machineId, (values: LiveValue[]) => {
        res.write(`data: ${JSON.stringify({ values })}\n\n`);
      });
      let idle = 0;
      const check = setInterval(() => {
        if (!allowed()) return end();
        if (++idle * ACCESS_CHECK_MS >= KEEPALIVE_MS) {
          idle = 0;
          res.write(': keepalive\n\n');
        }
      }, ACCESS_CHECK_MS);
      const end = () => {
        clearInterval(check);
        stop();
        streams.delete(end);
        res.end();
      };
      streams.add(end);
      req.raw.on('close', end);
    };

    app.get(
      '/machines/:id/live',
      { schema: { tags, params: machineIdParamsSchema } },
      async (req, reply) => {
        const machine = await getMachine(db, viewerOf(requireUser(req)), req.params.id);
        streamLive(req, reply, machine.row.id);
      },
    );

    // A machine shared into a call, for everyone in it (customers have no account): the grant
    // in the path is the only credential, and it works while the share is on and its holder is
    // in the call.
    const granted = (grant: string) => {
      const claims = lounge.checkMachineGrant(grant);
      if (!claims)
        throw new Forbidden('This machine is not shared with you (any more)', 'share_ended');
      return claims;
    };
    const sharedMachine = async (grant: string) => {
      const machine = await loadMachineById(db, granted(grant).machineId);
      if (!machine)
        throw new Forbidden('This machine is not shared with you (any more)', 'share_ended');
      return machine;
    };

    app.get(
      '/shared/:grant',
      { schema: { tags, params: grantParamsSchema } },
      async (req): Promise<SharedMachineView> => {
        const machine = await sharedMachine(req.params.grant);
        return presentSharedMachine(machine, clock.now());
      },
    );

    app.get(
      '/shared/:grant/series',
      { schema: { tags, params: grantParamsSchema, querystring: seriesQuerySchema } },
      async (req) => {
        const machine = await sharedMachine(req.params.grant);
        const window = rangeWindow(req.query.range, req.query.end ?? clock.now());
        return loadMachineSeries(telemetry.store, machine, window);
      },
    );

    app.get(
      '/shared/:grant/live',
      { schema: { tags, params: grantParamsSchema } },
      async (req, reply) => {
        const { grant } = req.params;
        const machine = await sharedMachine(grant);
        streamLive(req, reply, machine.row.id, () => lounge.checkMachineGrant(grant) !== null);
      },
    );
  };
}
