import { logger } from '@/lib/log';

/** Longest a shutdown may take before the process exits anyway (container runtimes kill at about 30 s). */
export const SHUTDOWN_TIMEOUT_MS = 25_000;

/**
 * On SIGTERM or SIGINT, runs `stop` once and exits 0 when it finishes, or 1 when it fails or takes longer than
 * `timeoutMs`. A second signal exits at once. Returns a function that removes the handlers.
 */
export function exitOnSignals(stop: (timeoutMs: number) => Promise<void>, options: { timeoutMs?: number; what?: string } = {}): () => void {
  const timeoutMs = options.timeoutMs ?? SHUTDOWN_TIMEOUT_MS;
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal during shutdown: exiting now');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal, timeoutMs }, `${options.what ?? 'server'} shutting down: no new jobs; waiting for running work`);
    const deadline = setTimeout(() => {
      logger.error({ timeoutMs }, 'shutdown took too long: exiting with work unfinished (runs resume from their last checkpoint)');
      process.exit(1);
    }, timeoutMs);
    deadline.unref();
    stop(timeoutMs).then(
      () => { logger.info(`${options.what ?? 'server'} stopped`); process.exit(0); },
      (err: unknown) => { logger.error({ err }, 'shutdown failed'); process.exit(1); },
    );
  };
  process.on('SIGTERM', handler);
  process.on('SIGINT', handler);
  return () => { process.off('SIGTERM', handler); process.off('SIGINT', handler); };
}
