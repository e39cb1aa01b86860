import 'server-only';
import { z } from 'zod';
import { revalidatePath } from 'next/cache';
import { unstable_rethrow } from 'next/navigation';
import { AppError, echoValues, toActionError, type ActionResult } from '@/lib/errors';
import { logger } from '@/lib/log';
import { requireContext, type Ctx } from './session';

/** Turns FormData into a plain object (repeated keys become arrays) for zod to parse. */
function formToObject(input: FormData | Record<string, unknown>): Record<string, unknown> {
  if (!(input instanceof FormData)) return input;
  const out: Record<string, unknown> = {};
  for (const [key, value] of input.entries()) {
    if (key.startsWith('$ACTION')) continue;
    const prev = out[key];
    out[key] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return out;
}

/** Parses submitted fields with a schema; on failure, the ActionResult with per-field messages and echoed values. */
export function parseForm<S extends z.ZodType>(schema: S, input: FormData | Record<string, unknown>):
  { ok: true; data: z.infer<S> } | { ok: false; message: string; fieldErrors: Record<string, string[]>; values: Record<string, string> } {
  const parsed = schema.safeParse(formToObject(input));
  if (parsed.success) return { ok: true, data: parsed.data };
  const fieldErrors = z.flattenError(parsed.error).fieldErrors as Record<string, string[]>;
  return { ok: false, message: 'Some fields need attention.', fieldErrors, values: echoValues(input) };
}

/**
 * The one server-action wrapper: verified session, then zod parse, then the data-access function, then
 * revalidation. Always answers an ActionResult and never a raw exception.
 */
export function defineAction<S extends z.ZodType, T>(options: {
  schema: S;
  run: (ctx: Ctx, input: z.infer<S>) => Promise<T>;
  revalidate?: string;
  success?: string;
}) {
  return async (_prev: unknown, input: FormData | Record<string, unknown>): Promise<ActionResult<T>> => {
    try {
      const ctx = await requireContext();
      const parsed = parseForm(options.schema, input);
      if (!parsed.ok) return parsed;
      const data = await options.run(ctx, parsed.data);
      if (options.revalidate) revalidatePath(options.revalidate);
      return { ok: true, data, message: options.success };
    } catch (error) {
      unstable_rethrow(error); // a redirect() from the action is not an error
      if (!(error instanceof AppError)) logger.error({ err: error }, 'server action failed');
      return { ...toActionError(error), values: echoValues(input) };
    }
  };
}
