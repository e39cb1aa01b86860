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
  // A plain page in the app's look (the route answers before any layout could render); the font stack is the one the app's built CSS uses for font-sans.
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Salesforce account not connected · Data Integration Center</title><link rel="icon" href="/icon.svg">
<style>body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;background:#f8fafc;
font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,'Helvetica Neue','Noto Sans',Arial,sans-serif;color:#0f172a;padding:3rem 1rem;box-sizing:border-box}
.brand{text-align:center;font-size:.875rem;font-weight:600;letter-spacing:.1em;text-transform:uppercase;color:#1858c4;margin:0 0 1.5rem}
.card{max-width:28rem;background:#fff;border:1px solid #e2e8f0;border-radius:.75rem;padding:2rem;box-shadow:0 1px 2px rgb(0 0 0/.05)}
h1{font-size:1.25rem;margin:0 0 1rem}[role=alert]{border:1px solid #fecaca;background:#fef2f2;color:#991b1b;padding:.5rem .75rem;
border-radius:.375rem;font-size:.875rem;margin:0}a{display:inline-block;margin-top:1.5rem;background:#1f6feb;color:#fff;
text-decoration:none;padding:.5rem .75rem;border-radius:.375rem;font-size:.875rem;font-weight:500}a:hover{background:#1858c4}</style></head>
<body><div><p class="brand">Data Integration Center</p><div class="card"><h1>Salesforce account not connected</h1>
<p role="alert">${escapeHtml(outcome.message)}</p><a href="/accounts">Back to Accounts</a></div></div></body></html>`;
  return new Response(html, { status: outcome.status, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' } });
}
