/** Starts the database, migrations and job queue once, when the Node.js server starts. */
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    // Before any request: per-address sign-in limits need the TCP peer, which route handlers cannot see.
    const { installPeerAddressHeader } = await import('./lib/auth/client-address');
    installPeerAddressHeader();
    const { startRuntime } = await import('./lib/runtime');
    try {
      await startRuntime();
    } catch (error) {
      // A server without its database can only answer errors: stop with the reason instead.
      console.error(`Data Integration Center cannot start: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    }
  }
}
