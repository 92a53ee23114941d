import { describe, expect, it } from 'vitest';
import { filenameFromDisposition, lineReader } from './transfer';

describe('filenameFromDisposition', () => {
  it('prefers the encoded filename* parameter', () => {
    const header = `attachment; filename="kontakte.csv"; filename*=UTF-8''Kontakte%20M%C3%BCller.csv`;
    expect(filenameFromDisposition(header, 'x')).toBe('Kontakte Müller.csv');
  });

  it('reads quoted and bare filenames', () => {
    expect(filenameFromDisposition('attachment; filename="a \\"b\\".json"', 'x')).toBe(
      'a "b".json',
    );
    expect(filenameFromDisposition('attachment; filename=contacts.vcf', 'x')).toBe('contacts.vcf');
  });

  it('falls back without a usable header', () => {
    expect(filenameFromDisposition(null, 'contact.json')).toBe('contact.json');
    expect(filenameFromDisposition('inline', 'contact.json')).toBe('contact.json');
  });
});

describe('lineReader', () => {
  it('hands over each complete line of a growing answer once, parsed', () => {
    const reader = lineReader();
    expect(reader.next('')).toEqual([]);
    expect(reader.next('{"progress":{"done":0,')).toEqual([]);
    const first = '{"progress":{"done":0,"total":9}}\n';
    expect(reader.next(first)).toEqual([{ progress: { done: 0, total: 9 } }]);
    const more = `${first}{"progress":{"done":5,"total":9}}\n\n{"result":{"created":9`;
    expect(reader.next(more)).toEqual([{ progress: { done: 5, total: 9 } }]);
    expect(reader.next(`${more},"updated":0,"errors":[]}}\n`)).toEqual([
      { result: { created: 9, updated: 0, errors: [] } },
    ]);
    expect(reader.next(`${more},"updated":0,"errors":[]}}\n`)).toEqual([]);
  });

  it('gives null for a line that is no JSON instead of throwing', () => {
    expect(lineReader().next('not json\n{"a":1}\n')).toEqual([null, { a: 1 }]);
  });
});
