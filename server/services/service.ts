// The shape of every long-running part of Nahbar, and the runner that stops them in reverse order.
import type { FastifyBaseLogger } from 'fastify';

/** A long-running part with a name, started once and stopped once. */
export interface Service {
  readonly name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts services one after another and stops the started ones in reverse order. */
export class ServiceRunner {
  private started: Service[] = [];

  constructor(private readonly log: FastifyBaseLogger) {}

  /** Starts a service and remembers it for `stop`; a failed start stops what already runs. */
  async start<S extends Service>(service: S): Promise<S> {
    try {
      await service.start();
    } catch (err) {
      this.log.error({ err, service: service.name }, 'service failed to start');
      await this.stop();
      throw err;
    }
    this.started.push(service);
    this.log.debug({ service: service.name }, 'service started');
    return service;
  }

  /** Stops started services in reverse order; errors are logged, not thrown, so all get stopped. */
  async stop(): Promise<void> {
    const running = this.started.reverse();
    this.started = [];
    for (const service of running) {
      try {
        await service.stop();
        this.log.debug({ service: service.name }, 'service stopped');
      } catch (err) {
        this.log.error({ err, service: service.name }, 'service failed to stop');
      }
    }
  }
}
