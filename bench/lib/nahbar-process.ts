// Nahbar as a separate process for benchmarks, so that load generators in the benchmark process
// do not share an event loop with the server they measure.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { UserId } from '../../shared/ids.js';
import { migrateToLatest, openDatabase } from '../../server/db/database.js';
import { systemClock } from '../../server/lib/clock.js';
import { newId } from '../../server/lib/random.js';
import { createRoom } from '../../server/rooms/room.service.js';
import { freePort } from '../../server/test/ports.js';

/** A running Nahbar child process. */
export interface NahbarProcess {
  url: string;
  dataDir: string;
  /** The process id, e.g. to read its CPU time. */
  pid: number;
  stop(): Promise<void>;
}

/** Prepares a data dir with one seller and `rooms` open rooms; returns the room handles. */
export async function seedOpenRooms(dataDir: string, rooms: number): Promise<string[]> {
  const db = openDatabase({ dialect: 'sqlite', file: path.join(dataDir, 'nahbar.sqlite') });
  try {
    await migrateToLatest(db);
    const ownerId = newId<UserId>();
    await db
      .insertInto('users')
      .values({
        id: ownerId,
        email: 'bench@nahbar.test',
        name: 'Bench Seller',
        password_hash: 'not-a-hash',
        role: 'owner',
        created_at: Date.now(),
      })
      .execute();
    const handles: string[] = [];
    for (let i = 0; i < rooms; i++) {
      const room = await createRoom(db, systemClock, {
        ownerId,
        name: `Bench room ${i}`,
        personal: false,
        handle: `bench-room-${i}`,
      });
      await db.updateTable('rooms').set({ mode: 'open' }).where('id', '=', room.id).execute();
      handles.push(room.handle);
    }
    return handles;
  } finally {
    await db.destroy();
  }
}

/** Creates an empty temp data dir. */
export function tempDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'nahbar-bench-'));
}

/** How to run the process beyond its environment. */
export interface NahbarProcessOptions {
  /** Node options before the script (e.g. `--cpu-prof`). */
  nodeArgs?: readonly string[];
  /** Where its log (stdout, JSON lines) goes; discarded when absent. */
  logFile?: string;
}

/** Starts `node dist/server/main.js start` on a free loopback port and waits until it answers. */
export async function startNahbarProcess(
  dataDir: string,
  env: Record<string, string> = {},
  opts: NahbarProcessOptions = {},
): Promise<NahbarProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const log = opts.logFile === undefined ? 'ignore' : fs.openSync(opts.logFile, 'a');
  const child: ChildProcess = spawn(
    process.execPath,
    [...(opts.nodeArgs ?? []), 'dist/server/main.js', 'start'],
    {
      env: {
        NAHBAR_HOST: '127.0.0.1',
        NAHBAR_PORT: String(port),
        NAHBAR_MQTT_PORT: '0',
        NAHBAR_PUBLIC_URL: url,
        NAHBAR_DATA_DIR: dataDir,
        NAHBAR_LOG_LEVEL: 'warn',
        ...env,
      },
      stdio: ['ignore', log, 'inherit'],
    },
  );
  // The child holds its own copy of the log file's descriptor.
  if (typeof log === 'number') fs.closeSync(log);
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Nahbar exited with code ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error('Nahbar did not start within 20 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  if (child.pid === undefined) throw new Error('Nahbar has no process id');
  return {
    url,
    dataDir,
    pid: child.pid,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
