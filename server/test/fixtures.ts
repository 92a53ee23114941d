// The sample import files in test/fixtures, read as the bytes a browser would upload.
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The bytes of one fixture file. */
export function readFixture(name: string): Uint8Array {
  return new Uint8Array(
    readFileSync(path.resolve(import.meta.dirname, '../../test/fixtures', name)),
  );
}
