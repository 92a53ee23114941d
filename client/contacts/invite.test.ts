import { describe, expect, it } from 'vitest';
import { mailtoHref } from './invite';

describe('mailtoHref', () => {
  it('encodes subject and body with CRLF line breaks and keeps the address readable', () => {
    const href = mailtoHref('anna@berger.example', 'Ihr Link & mehr', 'Guten Tag,\n\nbis gleich');
    expect(href).toBe(
      'mailto:anna@berger.example?subject=Ihr%20Link%20%26%20mehr&body=Guten%20Tag%2C%0D%0A%0D%0Abis%20gleich',
    );
  });

  it('cannot be tricked into extra headers by the address', () => {
    expect(mailtoHref('a?cc=b@x.de', 's', 'b')).toMatch(/^mailto:a%3Fcc%3Db@x\.de\?subject=/);
  });
});
