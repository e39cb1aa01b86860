import diagnostics from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';
import net from 'node:net';

/** The request header that carries the TCP peer's address, set by the server itself (installPeerAddressHeader). */
export const PEER_ADDRESS_HEADER = 'x-dic-peer-address';

/** Addresses without an IPv4-mapped IPv6 prefix, so `::ffff:10.0.0.1` and `10.0.0.1` compare equal. */
function normalise(address: string): string {
  const trimmed = address.trim().replace(/^\[|\]$/g, '');
  return trimmed.toLowerCase().startsWith('::ffff:') && net.isIPv4(trimmed.slice(7)) ? trimmed.slice(7) : trimmed;
}

/**
 * Parses DIC_TRUSTED_PROXIES: addresses or CIDR ranges separated by commas (`10.0.0.0/8, 192.168.1.5`).
 * Throws with the entry that is not one.
 */
export function parseTrustedProxies(spec: string | undefined): net.BlockList {
  const list = new net.BlockList();
  for (const entry of (spec ?? '').split(',').map((e) => e.trim()).filter(Boolean)) {
    const [address, prefixText] = entry.split('/');
    const family = net.isIP(address);
    const prefix = prefixText === undefined ? undefined : Number(prefixText);
    const maxPrefix = family === 6 ? 128 : 32;
    if (!family || (prefix !== undefined && !(Number.isInteger(prefix) && prefix >= 0 && prefix <= maxPrefix))) {
      throw new Error(`"${entry}" is not an IP address or CIDR range (like 10.0.0.0/8)`);
    }
    const type = family === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, prefix, type);
  }
  return list;
}

function isTrusted(list: net.BlockList, address: string): boolean {
  const family = net.isIP(address);
  return family !== 0 && list.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

/**
 * The client's address for per-address limits. X-Forwarded-For is read only when the TCP peer is a proxy the
 * operator trusts, and then from the right, skipping trusted proxies: anything further left was written by
 * the client and proves nothing. Without a peer address (no server hook) the answer is `unknown`.
 */
export function clientAddress(headers: Headers, trusted: net.BlockList): string {
  const peerHeader = headers.get(PEER_ADDRESS_HEADER);
  if (!peerHeader) return 'unknown';
  const peer = normalise(peerHeader);
  if (!isTrusted(trusted, peer)) return peer;
  const hops = (headers.get('x-forwarded-for') ?? '').split(',').map(normalise).filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    if (!isTrusted(trusted, hops[i])) return net.isIP(hops[i]) ? hops[i] : 'unknown';
  }
  return hops[0] ?? peer;
}

const globalForHook = globalThis as unknown as { __dicPeerHook?: boolean };

/**
 * Writes each request's TCP peer address into PEER_ADDRESS_HEADER before any handler sees the request,
 * replacing whatever the client sent under that name. Node publishes `http.server.request.start` for every
 * request of every http server in the process, before its 'request' listeners run.
 */
export function installPeerAddressHeader(): void {
  if (globalForHook.__dicPeerHook) return;
  globalForHook.__dicPeerHook = true;
  diagnostics.subscribe('http.server.request.start', (message) => {
    const { request } = message as { request: IncomingMessage };
    request.headers[PEER_ADDRESS_HEADER] = request.socket.remoteAddress ?? '';
  });
}
