import { describe, expect, it } from 'vitest';
import { assertPublicUrl, checkOutboundUrlShape, isPrivateAddress, type HostResolver } from './url-safety';

/** A resolver that answers from a table, like a DNS server we control. */
const resolverOf = (table: Record<string, string[]>): HostResolver => async (host) => {
  const found = table[host];
  if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
  return found.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
};

describe('address classification', () => {
  it('refuses private, loopback, link-local, unique-local, CGNAT, multicast, unspecified and metadata addresses', () => {
    for (const a of [
      '127.0.0.1', '127.255.0.9', '10.1.2.3', '172.20.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0',
      '224.0.0.1', '255.255.255.255', '198.18.0.1', '::1', '::', 'fd00::1', 'fd00:ec2::254', 'fe80::1', 'ff02::1',
      '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:a9fe:a9fe', '::ffff:10.0.0.1', '::127.0.0.1', '64:ff9b::7f00:1',
      '2002:7f00:1::', 'fe80::1%eth0', 'not-an-address',
    ]) {
      expect(isPrivateAddress(a), a).toBe(true);
    }
  });

  it('lets public IPv4 and IPv6 addresses through, including IPv4-mapped public ones', () => {
    for (const a of ['8.8.8.8', '13.110.0.1', '2606:4700::1111', '::ffff:8.8.8.8']) expect(isPrivateAddress(a), a).toBe(false);
  });
});

describe('outbound URL checks', () => {
  const allowed: string[] = [];

  it('refuses loopback, private hosts, metadata names, plain http, other schemes and credentials, saying why', async () => {
    const opts = { allowedPrivateOrigins: allowed };
    await expect(assertPublicUrl('https://127.0.0.1/x', { ...opts, what: 'The event URL' })).rejects.toThrow('The event URL points to a private or local address');
    await expect(assertPublicUrl('https://localhost:8443/', opts)).rejects.toThrow(/private or local address/);
    await expect(assertPublicUrl('https://[::1]/', opts)).rejects.toThrow(/private or local address/);
    await expect(assertPublicUrl('https://[::ffff:127.0.0.1]/', opts)).rejects.toThrow(/private or local address/);
    await expect(assertPublicUrl('https://[::ffff:7f00:1]/', opts)).rejects.toThrow(/private or local address/);
    await expect(assertPublicUrl('https://[fd00:ec2::254]/latest/', opts)).rejects.toThrow(/private or local address/);
    await expect(assertPublicUrl('https://169.254.169.254/latest/meta-data', opts)).rejects.toThrow(/private or local address/);
    await expect(assertPublicUrl('https://metadata.google.internal/computeMetadata/v1/', opts)).rejects.toThrow(/private or local address/);
    await expect(assertPublicUrl('http://8.8.8.8/', opts)).rejects.toThrow(/must start with https/);
    await expect(assertPublicUrl('ftp://8.8.8.8/', opts)).rejects.toThrow(/must start with https/);
    await expect(assertPublicUrl('file:///etc/passwd', opts)).rejects.toThrow(/must start with https/);
    await expect(assertPublicUrl('https://u:p@8.8.8.8/', opts)).rejects.toThrow(/user name or password/);
    await expect(assertPublicUrl('not a url', opts)).rejects.toThrow(/not a valid URL/);
  });

  it('sees through decimal, octal, hex and short IPv4 forms', () => {
    for (const raw of ['https://2130706433/', 'https://0177.0.0.1/', 'https://0x7f.0.0.1/', 'https://127.1/', 'https://0x7f000001/', 'https://10.1/']) {
      expect(() => checkOutboundUrlShape(raw, { allowedPrivateOrigins: allowed }), raw).toThrow(/private or local address/);
    }
  });

  it('refuses a name that resolves to an internal address, or to a mix of public and internal ones', async () => {
    const resolve = resolverOf({ 'evil.example': ['127.0.0.1'], 'mixed.example': ['93.184.216.34', '10.0.0.7'], 'v6.example': ['::ffff:169.254.169.254'], 'ok.example': ['93.184.216.34'] });
    const opts = { allowedPrivateOrigins: allowed, resolve };
    await expect(assertPublicUrl('https://evil.example/hook', opts)).rejects.toThrow('points to a private or local address (evil.example)');
    await expect(assertPublicUrl('https://mixed.example/hook', opts)).rejects.toThrow(/private or local address/);
    await expect(assertPublicUrl('https://v6.example/hook', opts)).rejects.toThrow(/private or local address/);
    await expect(assertPublicUrl('https://nowhere.example/hook', opts)).rejects.toThrow('nowhere.example, which does not resolve');
    expect((await assertPublicUrl('https://ok.example/hook', opts)).host).toBe('ok.example');
  });

  it('allows public addresses, and private origins only when explicitly configured', async () => {
    expect((await assertPublicUrl('https://8.8.8.8/path', { allowedPrivateOrigins: allowed })).pathname).toBe('/path');
    expect((await assertPublicUrl('http://127.0.0.1:8787/x', { allowedPrivateOrigins: ['http://127.0.0.1:8787'] })).port).toBe('8787');
    await expect(assertPublicUrl('http://127.0.0.1:9999/x', { allowedPrivateOrigins: ['http://127.0.0.1:8787'] })).rejects.toThrow(/must start with https/);
    await expect(assertPublicUrl('https://127.0.0.1:9999/x', { allowedPrivateOrigins: ['http://127.0.0.1:8787'] })).rejects.toThrow(/private or local/);
  });
});

describe('the configured allowlist', () => {
  it('reads DIC_OUTBOUND_ALLOWLIST as origins, and refuses anything that is not a bare origin', async () => {
    const { getConfig } = await import('@/lib/config');
    const env = (vars: Record<string, string>) => vars as unknown as NodeJS.ProcessEnv;
    expect(getConfig(env({ DIC_OUTBOUND_ALLOWLIST: 'http://127.0.0.1:3399, http://localhost:3398' })).outboundAllowlist)
      .toEqual(['http://127.0.0.1:3399', 'http://localhost:3398']);
    expect(() => getConfig(env({ DIC_OUTBOUND_ALLOWLIST: 'http://127.0.0.1:3399/path' }))).toThrow(/DIC_OUTBOUND_ALLOWLIST/);
  });
});
