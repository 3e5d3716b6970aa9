import { describe, expect, test } from 'vitest';
import { smtpOptions } from './email.channel.js';

describe('smtpOptions', () => {
  test('keeps pooling and timeouts next to the URL parts (nodemailer drops them when given { url })', () => {
    expect(smtpOptions('smtp://ops%40x.org:p%40ss@mail.x.org:2525', 5000, 7)).toMatchObject({
      pool: true,
      maxConnections: 7,
      host: 'mail.x.org',
      port: 2525,
      secure: false,
      auth: { user: 'ops@x.org', pass: 'p@ss' },
      connectionTimeout: 5000,
      socketTimeout: 5000,
    });
  });

  test('smtps defaults to implicit TLS on 465, smtp to 587; no credentials means no auth', () => {
    expect(smtpOptions('smtps://mail.x.org', 1000)).toMatchObject({ secure: true, port: 465, auth: undefined });
    expect(smtpOptions('smtp://mail.x.org', 1000)).toMatchObject({ secure: false, port: 587 });
  });
});
