/** Starts the database, migrations and job queue once, when the Node.js server starts. */
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { startRuntime } = await import('./lib/runtime');
    await startRuntime();
  }
}
