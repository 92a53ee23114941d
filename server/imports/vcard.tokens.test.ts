// The vCard tokeniser: unfolding, quoted-printable, parameters in all their spellings, and
// errors for what is not a card.
import { describe, expect, it } from 'vitest';
import { decodeQuotedPrintable, tokenizeVcards } from './vcard.tokens.js';

const propertiesOf = (text: string) => {
  const { cards, errors } = tokenizeVcards(text);
  expect(errors).toEqual([]);
  return (cards[0]?.properties ?? []).map((p) => ({
    group: p.group,
    name: p.name,
    params: Object.fromEntries(p.params),
    value: p.value,
  }));
};

describe('tokenizeVcards', () => {
  it('unfolds CRLF and bare LF followed by a space or a tab (3.0 drops that character)', () => {
    const text = 'BEGIN:VCARD\nVERSION:3.0\r\nNOTE:Zeile eins \r\n  und\n\tzwei\r\nEND:VCARD\r\n';
    expect(propertiesOf(text).at(-1)).toEqual({
      group: null,
      name: 'NOTE',
      params: {},
      value: 'Zeile eins  undzwei',
    });
  });

  it('keeps the folding whitespace in 2.1, which folds at whitespace', () => {
    const text = 'BEGIN:VCARD\r\nVERSION:2.1\r\nNOTE:Zeile\r\n eins\r\nEND:VCARD';
    expect(propertiesOf(text).at(-1)?.value).toBe('Zeile eins');
  });

  it('joins quoted-printable soft line breaks and decodes with the charset', () => {
    const text = [
      'BEGIN:VCARD',
      'VERSION:2.1',
      'NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=utf-8:Gr=C3=BC=C3=9Fe =',
      'aus M=C3=BC=',
      'nchen=0D=0AZeile 2',
      'FN;CHARSET=ISO-8859-1;QUOTED-PRINTABLE:J=FCrgen Gro=DF',
      'END:VCARD',
    ].join('\r\n');
    expect(
      propertiesOf(text)
        .slice(1)
        .map((p) => p.value),
    ).toEqual(['Grüße aus München\r\nZeile 2', 'Jürgen Groß']);
  });

  it('reads TYPE lists, bare 2.1 parameters, quoted values with ":" and groups', () => {
    const text = [
      'BEGIN:VCARD',
      'VERSION:4.0',
      'TEL;WORK;VOICE;PREF:+49 30 1',
      'TEL;TYPE="work,voice";PREF=1;VALUE=uri:tel:+49-30-2',
      'item1.EMAIL;type=INTERNET;type=pref:a@x.de',
      'ADR;LABEL="Am Wall 12: Hinterhaus";TYPE=work:;;Am Wall 12;Bremen;;;',
      'END:VCARD',
    ].join('\r\n');
    expect(propertiesOf(text).slice(1)).toEqual([
      { group: null, name: 'TEL', params: { TYPE: ['work', 'voice', 'pref'] }, value: '+49 30 1' },
      {
        group: null,
        name: 'TEL',
        params: { TYPE: ['work', 'voice'], PREF: ['1'], VALUE: ['uri'] },
        value: 'tel:+49-30-2',
      },
      { group: 'item1', name: 'EMAIL', params: { TYPE: ['internet', 'pref'] }, value: 'a@x.de' },
      {
        group: null,
        name: 'ADR',
        params: { LABEL: ['Am Wall 12: Hinterhaus'], TYPE: ['work'] },
        value: ';;Am Wall 12;Bremen;;;',
      },
    ]);
  });

  it('decodes base64 text but leaves photos as written, indented or not', () => {
    const text = [
      'BEGIN:VCARD',
      'VERSION:2.1',
      'PHOTO;TYPE=JPEG;ENCODING=BASE64:',
      '/9j/4AAQSkZJRgABAQEA',
      'YABgAAD/2wBDAAgGBgcG',
      '',
      `NOTE;ENCODING=BASE64;CHARSET=utf-8:${Buffer.from('Grüße').toString('base64')}`,
      'END:VCARD',
    ].join('\r\n');
    expect(
      propertiesOf(text)
        .slice(1)
        .map((p) => [p.name, p.value]),
    ).toEqual([
      ['PHOTO', '/9j/4AAQSkZJRgABAQEAYABgAAD/2wBDAAgGBgcG'],
      ['NOTE', 'Grüße'],
    ]);
  });

  it('reports stray text once per run, broken lines and unterminated cards by their card line', () => {
    const text = [
      'Kontakte exportiert am 1.3.2024', // 1
      'noch eine Zeile', // 2
      'BEGIN:VCARD', // 3
      'FN:Anna', // 4
      'das ist keine Eigenschaft', // 5
      'END:VCARD', // 6
      'BEGIN:VCARD', // 7
      'FN:Bernd', // 8
      'BEGIN:VCARD', // 9
      'FN:Clara', // 10
      'END:VCARD', // 11
      'END:VCARD', // 12
    ].join('\n');
    const { cards, errors } = tokenizeVcards(text);
    expect(cards.map((c) => c.line)).toEqual([9]);
    expect(errors).toEqual([
      { line: 1, code: 'malformed_card', detail: 'Kontakte exportiert am 1.3.2024' },
      { line: 3, code: 'malformed_card', detail: 'das ist keine Eigenschaft' },
      { line: 7, code: 'unterminated_card' },
      { line: 12, code: 'malformed_card', detail: 'END:VCARD' },
    ]);
  });

  it('reads an empty file as no cards', () => {
    expect(tokenizeVcards('\r\n\r\n')).toEqual({ cards: [], errors: [] });
  });
});

describe('decodeQuotedPrintable', () => {
  it('decodes runs of bytes with the charset and keeps raw characters', () => {
    expect(decodeQuotedPrintable('M=C3=BCnchen', 'utf-8')).toBe('München');
    expect(decodeQuotedPrintable('K=F6ln =80', 'windows-1252')).toBe('Köln €');
    expect(decodeQuotedPrintable('Köln =3D 1', undefined)).toBe('Köln = 1');
  });
});
