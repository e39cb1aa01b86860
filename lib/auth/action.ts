import 'server-only';
import type { z } from 'zod';
import { revalidatePath } from 'next/cache';
import { unstable_rethrow } from 'next/navigation';
import type { ActionResult } from '@/lib/errors';
import { logger } from '@/lib/log';
import { runAction, type ActionDeps, type ActionInput, type ActionOptions } from './action-core';
import { requireContext } from './session';

export { parseForm } from './action-core';

const nextDeps: ActionDeps = {
  context: requireContext,
  revalidate: (path) => revalidatePath(path),
  rethrow: unstable_rethrow, // a redirect() from the action is not an error
  logUnexpected: (error) => logger.error({ err: error }, 'server action failed'),
};

/**
 * The one server-action wrapper: verified session, then zod parse, then the data-access function, then
 * revalidation. Takes FormData or a plain object (react-hook-form) and always answers an ActionResult,
 * with field errors keyed by path (`mappings.2.field`).
 */
export function defineAction<S extends z.ZodType, T>(options: ActionOptions<S, T>) {
  return async (_prev: unknown, input: ActionInput): Promise<ActionResult<T>> => runAction(nextDeps, options, input);
}
