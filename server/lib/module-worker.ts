// Starting a worker thread from one of our modules. The built server runs `.js` files; tests and
// `tsx` run the `.ts` sources, and a worker does not inherit tsx's loader, so there the worker
// registers it before importing the module.
import { Worker } from 'node:worker_threads';
import type { WorkerOptions } from 'node:worker_threads';

/** The URL of the sibling module `name` (without extension) of `base`, as `base` is run. */
export function siblingModule(base: string, name: string): URL {
  return new URL(`./${name}${base.endsWith('.ts') ? '.ts' : '.js'}`, base);
}

/** Starts a worker running the module at `url`. */
export function startModuleWorker(url: URL, options: WorkerOptions = {}): Worker {
  if (!url.pathname.endsWith('.ts')) return new Worker(url, options);
  const boot =
    `import('tsx/esm/api').then((api) => { api.register(); ` +
    `return import(${JSON.stringify(url.href)}); })`;
  return new Worker(boot, { ...options, eval: true });
}
