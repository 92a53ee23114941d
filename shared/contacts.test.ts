import { describe, expect, it } from 'vitest';
import { contactInputSchema } from './contacts.js';

describe('contactInputSchema', () => {
  it('accepts e-mail addresses on umlaut domains and lower-cases and de-duplicates them', () => {
    const input = contactInputSchema.parse({
      name: 'Jürgen Müller',
      emails: ['Info@Müller.de', 'info@müller.de', 'j@example.com'],
      tags: ['Kunde', 'kunde', 'Key Account'],
    });
    expect(input.emails).toEqual(['info@müller.de', 'j@example.com']);
    expect(input.tags).toEqual(['kunde', 'key account']);
  });

  it('turns an address without any part into no address', () => {
    expect(contactInputSchema.parse({ name: 'A', address: {} }).address).toBeNull();
    expect(contactInputSchema.parse({ name: 'A', address: { city: ' ' } }).address).toBeNull();
    expect(contactInputSchema.parse({ name: 'A', address: { city: 'Ulm' } }).address).toEqual({
      street: null,
      postalCode: null,
      city: 'Ulm',
      country: null,
    });
  });

  it('refuses garbage with a message naming the field', () => {
    const result = contactInputSchema.safeParse({
      name: '',
      emails: ['nope'],
      timeZone: 'Mars/Base',
    });
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((i) => i.path.join('.')).sort();
    expect(paths).toEqual(['emails.0', 'name', 'timeZone']);
  });
});
