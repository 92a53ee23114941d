// The load generator in worker threads: the devices split over `threads` workers, each running
// its share of mqtt.js clients (ingest-load.ts) in its own event loop, driven by messages. With
// `threads` = 0 the clients run in the benchmark's own event loop.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { startModuleWorker } from '../../server/lib/module-worker.js';
import type { BenchDevice } from './ingest-seed.js';
import { connectLocalPool } from './ingest-load.js';
import type { LoadPool, LoadWindow, PoolTally } from './ingest-load.js';

interface GeneratorData {
  ingestGenerator: true;
  port: number;
  devices: BenchDevice[];
  window: LoadWindow;
}

type ToWorker =
  { type: 'start'; qos: 0 | 1; phaseTs: number } | { type: 'finish' } | { type: 'close' };
type FromWorker =
  | { type: 'ready' }
  | { type: 'finished'; tally: PoolTally }
  | { type: 'closed' }
  | { type: 'failed'; message: string };

/** Starts one worker and waits until its clients are connected. */
async function startWorker(data: GeneratorData): Promise<LoadPool> {
  const worker = startModuleWorker(new URL(import.meta.url), { workerData: data });
  const next = <T extends FromWorker['type']>(type: T) =>
    new Promise<Extract<FromWorker, { type: T }>>((resolve, reject) => {
      const onMessage = (message: FromWorker) => {
        if (message.type === 'failed') reject(new Error(message.message));
        if (message.type !== type) return;
        worker.off('message', onMessage);
        resolve(message as Extract<FromWorker, { type: T }>);
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
    });
  const send = (message: ToWorker) => worker.postMessage(message);
  await next('ready');
  return {
    start: (qos, phaseTs) => send({ type: 'start', qos, phaseTs }),
    async finish() {
      const finished = next('finished');
      send({ type: 'finish' });
      return (await finished).tally;
    },
    loopMeter() {
      const before = worker.performance.eventLoopUtilization();
      return () => worker.performance.eventLoopUtilization(before).utilization;
    },
    async close() {
      const closed = next('closed');
      send({ type: 'close' });
      await closed;
      await worker.terminate();
    },
  };
}

/** Connects the devices' clients to a broker, in `threads` worker threads (0: in this thread). */
export async function connectGenerator(
  port: number,
  devices: readonly BenchDevice[],
  window: LoadWindow,
  threads: number,
): Promise<LoadPool> {
  if (threads <= 0) return connectLocalPool(port, devices, window);
  const shares = Array.from({ length: threads }, (_, t) =>
    devices.filter((_d, i) => i % threads === t),
  );
  const pools = await Promise.all(
    shares.map((share) => startWorker({ ingestGenerator: true, port, devices: share, window })),
  );
  return {
    start: (qos, phaseTs) => pools.forEach((p) => p.start(qos, phaseTs)),
    async finish() {
      const tallies = await Promise.all(pools.map((p) => p.finish()));
      return {
        published: tallies.reduce((sum, t) => sum + t.published, 0),
        lastAckAt: Math.max(...tallies.map((t) => t.lastAckAt)),
        errors: tallies.flatMap((t) => t.errors),
      };
    },
    // The busiest thread's share, since the slowest one bounds the load.
    loopMeter() {
      const meters = pools.map((p) => p.loopMeter());
      return () => Math.max(...meters.map((m) => m()));
    },
    async close() {
      await Promise.all(pools.map((p) => p.close()));
    },
  };
}

/** Serves one worker's share: connects, then starts, finishes and closes on request. */
async function serveWorker(data: GeneratorData): Promise<void> {
  const port = parentPort;
  if (!port) return;
  const reply = (message: FromWorker) => port.postMessage(message);
  let pool: LoadPool;
  try {
    pool = await connectLocalPool(data.port, data.devices, data.window);
  } catch (err) {
    reply({ type: 'failed', message: err instanceof Error ? err.message : String(err) });
    return;
  }
  port.on('message', (message: ToWorker) => {
    if (message.type === 'start') pool.start(message.qos, message.phaseTs);
    else if (message.type === 'finish') {
      void pool.finish().then((tally) => reply({ type: 'finished', tally }));
    } else {
      void pool.close().then(() => {
        reply({ type: 'closed' });
        port.close();
      });
    }
  });
  reply({ type: 'ready' });
}

if (!isMainThread && (workerData as Partial<GeneratorData> | null)?.ingestGenerator) {
  await serveWorker(workerData as GeneratorData);
}
