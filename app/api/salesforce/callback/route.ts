import { getDb } from '@/lib/database';
import { getSessionUser } from '@/lib/auth/session';
import { getSalesforceSettings } from '@/lib/salesforce/app-settings';
import { callbackHostProblem, completeConnect } from '@/lib/salesforce/oauth';

export const dynamic = 'force-dynamic';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Salesforce sends the browser here after "+ Add Account"; success goes back to Accounts, a refusal is explained. */
export async function GET(request: Request) {
  const params = new URL(request.url).searchParams;
  const settings = await getSalesforceSettings();
  const wrongHost = callbackHostProblem(request.headers.get('host'), settings);
  const outcome = wrongHost
    ? { ok: false as const, status: 400 as const, message: wrongHost }
    : await completeConnect(await getDb(), await getSessionUser(), settings, params);
  if (outcome.ok) {
    const notice = outcome.created ? 'connected' : 'reconnected';
    return new Response(null, { status: 303, headers: { Location: `/accounts?${notice}=${encodeURIComponent(outcome.username)}` } });
  }
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Salesforce account not connected</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#0f172a}
[role=alert]{border:1px solid #fecaca;background:#fef2f2;color:#991b1b;padding:.75rem 1rem;border-radius:.375rem}</style></head>
<body><h1>Salesforce account not connected</h1><p role="alert">${escapeHtml(outcome.message)}</p>
<p><a href="/accounts">Back to Accounts</a></p></body></html>`;
  return new Response(html, { status: outcome.status, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' } });
}
