import { getConfig } from '@/lib/config';

const globalForAllowlist = globalThis as unknown as { __dicOutboundAllowlist?: Set<string> };

/** Origins registered at run time: the demo emulators started inside this process. */
function registered(): Set<string> {
  globalForAllowlist.__dicOutboundAllowlist ??= new Set();
  return globalForAllowlist.__dicOutboundAllowlist;
}

/** Lets outbound calls reach an origin although it is local: only the in-process demo emulators call this. */
export function allowOutboundOrigin(origin: string): void {
  registered().add(new URL(origin).origin);
}

/**
 * Origins that outbound calls may reach although they are private or plain http: DIC_OUTBOUND_ALLOWLIST
 * (the operator's explicit choice, e.g. emulators in tests) and the demo emulators of this process.
 */
export function outboundAllowlist(): string[] {
  return [...getConfig().outboundAllowlist, ...registered()];
}
