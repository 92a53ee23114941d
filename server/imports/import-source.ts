// Where an import's prepared rows come from. A small file (and rows parsed already) is read and
// prepared on the spot. A big file is read and prepared in a worker thread and arrives in batches
// while the importer stores the batches before them: reading and writing overlap, and the event
// loop stays free for calls and other requests while 100,000 rows are parsed.
import { on } from 'node:events';
import { Invalid } from '../errors.js';
import { siblingModule, startModuleWorker } from '../lib/module-worker.js';
import type { ColumnMapping } from './csv.mapping.js';
import { readCsvRows } from './csv.js';
import type { ImportError, ImportedRow, ImportResult, ImportSink } from './draft.js';
import { prepareRow } from './prepare.js';
import type { ImportBatch, PrepareContext } from './prepare.js';
import { readVcards } from './vcard.js';

/** An uploaded file and how to read it. */
export type ImportFile =
  | { format: 'csv'; bytes: Uint8Array; mapping: ColumnMapping }
  | { format: 'vcard'; bytes: Uint8Array };

/** The prepared rows of an import, batch by batch, for the importer's context. */
export type ImportSource = (
  ctx: PrepareContext,
) => AsyncIterable<ImportBatch> | Iterable<ImportBatch>;

/** Rows per batch: one INSERT per table and batch on PostgreSQL. */
export const BATCH_ROWS = 5_000;

/**
 * Rows per message from the import worker, gathered into batches of `BATCH_ROWS` on the other
 * side. The worker reads this many rows ahead, prepares them together and posts them, so it
 * holds little at any time.
 */
export const WORKER_POST_ROWS = 250;

/** Files from this size on are read in a worker (smaller ones take milliseconds). */
export const WORKER_MIN_BYTES = 256 * 1024;

/** Reads a file into a sink, row by row. Throws `Invalid` for files that cannot be read. */
export function readImportFile(file: ImportFile, sink: ImportSink): void {
  if (file.format === 'csv') readCsvRows(file.bytes, file.mapping, sink);
  else readVcards(file.bytes, sink);
}

/**
 * Runs `read` and prepares the rows it yields, handing over a batch every `rows` rows and a
 * last one (with whatever errors remain) at the end; the file's row count comes alone. Rows are
 * read a batch ahead and then prepared together. Reading and preparing run different code
 * (csv-parse and zod, then libphonenumber and folding); taking turns row by row was slower,
 * probably because neither stayed in the processor's caches (the import worker used 4–5 % more
 * CPU, and preparing 100,000 rows alone took 8.7–10.4 s against 7.1 s in phases).
 */
export function prepareBatches(
  read: (sink: ImportSink) => void,
  ctx: PrepareContext,
  onBatch: (batch: ImportBatch) => void,
  rows = BATCH_ROWS,
): void {
  let pending: ImportedRow[] = [];
  let errors: ImportError[] = [];
  const handOver = () => {
    const batch: ImportBatch = { contacts: [], errors };
    for (const row of pending) {
      const prepared = prepareRow(row, ctx);
      if ('record' in prepared) batch.contacts.push(prepared);
      else batch.errors.push(prepared);
    }
    pending = [];
    errors = [];
    onBatch(batch);
  };
  read({
    row(row) {
      pending.push(row);
      if (pending.length >= rows) handOver();
    },
    error: (error) => errors.push(error),
    // Handed over at once (the reader counts before the rows come), for the progress bar.
    total: (total) => onBatch({ contacts: [], errors: [], total }),
  });
  handOver();
}

/** Prepares rows on the spot; `read` runs when the importer asks for the first batch. */
function inlineSource(read: (sink: ImportSink) => void): ImportSource {
  return function* (ctx) {
    const batches: ImportBatch[] = [];
    prepareBatches(read, ctx, (batch) => batches.push(batch));
    yield* batches;
  };
}

/** Rows that were parsed already (the importers' tests, callers with their own parser). */
export function parsedSource(parsed: ImportResult): ImportSource {
  return inlineSource((sink) => {
    for (const row of parsed.rows) sink.row(row);
    for (const error of parsed.errors) sink.error(error);
  });
}

/** What the worker is given. */
export interface ImportJob {
  file: ImportFile;
  ctx: PrepareContext;
}

/** What the worker says. */
export type ImportWorkerMessage =
  | { type: 'batch'; batch: ImportBatch }
  | { type: 'done' }
  | { type: 'failed'; message: string; code?: string; details?: unknown };

/**
 * The batches a worker sends, in order, gathered to `BATCH_ROWS` rows (the row count at once);
 * ends the worker when the importer stops early.
 */
async function* workerBatches(job: ImportJob): AsyncGenerator<ImportBatch> {
  const worker = startModuleWorker(siblingModule(import.meta.url, 'import-worker'), {
    workerData: job,
  });
  let gathered: ImportBatch = { contacts: [], errors: [] };
  try {
    // Ends on `exit`; rejects on the worker's `error` (an exception it did not catch).
    for await (const [message] of on(worker, 'message', { close: ['exit'] })) {
      const said = message as ImportWorkerMessage;
      if (said.type === 'done') {
        yield gathered;
        return;
      }
      if (said.type === 'batch') {
        const { contacts, errors, total } = said.batch;
        if (total !== undefined) {
          yield said.batch;
          continue;
        }
        gathered.contacts.push(...contacts);
        gathered.errors.push(...errors);
        if (gathered.contacts.length >= BATCH_ROWS) {
          yield gathered;
          gathered = { contacts: [], errors: [] };
        }
      } else if (said.code) throw new Invalid(said.message, said.code, said.details);
      else throw new Error(`The import worker failed: ${said.message}`);
    }
    throw new Error('The import worker stopped before it was done');
  } finally {
    await worker.terminate();
  }
}

/**
 * The rows of an uploaded file: read in a worker when the file is big (or `worker` says so),
 * else on the spot.
 */
export function fileSource(file: ImportFile, options: { worker?: boolean } = {}): ImportSource {
  const inWorker = options.worker ?? file.bytes.length >= WORKER_MIN_BYTES;
  if (!inWorker) return inlineSource((sink) => readImportFile(file, sink));
  return (ctx) => workerBatches({ file, ctx });
}
