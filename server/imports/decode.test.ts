// Decoding uploads: the BOM decides, then strict UTF-8, then Windows-1252.
import { describe, expect, it } from 'vitest';
import { Invalid } from '../errors.js';
import { decodeCharset, decodeText } from './decode.js';

describe('decodeText', () => {
  it('reads UTF-8 with and without BOM', () => {
    const utf8 = new TextEncoder().encode('Groß;Weiß');
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]))).toEqual({
      text: 'Groß;Weiß',
      encoding: 'utf-8',
    });
    expect(decodeText(utf8)).toEqual({ text: 'Groß;Weiß', encoding: 'utf-8' });
  });

  it('falls back to Windows-1252, with € and German quotes from 0x80 to 0x9F', () => {
    // "Müller „50 €“ – ok" as German Windows writes it.
    const bytes = new Uint8Array([
      0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72, 0x20, 0x84, 0x35, 0x30, 0x20, 0x80, 0x93, 0x20, 0x96,
      0x20, 0x6f, 0x6b,
    ]);
    expect(decodeText(bytes)).toEqual({ text: 'Müller „50 €“ – ok', encoding: 'windows-1252' });
  });

  it("reads Excel's Unicode text (UTF-16 with BOM)", () => {
    const le = new Uint8Array([0xff, 0xfe, ...Buffer.from('Name\tFirma', 'utf16le')]);
    expect(decodeText(le)).toEqual({ text: 'Name\tFirma', encoding: 'utf-16le' });
    const be = new Uint8Array([0xfe, 0xff, 0x00, 0x41, 0x00, 0xdf]);
    expect(decodeText(be)).toEqual({ text: 'Aß', encoding: 'utf-16be' });
  });

  it('throws Invalid for binary files', () => {
    expect(() => decodeText(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00]))).toThrow(Invalid);
  });
});

describe('decodeCharset', () => {
  it('decodes with the named charset, Latin-1 labels as Windows-1252', () => {
    expect(decodeCharset(new Uint8Array([0x4b, 0xf6, 0x6c, 0x6e, 0x80]), 'ISO-8859-1')).toBe(
      'Köln€',
    );
    expect(decodeCharset(new Uint8Array([0xc3, 0xbc]), 'utf-8')).toBe('ü');
  });

  it('detects the charset when the label is missing or unknown', () => {
    expect(decodeCharset(new Uint8Array([0xc3, 0xbc]), undefined)).toBe('ü');
    expect(decodeCharset(new Uint8Array([0xfc]), 'x-unknown')).toBe('ü');
  });
});
