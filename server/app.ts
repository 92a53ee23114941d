// Assembles the HTTP app: cross-cutting plugins first, then one plugin per feature, then the
// built client. Tests call `buildApp` and use `app.inject()`; no port is opened here.
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import websocket from '@fastify/websocket';
import Fastify from 'fastify';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyReply,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { MAX_SIGNAL_FRAME_BYTES } from '../shared/limits.js';
import { accountRoutes } from './accounts/account.routes.js';
import { alarmRoutes } from './alarms/alarm.routes.js';
import { bookingRoutes } from './booking/booking.routes.js';
import type { BookingNotify } from './booking/notify.js';
import type { AlarmMonitor } from './alarms/alarm.service.js';
import { contactRoutes } from './contacts/contact.routes.js';
import { authPlugin } from './accounts/auth.js';
import type { Db } from './db/database.js';
import type { Config } from './env.js';
import { Invalid, toHttpError } from './errors.js';
import type { Clock } from './lib/clock.js';
import type { Lounge } from './lounge/lounge.js';
import { loungeRoutes } from './lounge/lounge.routes.js';
import type { DeviceDirectory } from './machines/device-auth.js';
import type { Mailer } from './mail/mailer.js';
import { outboxRoutes } from './mail/outbox.routes.js';
import { machineRoutes } from './machines/machine.routes.js';
import { importRoutes } from './imports/import.routes.js';
import { privacyRoutes } from './privacy/privacy.routes.js';
import { roomRoutes } from './rooms/room.routes.js';
import { todayRoutes } from './today/today.routes.js';
import type { TelemetryService } from './telemetry/telemetry.service.js';
import { DEVICE_API_PREFIX, telemetryRoutes } from './telemetry/telemetry.routes.js';
import { findRoomByHandle } from './rooms/room.repository.js';

/** What every feature plugin receives: config and the shared infrastructure. */
export interface AppContext {
  config: Config;
  db: Db;
  clock: Clock;
  /** Server secret for signed tokens (resumable call sessions, TURN ids). */
  secret: Buffer;
  /** The signaling hub that owns all live room state. */
  lounge: Lounge;
  /** Resolves device tokens (cached); the one instance the device service keeps up to date. */
  devices: DeviceDirectory;
  /** Evaluates alarm rules; told when a rule is created or deleted. */
  alarms: AlarmMonitor;
  /** Machine data: store, ingest, live values, the MQTT broker or bridge. */
  telemetry: TelemetryService;
  /** Told of every booking, move and cancel (for invitations); nothing is sent when absent. */
  notifyBooking?: BookingNotify;
  /** Sends e-mail through the outbox (SMTP when configured, else kept for reading in the app). */
  mailer: Mailer;
}

/** The Fastify instance with zod schemas as its type provider. */
export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** Options for building the app. */
export interface BuildAppOptions {
  /** A pino logger instance, or false for silence (tests). */
  logger?: FastifyBaseLogger | false;
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Builds the complete HTTP app around a context. */
export async function buildApp(ctx: AppContext, opts: BuildAppOptions = {}): Promise<App> {
  const app = Fastify({
    ...(opts.logger ? { loggerInstance: opts.logger } : { logger: false }),
    trustProxy: ctx.config.trustProxy,
    bodyLimit: 1024 * 1024,
    // A machine grant (a signed token) travels in the path; Fastify's default allows 100 characters.
    routerOptions: { maxParamLength: 1024 },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler((err, req, reply) => {
    if (hasZodFastifySchemaValidationErrors(err)) {
      const { status, body } = toHttpError(
        new Invalid(
          'Invalid input',
          'invalid',
          // Where and what: fastify-type-provider-zod keeps the zod issue's path and message here.
          err.validation.map((v) => ({ path: v.instancePath, message: v.message })),
        ),
      );
      return reply.status(status).send(body);
    }
    const statusCode = (err as { statusCode?: number }).statusCode;
    if (statusCode === 429) {
      return reply
        .status(429)
        .send({ error: { code: 'rate_limited', message: 'Too many requests' } });
    }
    if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
      const code = (err as { code?: string }).code;
      return reply.status(statusCode).send({
        error: {
          code:
            code === 'FST_CSRF_INVALID_TOKEN' || code === 'FST_CSRF_MISSING_SECRET'
              ? 'csrf'
              : 'bad_request',
          message: err instanceof Error ? err.message : 'Bad request',
        },
      });
    }
    const { status, body, retryAfter } = toHttpError(err);
    if (retryAfter !== undefined) reply.header('retry-after', String(retryAfter));
    else if (status >= 500) req.log.error({ err }, 'request failed');
    return reply.status(status).send(body);
  });

  await app.register(cookie);
  await app.register(csrf, {
    cookieKey: 'nahbar_csrf',
    cookieOpts: {
      path: '/',
      httpOnly: true,
      sameSite: 'strict',
      secure: ctx.config.secureCookies,
      signed: false,
    },
    getToken: (req) => req.headers['x-csrf-token'] as string | undefined,
  });
  await app.register(rateLimit, { global: false });
  await app.register(authPlugin, {
    db: ctx.db,
    clock: ctx.clock,
    sessionDays: ctx.config.sessionDays,
    secureCookies: ctx.config.secureCookies,
  });
  // Every state-changing request must carry the CSRF token; SameSite cookies are the second fence.
  app.addHook('onRequest', (req, reply, done) => {
    // Devices authenticate by the token in the path and hold no cookies to forge requests with.
    if (UNSAFE_METHODS.has(req.method) && !req.url.startsWith(DEVICE_API_PREFIX)) {
      app.csrfProtection(req, reply, done);
    } else done();
  });
  await app.register(websocket, {
    // Frames above our 64 KiB limit get an error frame from the hub; only absurd ones are cut off here.
    options: { maxPayload: MAX_SIGNAL_FRAME_BYTES * 16 },
  });

  // OpenAPI description of every route (from the same zod schemas that validate requests) and
  // its browsable UI at /api/docs, served from this server like everything else.
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Nahbar API',
        version: '1',
        description:
          'Session cookie authentication; state-changing requests need the token of GET /api/csrf in the x-csrf-token header.',
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { validatorUrl: null } });

