import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('public URL and SMTP settings', () => {
  it('default to none, and drop a trailing slash', () => {
    const config = loadConfig({}, '/srv');
    expect([config.publicUrl, config.smtpUrl, config.mailFrom]).toEqual([null, null, 'Waymark <waymark@localhost>']);
    const set = loadConfig({ WAYMARK_PUBLIC_URL: 'https://cx.example.com/', WAYMARK_SMTP_URL: 'smtps://u:p@mail.example.com:465', WAYMARK_MAIL_FROM: 'cx@example.com' }, '/srv');
    expect([set.publicUrl, set.smtpUrl, set.mailFrom]).toEqual(['https://cx.example.com', 'smtps://u:p@mail.example.com:465', 'cx@example.com']);
  });

  it('refuse what is not a URL of the right kind, naming the variable', () => {
    expect(() => loadConfig({ WAYMARK_PUBLIC_URL: 'cx.example.com' }, '/srv')).toThrow(expect.objectContaining({ code: 'WM_CONFIG_INVALID', path: 'WAYMARK_PUBLIC_URL' }));
    expect(() => loadConfig({ WAYMARK_SMTP_URL: 'https://mail.example.com' }, '/srv')).toThrow(expect.objectContaining({ code: 'WM_CONFIG_INVALID', path: 'WAYMARK_SMTP_URL' }));
  });
});
