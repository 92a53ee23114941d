// The main thread's side of the telemetry writer thread (sqlite-writer-worker.ts). A batch write
// on SQLite is CPU work of about 3 µs per reading that would otherwise block the event loop,
// where the MQTT broker and the HTTP server run; in a thread of its own it runs beside them. The
// thread starts with the first write and holds the process open only while a write is pending.
// If it dies, the pending writes reject and the next write starts a new one.
import { once } from 'node:events';
import type { Worker } from 'node:worker_threads';
import { siblingModule, startModuleWorker } from '../lib/module-worker.js';
import type { EncodedBatch, ReadingBatch } from './reading-batch.js';

/** What the writer thread is given. */
export interface WriterThreadData {
  file: string;
}

/** What the main thread asks of the writer thread. */
export type WriterRequest = { type: 'write'; id: number; batch: EncodedBatch } | { type: 'close' };

/** The writer thread's answer to one write. */
export type WriterReply =
  | { id: number; inserted: number }
  | { id: number; error: { message: string; code: string | undefined } };

/** An error of the writer thread's database, with SQLite's code when it had one. */
export class SqliteWriterError extends Error {
  override name = 'SqliteWriterError';
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

interface Pending {
  resolve(inserted: number): void;
  reject(error: unknown): void;
}

// One running thread and the writes it has not answered yet.
interface Thread {
  worker: Worker;
  pending: Map<number, Pending>;
}

/** Batch writes to a SQLite database file in a worker thread with its own connection. */
export class SqliteWriterThread {
  private thread: Thread | undefined;
  private nextId = 1;

  constructor(private readonly file: string) {}

  /** Writes a batch in one transaction; resolves with the number of new raw rows. */
  write(batch: ReadingBatch): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      const encoded = batch.encode();
      const { worker, pending } = (this.thread ??= this.spawn());
      const id = this.nextId++;
      pending.set(id, { resolve, reject });
      worker.ref();
      const request: WriterRequest = { type: 'write', id, batch: encoded };
      worker.postMessage(request, [encoded.refs.buffer, encoded.numbers.buffer]);
    });
  }

  /** Closes the thread's connection after the writes posted before and ends the thread. */
  async close(): Promise<void> {
    const thread = this.thread;
    this.thread = undefined;
    if (thread === undefined) return;
    const exited = once(thread.worker, 'exit');
    thread.worker.ref();
    const request: WriterRequest = { type: 'close' };
    thread.worker.postMessage(request);
    await exited;
  }

  private spawn(): Thread {
    const worker = startModuleWorker(siblingModule(import.meta.url, 'sqlite-writer-worker'), {
      workerData: { file: this.file } satisfies WriterThreadData,
    });
    const thread: Thread = { worker, pending: new Map() };
    // The thread is gone: its unanswered writes reject, and the next write starts a new one.
    const fail = (error: unknown) => {
      if (this.thread === thread) this.thread = undefined;
      for (const pending of thread.pending.values()) pending.reject(error);
      thread.pending.clear();
    };
    worker.unref();
    worker.on('message', (reply: WriterReply) => {
      const pending = thread.pending.get(reply.id);
      if (pending === undefined) return;
      thread.pending.delete(reply.id);
      if (thread.pending.size === 0) worker.unref();
      if ('error' in reply) {
        pending.reject(new SqliteWriterError(reply.error.message, reply.error.code));
      } else pending.resolve(reply.inserted);
    });
    worker.on('error', fail);
    worker.on('exit', (code) =>
      fail(new Error(`the telemetry writer thread stopped (exit code ${code})`)),
    );
    return thread;
  }
}
