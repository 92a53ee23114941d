// The baseline of the ingest benchmark: a bare aedes broker with no storage. It accepts every
// connection and every publish at once (authenticate and authorizePublish call back
// synchronously), stores nothing and forwards nothing, so a QoS 1 PUBACK leaves as soon as aedes
// has parsed the packet. It bounds what any MQTT ingest built on aedes can do on this machine.
// Run as its own process (`startBareBroker`), like Nahbar, so that it never shares an event loop
// with the load generator.
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import net from 'node:net';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Aedes } from 'aedes';

/** A message between the benchmark and the bare broker process. */
type BareBrokerMessage =
  { type: 'ready'; port: number } | { type: 'count' } | { type: 'counted'; published: number };

/** A running bare broker process. */
export interface BareBroker {
  port: number;
  pid: number;
  /** Publish packets the broker has handled so far (every QoS). */
  published(): Promise<number>;
  stop(): Promise<void>;
}

/** Runs the broker inside this process and answers count requests from the parent. */
async function serveBareBroker(port: number): Promise<void> {
  let published = 0;
  const broker = await Aedes.createBroker({
    authenticate: (_client, _username, _password, done) => done(null, true),
    authorizePublish: (_client, _packet, done) => {
      published++;
      done(null);
    },
    authorizeForward: () => null,
  });
  const server = net.createServer((socket) => {
    // Nahbar's broker sets the same, so that PUBACKs are not held back by Nagle's algorithm.
    socket.setNoDelay(true);
    broker.handle(socket);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  const send = (message: BareBrokerMessage) => process.send?.(message);
  process.on('message', (message: BareBrokerMessage) => {
    if (message.type === 'count') send({ type: 'counted', published });
  });
  process.on('disconnect', () => process.exit(0));
  process.on('SIGTERM', () => {
    server.close();
    broker.close(() => process.exit(0));
  });
  send({ type: 'ready', port: bound });
}

/** Starts the bare broker in a child process (through tsx) on `port` of 127.0.0.1. */
export async function startBareBroker(port: number): Promise<BareBroker> {
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), [String(port)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = (type: BareBrokerMessage['type']) =>
    new Promise<BareBrokerMessage>((resolve, reject) => {
      const onMessage = (message: BareBrokerMessage) => {
        if (message.type !== type) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(message);
      };
      const onExit = (code: number | null) => {
        child.off('message', onMessage);
        reject(new Error(`the bare broker exited with code ${code}`));
      };
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  const ready = await next('ready');
  if (ready.type !== 'ready' || child.pid === undefined) throw new Error('bare broker not ready');
  return {
    port: ready.port,
    pid: child.pid,
    async published() {
      const answer = next('counted');
      child.send({ type: 'count' } satisfies BareBrokerMessage);
      const counted = await answer;
      return counted.type === 'counted' ? counted.published : Number.NaN;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

// Run as the child process: `node --import tsx bench/lib/bare-broker.ts <port>`.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await serveBareBroker(Number(process.argv[2] ?? 0));
}
