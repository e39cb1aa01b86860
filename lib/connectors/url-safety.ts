import dns from 'node:dns/promises';
import net from 'node:net';
import { AppError } from '@/lib/errors';

const blocked = new net.BlockList();
for (const [address, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) blocked.addSubnet(address, prefix, 'ipv4');
for (const [address, prefix] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]] as const) {
  blocked.addSubnet(address, prefix, 'ipv6');
}

/** True for loopback, private, link-local, carrier-grade NAT, multicast and reserved addresses. */
export function isPrivateAddress(address: string): boolean {
  const mapped = address.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i);
  if (mapped) return blocked.check(mapped[1], 'ipv4');
  return blocked.check(address, net.isIPv6(address) ? 'ipv6' : 'ipv4');
}

/** Options for outbound URL checks. */
export interface OutboundUrlOptions {
  /** Origins allowed even though they are private, e.g. the emulators, only by explicit configuration. */
  allowedPrivateOrigins?: string[];
  /** What the URL is, for the error message ("The Qualtrics event URL"). */
  what?: string;
}

/**
 * Parses a user-supplied URL we are about to call and refuses anything that is not https on a public
 * address (every address the host name resolves to is checked), unless its origin is explicitly allowed.
 */
export async function assertPublicUrl(raw: string, options: OutboundUrlOptions = {}): Promise<URL> {
  const what = options.what ?? 'The URL';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new AppError('VALIDATION', `${what} is not a valid URL. Enter a full address starting with https://.`);
  }
  if (options.allowedPrivateOrigins?.includes(url.origin)) return url;
  if (url.protocol !== 'https:') throw new AppError('VALIDATION', `${what} must start with https://.`);
  if (url.username || url.password) throw new AppError('VALIDATION', `${what} must not contain a user name or password.`);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = net.isIP(host) ? [host] : await dns.lookup(host, { all: true }).then(
    (found) => found.map((a) => a.address),
    () => { throw new AppError('VALIDATION', `${what} points to ${host}, which does not resolve. Check the host name.`); },
  );
  if (addresses.some(isPrivateAddress)) {
    throw new AppError('VALIDATION', `${what} points to a private or local address (${host}), which DIC does not call. Use the service's public address.`);
  }
  return url;
}
