import { z } from 'zod';
// The app's wording for every zod message a schema does not word itself (z.config, once per process).
import '@/lib/zod-messages';
import { AppError, echoValues, toActionError, type ActionResult } from '@/lib/errors';
import type { Ctx } from './session';

/** What a server action gets from a form: FormData from a plain `<form action>`, an object from react-hook-form. */
export type ActionInput = FormData | Record<string, unknown>;

/** Turns FormData into a plain object (repeated keys become arrays) for zod to parse. */
function formToObject(input: ActionInput): Record<string, unknown> {
  if (!(input instanceof FormData)) return input;
  const out: Record<string, unknown> = {};
  for (const [key, value] of input.entries()) {
    if (key.startsWith('$ACTION')) continue;
    const prev = out[key];
    out[key] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return out;
}

/**
 * Zod's issues as messages per field, keyed by the dotted path of the field (`name`, `mappings.2.field`),
 * so a nested form can show each message beside its own row. Issues about the whole input (empty path)
 * are returned apart, as `formErrors`.
 */
export function fieldErrorsByPath(error: z.ZodError): { fieldErrors: Record<string, string[]>; formErrors: string[] } {
  const fieldErrors: Record<string, string[]> = {};
  const formErrors: string[] = [];
  for (const issue of error.issues) {
    if (issue.path.length === 0) {
      formErrors.push(issue.message);
      continue;
    }
    const key = issue.path.map(String).join('.');
    (fieldErrors[key] ??= []).push(issue.message);
  }
  return { fieldErrors, formErrors };
}

/** Parses submitted fields with a schema; on failure, the ActionResult with per-field messages and echoed values. */
export function parseForm<S extends z.ZodType>(schema: S, input: ActionInput):
  { ok: true; data: z.infer<S> } | { ok: false; message: string; fieldErrors: Record<string, string[]>; values: Record<string, string> } {
  const parsed = schema.safeParse(formToObject(input));
  if (parsed.success) return { ok: true, data: parsed.data };
  const { fieldErrors, formErrors } = fieldErrorsByPath(parsed.error);
  // One problem is said as itself, so a form that shows only the message (a button with hidden fields) still says it.
  const distinct = [...new Set(Object.values(fieldErrors).flat())];
  const message = formErrors.length > 0 ? formErrors.join(' ') : distinct.length === 1 ? distinct[0] : 'Some fields need attention.';
  return { ok: false, message, fieldErrors, values: echoValues(input) };
}

/** What the wrapper needs from the framework; `defineAction` passes Next's, a test passes its own. */
export interface ActionDeps {
  context: () => Promise<Ctx>;
  revalidate: (path: string) => void;
  /** Lets framework control flow (a redirect) through instead of reporting it as a failure. */
  rethrow: (error: unknown) => void;
  logUnexpected: (error: unknown) => void;
}

/** The options every action declares: its schema, what it does, what to refresh and what to say. */
export interface ActionOptions<S extends z.ZodType, T> {
  schema: S;
  run: (ctx: Ctx, input: z.infer<S>) => Promise<T>;
  revalidate?: string;
  /** The confirmation, a sentence saying what happened; a function when it depends on the result. */
  success?: string | ((data: NoInfer<T>, input: z.infer<S>) => string);
}

/** Session, then parse, then run, then revalidate; any failure becomes an ActionResult, never a raw exception. */
export async function runAction<S extends z.ZodType, T>(deps: ActionDeps, options: ActionOptions<S, T>, input: ActionInput): Promise<ActionResult<T>> {
  try {
    const ctx = await deps.context();
    const parsed = parseForm(options.schema, input);
    if (!parsed.ok) return parsed;
    const data = await options.run(ctx, parsed.data);
    if (options.revalidate) deps.revalidate(options.revalidate);
    const message = typeof options.success === 'function' ? options.success(data, parsed.data) : options.success;
    return { ok: true, data, message };
  } catch (error) {
    deps.rethrow(error);
    if (!(error instanceof AppError)) deps.logUnexpected(error);
    return { ...toActionError(error), values: echoValues(input) };
  }
}
