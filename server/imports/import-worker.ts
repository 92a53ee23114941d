// The import worker: reads one uploaded file, prepares its rows (import-source.ts) and posts them
// batch by batch, then `done`; a file that cannot be read is posted as `failed` with its code.
import { parentPort, workerData } from 'node:worker_threads';
import { Invalid } from '../errors.js';
import { prepareBatches, readImportFile, WORKER_POST_ROWS } from './import-source.js';
import type { ImportJob, ImportWorkerMessage } from './import-source.js';

const post = (message: ImportWorkerMessage) => parentPort?.postMessage(message);
const job = workerData as ImportJob;
try {
  prepareBatches(
    (sink) => readImportFile(job.file, sink),
    job.ctx,
    (batch) => post({ type: 'batch', batch }),
    WORKER_POST_ROWS,
  );
  post({ type: 'done' });
} catch (error) {
  post(
    error instanceof Invalid
      ? { type: 'failed', message: error.message, code: error.code, details: error.details }
      : { type: 'failed', message: error instanceof Error ? error.message : String(error) },
  );
}
