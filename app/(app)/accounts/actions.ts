'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { SALESFORCE_ENVIRONMENTS } from '@/db/schema';
import { defineAction } from '@/lib/auth/action';
import { getSalesforceSettings } from '@/lib/salesforce/app-settings';
import { forgetDescribes } from '@/lib/salesforce/describe-cache';
import { disconnectAccount } from '@/lib/salesforce/disconnect';
import { beginConnect } from '@/lib/salesforce/oauth';

const connectSchema = z.object({
  environment: z.enum(SALESFORCE_ENVIRONMENTS, { error: 'Choose Sandbox or Production.' }),
  myDomain: z.string().trim().max(200).optional().transform((v) => v || undefined),
  reconnectAccountId: z.uuid().optional(),
});

/** "+ Add Account" and "Reconnect": sends the browser to Salesforce's login page. */
export const connectAction = defineAction({
  schema: connectSchema,
  run: async (ctx, input) => {
    const url = await beginConnect(ctx.db, ctx.user, await getSalesforceSettings(), input);
    redirect(url);
  },
});

/** Disconnects, then reopens the page saying so (the account's row, where the button was, is gone). */
export const disconnectAction = defineAction({
  schema: z.object({ accountId: z.uuid({ error: 'That account was not found. Reload the page and try again.' }) }),
  run: async (ctx, input) => {
    const result = await disconnectAccount(ctx.db, ctx.user, await getSalesforceSettings(), input.accountId);
    // The wizard's cached objects and fields were this connection's view of the org.
    forgetDescribes(input.accountId);
    redirect(`/accounts?${new URLSearchParams({ disconnected: result.username, revoke: result.revoke }).toString()}`);
  },
});
