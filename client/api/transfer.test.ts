import { describe, expect, it } from 'vitest';
import { filenameFromDisposition } from './transfer';

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
