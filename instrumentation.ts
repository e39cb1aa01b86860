/** Starts the database, migrations and job queue once, when the Node.js server starts. */
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    // Before any request: per-address sign-in limits need the TCP peer, which route handlers cannot see.
    const { installPeerAddressHeader } = await import('./lib/auth/client-address');
    installPeerAddressHeader();
    const { startRuntime } = await import('./lib/runtime');
    try {
      // scripts/start.ts sets NEXT_MANUAL_SIG_HANDLE so that Next leaves SIGTERM to the runtime's graceful stop.
      await startRuntime({ handleSignals: process.env.NEXT_MANUAL_SIG_HANDLE === 'true' });
    } catch (error) {
      // A server without its database can only answer errors: stop with the reason instead.
      console.error(`Data Integration Center cannot start: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    }
  }
}
