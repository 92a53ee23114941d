// Structured logging with pino; one root logger per process.
import pino from 'pino';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../env.js';

/** The logger type used across the server. */
export type Logger = FastifyBaseLogger;

/** Creates the process's root logger (JSON lines on stdout). */
export function createLogger(level: Config['logLevel']): Logger {
  return pino({
    level,
    base: { app: 'nahbar' },
    redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'],
  });
}
