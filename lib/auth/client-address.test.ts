import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { PEER_ADDRESS_HEADER, clientAddress, installPeerAddressHeader, parseTrustedProxies } from './client-address';

const headers = (peer: string | null, forwardedFor?: string) => new Headers({
  ...(peer ? { [PEER_ADDRESS_HEADER]: peer } : {}), ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}),
});

describe('client address for per-address limits', () => {
  it('ignores X-Forwarded-For from a peer nobody named as a proxy, so a rotating value changes nothing', () => {
    const none = parseTrustedProxies(undefined);
    const seen = new Set(Array.from({ length: 35 }, (_, i) => clientAddress(headers('203.0.113.9', `198.51.100.${i}`), none)));
    expect([...seen]).toEqual(['203.0.113.9']);
  });

  it('reads X-Forwarded-For from the right behind trusted proxies, skipping them', () => {
    const trusted = parseTrustedProxies('10.0.0.0/8, 192.168.1.5');
    expect(clientAddress(headers('10.1.2.3', '1.2.3.4, 198.51.100.7, 192.168.1.5'), trusted)).toBe('198.51.100.7');
    expect(clientAddress(headers('::ffff:10.1.2.3', '198.51.100.8'), trusted)).toBe('198.51.100.8');
    // A trusted peer that forwards nothing is the client.
    expect(clientAddress(headers('10.1.2.3'), trusted)).toBe('10.1.2.3');
    expect(clientAddress(headers(null, '1.2.3.4'), trusted)).toBe('unknown');
  });

  it('names a setting entry that is not an address or range', () => {
    expect(() => parseTrustedProxies('10.0.0.0/8, proxy.internal')).toThrow('"proxy.internal" is not an IP address or CIDR range');
    expect(() => parseTrustedProxies('10.0.0.0/40')).toThrow('"10.0.0.0/40"');
  });

  it('the server writes the real peer address over a header the client sent with that name', async () => {
    installPeerAddressHeader();
    const server = http.createServer((req, res) => res.end(String(req.headers[PEER_ADDRESS_HEADER])));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const answer = await fetch(`http://127.0.0.1:${port}/`, { headers: { [PEER_ADDRESS_HEADER]: '198.51.100.1' } });
      expect(await answer.text()).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
    } finally {
      server.close();
    }
  });
});
