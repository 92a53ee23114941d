// Nahbar under test: started in-process on 127.0.0.1 with a temp data dir (SQLite), and
// restartable on the same port and data dir so that clients can reconnect to "the same server".
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import type { IceServer } from '../../shared/protocol/signaling.js';
import { loadConfig } from '../../server/env.js';
import type { Config } from '../../server/env.js';
import { startNahbar } from '../../server/nahbar.js';
import type { Nahbar } from '../../server/nahbar.js';
import { testEnv } from '../../server/test/test-env.js';
import { freePort } from '../../server/test/ports.js';

/** Settings a test may choose for its server. */
export interface TestServerOptions {
  /** Room capacity (NAHBAR_ROOM_CAPACITY); Nahbar's default is 4. */
  capacity?: number;
  /** STUN/TURN servers handed out as they are (NAHBAR_ICE_SERVERS). */
  iceServers?: IceServer[];
  /** coturn with REST credentials (NAHBAR_TURN_URLS and NAHBAR_TURN_SECRET). */
  turn?: { urls: string[]; secret: string };
  /** An SMTP server to send mail through (NAHBAR_SMTP_URL); mail stays in the outbox otherwise. */
  smtpUrl?: string;
  /** Log level of the server under test; defaults to the test setting (debug). */
  logLevel?: Config['logLevel'];
}

/** One Nahbar process-in-a-process with its own port, data dir and log file. */
export class TestServer {
  private running: Nahbar | null = null;
  private readonly log: pino.Logger;
  private readonly logStream: pino.DestinationStream & { end?: () => void };

  private constructor(
    readonly config: Config,
    readonly dataDir: string,
    readonly logFile: string,
  ) {
    this.logStream = pino.destination({ dest: logFile, sync: true });
    this.log = pino({ level: config.logLevel, base: { app: 'nahbar-e2e' } }, this.logStream);
  }

  /** Creates a temp data dir, picks a free port and starts Nahbar on it. */
  static async start(opts: TestServerOptions = {}): Promise<TestServer> {
    const dataDir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'nahbar-e2e-'));
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const env: Record<string, string> = {
      NAHBAR_HOST: '127.0.0.1',
      NAHBAR_PORT: String(port),
      // 1883 belongs to the machine's Mosquitto; the embedded broker takes any free port.
      NAHBAR_MQTT_PORT: '0',
      NAHBAR_PUBLIC_URL: url,
      NAHBAR_DATA_DIR: dataDir,
      NAHBAR_CLIENT_DIR: testEnv.NAHBAR_TEST_CLIENT_DIR,
      NAHBAR_LOG_LEVEL: opts.logLevel ?? testEnv.NAHBAR_TEST_LOG_LEVEL,
      // Tests sign in a handful of users quickly; the login limit is tested elsewhere.
      NAHBAR_LOGIN_MAX_PER_MINUTE: '1000',
    };
    if (opts.capacity !== undefined) env.NAHBAR_ROOM_CAPACITY = String(opts.capacity);
    if (opts.smtpUrl) env.NAHBAR_SMTP_URL = opts.smtpUrl;
    if (opts.iceServers) env.NAHBAR_ICE_SERVERS = JSON.stringify(opts.iceServers);
    if (opts.turn) {
      env.NAHBAR_TURN_URLS = opts.turn.urls.join(',');
      env.NAHBAR_TURN_SECRET = opts.turn.secret;
    }
    const server = new TestServer(loadConfig(env), dataDir, path.join(dataDir, 'nahbar.log'));
    await server.start();
    return server;
  }

  /** Base URL, e.g. http://127.0.0.1:41234; the same after a restart. */
  get url(): string {
    return this.config.publicUrl;
  }

  /** The running instance; throws while stopped. */
  get nahbar(): Nahbar {
    if (!this.running) throw new Error('the test server is stopped');
    return this.running;
  }

  /** Starts Nahbar (again) on the configured port and data dir. */
  async start(): Promise<void> {
    if (this.running) throw new Error('the test server is already running');
    this.running = await startNahbar(this.config, { logger: this.log });
  }

  /** Stops Nahbar gracefully, as a SIGTERM would; the data dir stays. */
  async stop(): Promise<void> {
    const running = this.running;
    this.running = null;
    if (running) await running.stop();
  }

  /** The last `lines` log entries, compacted, without routine request lines, for failure reports. */
  logTail(lines = 80): string {
    let text: string;
    try {
      text = fs.readFileSync(this.logFile, 'utf8');
    } catch {
      return '(no server log)';
    }
    return text
      .trimEnd()
      .split('\n')
      .map(compactLogLine)
      .filter((line): line is string => line !== null)
      .slice(-lines)
      .join('\n');
  }

  /** Stops Nahbar and removes the data dir. */
  async dispose(): Promise<void> {
    await this.stop();
    this.logStream.end?.();
    await fs.promises.rm(this.dataDir, { recursive: true, force: true });
  }
}

const LEVELS: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL',
};

/** One pino JSON line as "LEVEL msg {rest}"; successful request lines are dropped as noise. */
function compactLogLine(line: string): string | null {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  const { level, time, msg, ...rest } = entry;
  delete rest.app;
  delete rest.reqId;
  const status = (rest.res as { statusCode?: number } | undefined)?.statusCode ?? 0;
  if (msg === 'incoming request' || (msg === 'request completed' && status < 400)) return null;
  const when = typeof time === 'number' ? new Date(time).toISOString().slice(11, 23) : '';
  const extra = Object.keys(rest).length > 0 ? ` ${JSON.stringify(rest)}` : '';
  return `${when} ${LEVELS[Number(level)] ?? String(level)} ${String(msg)}${extra}`;
}
