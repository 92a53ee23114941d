// The telemetry writer thread: its own connection to the SQLite database file, which writes the
// batches the main thread posts (sqlite-writer-thread.ts), one at a time in the order posted, and
// answers each with the number of new raw rows or the error. `close` closes the connection.
import { parentPort, workerData } from 'node:worker_threads';
import { openSqlite } from '../db/sqlite.js';
import { ReadingBatch } from './reading-batch.js';
import { prepareBatchWrite } from './sqlite-batch.js';
import type { BatchWrite } from './sqlite-batch.js';
import type { WriterReply, WriterRequest, WriterThreadData } from './sqlite-writer-thread.js';

const { file } = workerData as WriterThreadData;
const sqlite = openSqlite(file);
// Prepared on the first batch: the main thread migrates the schema before it writes.
let write: BatchWrite | undefined;
const reply = (message: WriterReply) => parentPort?.postMessage(message);

parentPort?.on('message', (request: WriterRequest) => {
  if (request.type === 'close') {
    sqlite.close();
    parentPort?.close();
    return;
  }
  try {
    write ??= prepareBatchWrite(sqlite);
    reply({ id: request.id, inserted: write(ReadingBatch.decode(request.batch)) });
  } catch (error) {
    const { message, code } = error as { message?: unknown; code?: unknown };
    reply({
      id: request.id,
      error: {
        message: typeof message === 'string' ? message : String(error),
        code: typeof code === 'string' ? code : undefined,
      },
    });
  }
});
