import dns from 'node:dns/promises';
import net from 'node:net';
import ipaddr from 'ipaddr.js';
import { AppError } from '@/lib/errors';
import { outboundAllowlist } from './outbound-allowlist';

/** A refused outbound URL: the message names the URL's role, the problem and the fix. */
export class OutboundUrlError extends AppError {
  constructor(message: string) {
    super('VALIDATION', message);
  }
}

/** Host names of cloud metadata services, refused whatever they resolve to. */
const METADATA_HOSTS = new Set(['metadata.google.internal', 'metadata.goog', 'metadata', 'instance-data', 'instance-data.ec2.internal']);

/**
 * True for every address DIC must not call: anything outside ipaddr.js's "unicast" range (private,
 * loopback, link-local, unique-local, carrier-grade NAT, multicast, unspecified, broadcast, reserved,
 * documentation, 6to4/Teredo/NAT64 tunnels that can wrap an internal IPv4 address), with IPv4-mapped
 * IPv6 (`::ffff:127.0.0.1`, `::ffff:7f00:1`) judged as the IPv4 address it carries. Unparseable is private.
 */
export function isPrivateAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (!ipaddr.isValid(bare)) return true;
  const parsed = ipaddr.process(bare); // unwraps IPv4-mapped IPv6
  // The deprecated IPv4-compatible form (::a.b.c.d) is "unicast" to ipaddr.js but wraps an IPv4 address.
  if (parsed.kind() === 'ipv6' && parsed.match(ipaddr.IPv6.parse('::'), 96)) return true;
  return parsed.range() !== 'unicast';
}

/** Turns a host as WHATWG URL leaves it into a bare address or name (`[::1]` → `::1`, trailing dot dropped). */
function bareHost(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '').toLowerCase();
}

/** Options for outbound URL checks. */
export interface OutboundUrlOptions {
  /** Origins allowed although private; default: the configured allowlist (DIC_OUTBOUND_ALLOWLIST and the demo emulators). */
  allowedPrivateOrigins?: readonly string[];
  /** What the URL is, for the error message ("The Qualtrics event URL"). */
  what?: string;
  /** Resolves a host name to its addresses; default the system resolver. Tests inject their own. */
  resolve?: HostResolver;
}

/** Resolves a host name to every address it has. */
export type HostResolver = (host: string) => Promise<Array<{ address: string; family: number }>>;

/** The system resolver, every address of both families. */
export const systemResolver: HostResolver = (host) => dns.lookup(host, { all: true, verbatim: true });

/** True when the URL's origin is one the operator allowed explicitly (the emulators). */
export function isAllowlistedOrigin(url: URL, allowed: readonly string[] = outboundAllowlist()): boolean {
  return allowed.includes(url.origin);
}

/**
 * Checks what can be checked without the network: a valid http(s) URL without credentials, https unless
 * its origin is allowlisted, and no private literal address or metadata host name. Returns the parsed URL.
 * WHATWG parsing has already turned odd IPv4 forms (`2130706433`, `0x7f.1`, `0177.0.0.1`) into dotted quads.
 */
export function checkOutboundUrlShape(raw: string | URL, options: OutboundUrlOptions = {}): URL {
  const what = options.what ?? 'The URL';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new OutboundUrlError(`${what} is not a valid URL. Enter a full address starting with https://.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new OutboundUrlError(`${what} must start with https://.`);
  if (url.username || url.password) throw new OutboundUrlError(`${what} must not contain a user name or password; put credentials in the connector.`);
  if (isAllowlistedOrigin(url, options.allowedPrivateOrigins)) return url;
  if (url.protocol !== 'https:') throw new OutboundUrlError(`${what} must start with https://.`);
  const host = bareHost(url);
  if (METADATA_HOSTS.has(host) || host === 'localhost' || host.endsWith('.localhost')) throw privateError(what, host);
  if (net.isIP(host) && isPrivateAddress(host)) throw privateError(what, host);
  return url;
}

function privateError(what: string, host: string) {
  return new OutboundUrlError(`${what} points to a private or local address (${host}), which connectors may not call. Use the service's public address.`);
}

/**
 * Resolves a host and returns its addresses, refusing the host when any of them is private (a name that
 * points inside the network, or one that answers with a mix, is refused as a whole).
 */
export async function resolvePublicAddresses(host: string, options: OutboundUrlOptions = {}): Promise<Array<{ address: string; family: number }>> {
  const what = options.what ?? 'The URL';
  if (net.isIP(host)) {
    if (isPrivateAddress(host)) throw privateError(what, host);
    return [{ address: host, family: net.isIP(host) }];
  }
  const found = await (options.resolve ?? systemResolver)(host).catch(() => {
    throw new OutboundUrlError(`${what} points to ${host}, which does not resolve. Check the host name.`);
  });
  if (found.length === 0) throw new OutboundUrlError(`${what} points to ${host}, which does not resolve. Check the host name.`);
  if (found.some((a) => isPrivateAddress(a.address))) throw privateError(what, host);
  return found;
}

/**
 * Parses a user-supplied URL we are about to call and refuses anything that is not https on a public
 * address (every address the host name resolves to is checked), unless its origin is explicitly allowed.
 * safeFetch repeats the address check at connect time, so a name cannot change its answer in between.
 */
export async function assertPublicUrl(raw: string | URL, options: OutboundUrlOptions = {}): Promise<URL> {
  const url = checkOutboundUrlShape(raw, options);
  if (isAllowlistedOrigin(url, options.allowedPrivateOrigins)) return url;
  await resolvePublicAddresses(bareHost(url), options);
  return url;
}
