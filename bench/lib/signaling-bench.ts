// Signaling capacity: 500 simulated participants in 250 rooms relay timestamped messages through
// one Nahbar process; the same load through the bare relay (also its own process) is the baseline.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import type { LoadOptions, LoadResult } from './signaling-load.js';
import { bareFlavour, nahbarFlavour, runSignalingLoad } from './signaling-load.js';
import { seedOpenRooms, startNahbarProcess, tempDataDir } from './nahbar-process.js';
import { quantile, round } from './stats.js';

/** Figures of one signaling run. */
export interface SignalingFigures {
  participants: number;
  rooms: number;
  messages: number;
  lost: number;
  p50_ms: number;
  p99_ms: number;
}

function figures(opts: LoadOptions, result: LoadResult): SignalingFigures {
  return {
    participants: opts.rooms * opts.perRoom,
    rooms: opts.rooms,
    messages: result.latencies.length,
    lost: result.sent - result.received,
    p50_ms: round(quantile(result.latencies, 0.5), 2),
    p99_ms: round(quantile(result.latencies, 0.99), 2),
  };
}

/** Default load: 250 rooms × 2 participants, 10 messages per second each, 10 s. */
export const DEFAULT_LOAD: LoadOptions = {
  rooms: 250,
  perRoom: 2,
  ratePerParticipant: 10,
  durationMs: 10_000,
  warmupMs: 1_000,
};

/** Runs the load against Nahbar. */
export async function benchNahbarSignaling(opts = DEFAULT_LOAD): Promise<SignalingFigures> {
  const dataDir = tempDataDir();
  const handles = await seedOpenRooms(dataDir, opts.rooms);
  const server = await startNahbarProcess(dataDir, { NAHBAR_ROOM_CAPACITY: String(opts.perRoom) });
  try {
    return figures(opts, await runSignalingLoad(nahbarFlavour(server.url, handles), opts));
  } finally {
    await server.stop();
  }
}

/** Runs the load against the bare relay in its own process. */
export async function benchBareSignaling(opts = DEFAULT_LOAD): Promise<SignalingFigures> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/lib/bare-relay.ts', '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const [line] = (await once(child.stdout, 'data')) as [Buffer];
    const port = Number(/ready (\d+)/.exec(String(line))?.[1]);
    return figures(opts, await runSignalingLoad(bareFlavour(port), opts));
  } finally {
    child.kill('SIGTERM');
  }
}
