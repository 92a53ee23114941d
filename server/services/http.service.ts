// The HTTP service: listens with the assembled app and closes it on stop.
import type { App } from '../app.js';
import type { Service } from './service.js';

/** Serves the app on a host and port; `address` is known after start (port 0 picks a free one). */
export class HttpService implements Service {
  readonly name = 'http';
  private boundPort: number | null = null;

  constructor(
    private readonly app: App,
    private readonly host: string,
    private readonly port: number,
  ) {}

  /** Starts listening. */
  async start(): Promise<void> {
    await this.app.listen({ host: this.host, port: this.port });
    const address = this.app.server.address();
    this.boundPort = typeof address === 'object' && address ? address.port : this.port;
  }

  /** Stops accepting connections and closes the app (and its plugins' resources). */
  async stop(): Promise<void> {
    await this.app.close();
  }

  /** The port actually bound. */
  get boundPortNumber(): number {
    if (this.boundPort === null) throw new Error('http service is not started');
    return this.boundPort;
  }
}
