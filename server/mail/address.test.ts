import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../env.js';
import { parseMailAddress } from './address.js';

describe('mail addresses', () => {
  it('reads a bare address, a named one and a quoted name', () => {
    expect(parseMailAddress('gabi@example.test')).toEqual({
      name: null,
      address: 'gabi@example.test',
    });
    expect(parseMailAddress(' Nahbar <nahbar@localhost> ')).toEqual({
      name: 'Nahbar',
      address: 'nahbar@localhost',
    });
    expect(parseMailAddress('"Müller, Gabi \\"GG\\"" <gabi@müller.example>')).toEqual({
      name: 'Müller, Gabi "GG"',
      address: 'gabi@müller.example',
    });
  });

  it('refuses what is no address, and names that could inject header lines', () => {
    for (const bad of [
      '',
      'gabi',
      'gabi@',
      '@example.test',
      'Gabi <gabi>',
      'gabi@example.test, eve@example.test',
      'Gabi\r\nBcc: eve@example.test <gabi@example.test>',
      'Gabi <gabi@example.test',
      'gabi@-example.test',
    ]) {
      expect(parseMailAddress(bad), bad).toBeNull();
    }
  });
});

describe('mail settings', () => {
  it('keeps mail in the outbox, from Nahbar <nahbar@localhost>, unless configured', () => {
    expect(loadConfig({}).mail).toEqual({
      smtpUrl: null,
      from: { name: 'Nahbar', address: 'nahbar@localhost' },
    });
  });

  it('takes an smtp:// or smtps:// URL and a sender with a name', () => {
    const config = loadConfig({
      NAHBAR_SMTP_URL: 'smtps://nahbar%40example.com:s3cret@mail.example.com:465',
      NAHBAR_MAIL_FROM: '"Vertrieb, Muster GmbH" <vertrieb@example.com>',
    });
    expect(config.mail).toEqual({
      smtpUrl: 'smtps://nahbar%40example.com:s3cret@mail.example.com:465',
      from: { name: 'Vertrieb, Muster GmbH', address: 'vertrieb@example.com' },
    });
  });

  it('refuses other URLs without repeating them (they hold passwords), and senders that are no address', () => {
    for (const url of ['https://mail.example.com', 'smtp://', 'mail.example.com:587']) {
      const attempt = () => loadConfig({ NAHBAR_SMTP_URL: url });
      expect(attempt).toThrow(ConfigError);
      expect(attempt).toThrow(/NAHBAR_SMTP_URL: use smtp:\/\/user:password@host:587/);
    }
    expect(() => loadConfig({ NAHBAR_SMTP_URL: 'ftp://user:hunter22@mail.example.com' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('hunter22') as unknown }),
    );
    expect(() => loadConfig({ NAHBAR_MAIL_FROM: 'Nahbar' })).toThrow(
      /NAHBAR_MAIL_FROM: use an e-mail address, optionally with a name/,
    );
  });
});
