/**
 * Starting an emulator's HTTP server, shared by the Salesforce, Qualtrics and Gainsight emulators: listen on
 * a port (0 picks a free one) and interface, answer the base URL a client uses, and close every connection
 * (keep-alive ones too) on close.
 */
import { createServer, type RequestListener, type Server, type ServerOptions } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Where to listen; both optional. */
export interface ListenOptions {
  /** Port; 0 (default) picks a free one. */
  port?: number;
  /** Interface; default 127.0.0.1. */
  host?: string;
}

/** A listening emulator server. */
export interface ListeningServer {
  server: Server;
  /** `http://host:port`, with 127.0.0.1 for a server bound to every interface. */
  baseUrl: string;
  close(): Promise<void>;
}

/** Creates the server (with a long keep-alive, as production load balancers use) and resolves once it listens. */
export async function listenEmulator(listener: RequestListener, options: ListenOptions = {}, serverOptions: ServerOptions = {}): Promise<ListeningServer> {
  const server = createServer({ keepAliveTimeout: 65_000, ...serverOptions }, listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host && options.host !== '0.0.0.0' ? options.host : '127.0.0.1';
  return {
    server,
    baseUrl: `http://${host}:${port}`,
    close: () => new Promise<void>((resolve, reject) => {
      server.closeAllConnections();
      server.close((err) => (err ? reject(err) : resolve()));
    }),
  };
}
