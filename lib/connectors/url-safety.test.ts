import { describe, expect, it } from 'vitest';
import { assertPublicUrl, isPrivateAddress } from './url-safety';

describe('outbound URL safety', () => {
  it('recognises private, loopback and link-local addresses', () => {
    for (const a of ['127.0.0.1', '10.1.2.3', '172.20.0.1', '192.168.1.1', '169.254.169.254', '::1', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1', '0.0.0.0']) {
      expect(isPrivateAddress(a), a).toBe(true);
    }
    for (const a of ['8.8.8.8', '13.110.0.1', '2606:4700::1111']) expect(isPrivateAddress(a), a).toBe(false);
  });

  it('refuses loopback, private hosts, plain http and credentials in URLs, saying why', async () => {
    await expect(assertPublicUrl('https://127.0.0.1/x', { what: 'The event URL' })).rejects.toThrow('The event URL points to a private or local address');
    await expect(assertPublicUrl('https://localhost:8443/')).rejects.toThrow(/private or local address/);
    await expect(assertPublicUrl('https://[::1]/')).rejects.toThrow(/private or local address/);
    await expect(assertPublicUrl('https://169.254.169.254/latest/meta-data')).rejects.toThrow(/private or local address/);
    await expect(assertPublicUrl('http://8.8.8.8/')).rejects.toThrow(/must start with https/);
    await expect(assertPublicUrl('https://u:p@8.8.8.8/')).rejects.toThrow(/user name or password/);
    await expect(assertPublicUrl('not a url')).rejects.toThrow(/not a valid URL/);
  });

  it('allows public addresses, and private origins only when explicitly configured', async () => {
    expect((await assertPublicUrl('https://8.8.8.8/path')).pathname).toBe('/path');
    expect((await assertPublicUrl('http://127.0.0.1:8787/x', { allowedPrivateOrigins: ['http://127.0.0.1:8787'] })).port).toBe('8787');
    await expect(assertPublicUrl('http://127.0.0.1:9999/x', { allowedPrivateOrigins: ['http://127.0.0.1:8787'] })).rejects.toThrow();
  });
});
