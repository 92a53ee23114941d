// Workers from our modules: the sibling of a module keeps its extension (`.ts` from sources, `.js`
// when built), and both kinds start and run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { siblingModule, startModuleWorker } from './module-worker.js';

describe('module workers', () => {
  it('names the sibling module with the extension its caller runs under', () => {
    expect(siblingModule('file:///app/server/imports/a.ts', 'b').href).toBe(
      'file:///app/server/imports/b.ts',
    );
    expect(siblingModule('file:///app/dist/server/imports/a.js', 'b').href).toBe(
      'file:///app/dist/server/imports/b.js',
    );
  });

  it.each([
    ['a built .js module', 'echo.js', 'js'],
    ['a TypeScript source', 'echo.ts', 'ts'],
  ])('runs %s', async (_kind, file, said) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nahbar-worker-'));
    try {
      const module = path.join(dir, file);
      fs.writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }');
      fs.writeFileSync(
        module,
        `import { parentPort, workerData } from 'node:worker_threads';\n` +
          `const kind: string = '${said}';\n`.replace(said === 'js' ? ': string' : '', '') +
          `parentPort?.postMessage([kind, workerData]);\n`,
      );
      const worker = startModuleWorker(pathToFileURL(module), { workerData: 42 });
      const [message] = (await once(worker, 'message')) as unknown[];
      expect(message).toEqual([said, 42]);
      await worker.terminate();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