  app.get('/healthz', async () => {
    await ctx.db.selectFrom('settings').select('key').limit(1).execute();
    return { status: 'ok' };
  });
  app.get('/api/csrf', async (_req, reply) => ({ token: reply.generateCsrf() }));

  await app.register(accountRoutes(ctx), { prefix: '/api' });
  await app.register(roomRoutes(ctx), { prefix: '/api' });
  await app.register(contactRoutes(ctx), { prefix: '/api' });
  await app.register(privacyRoutes(ctx), { prefix: '/api' });
  await app.register(todayRoutes(ctx), { prefix: '/api' });
  await app.register(importRoutes(ctx), { prefix: '/api' });
  await app.register(machineRoutes(ctx), { prefix: '/api' });
  await app.register(alarmRoutes(ctx), { prefix: '/api' });
  await app.register(telemetryRoutes(ctx), { prefix: '/api' });
  await app.register(bookingRoutes(ctx), { prefix: '/api' });
  await app.register(outboxRoutes(ctx), { prefix: '/api' });
  await app.register(loungeRoutes(ctx));

  await registerClient(app, ctx);
  return app;
}

/** Serves the built client, with index.html for every page route (a 404 status for unknown rooms). */
async function registerClient(app: App, ctx: AppContext): Promise<void> {
  const indexFile = path.join(ctx.config.clientDir, 'index.html');
  const hasClient = fs.existsSync(indexFile);
  if (hasClient) {
    await app.register(fastifyStatic, {
      root: ctx.config.clientDir,
      wildcard: false,
      index: false,
      preCompressed: true,
      setHeaders: (res, file) => {
        // Hashed asset names never change content; index.html must always be revalidated.
        if (file.includes(`${path.sep}assets${path.sep}`)) {
          res.header('cache-control', 'public, max-age=31536000, immutable');
        }
      },
    });
  }
  const sendIndex = async (status: number, reply: FastifyReply) => {
    if (!hasClient) {
      return reply
        .status(503)
        .type('text/plain')
        .send('The client is not built. Run `npm run build` first.');
    }
    return reply
      .status(status)
      .header('cache-control', 'no-cache')
      .type('text/html')
      .send(await fs.promises.readFile(indexFile));
  };
  // A room link and a booking page share the seller's handle; one nobody has is a 404 page.
  for (const path of ['/r/:handle', '/book/:handle', '/book/:handle/:type']) {
    app.get(path, async (req, reply) => {
      const { handle } = req.params as { handle: string };
      const room = await findRoomByHandle(ctx.db, handle.toLowerCase());
      return sendIndex(room ? 200 : 404, reply);
    });
  }
  app.setNotFoundHandler(async (req, reply) => {
    const wantsPage =
      req.method === 'GET' &&
      !req.url.startsWith('/api/') &&
      !req.url.startsWith('/assets/') &&
      (req.headers.accept ?? '').includes('text/html');
    if (wantsPage) return sendIndex(200, reply);
    return reply.status(404).send({ error: { code: 'not_found', message: 'Not found' } });
  });
}
