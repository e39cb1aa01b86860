/**
 * The HTML of the login, consent and error pages. Plain forms with labelled inputs so a browser test
 * (or fetch) can drive them the way a person would.
 */

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]!));
}

function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title>
<style>body{font-family:system-ui,sans-serif;background:#f3f3f3;display:flex;justify-content:center;padding-top:60px}
main{background:#fff;border:1px solid #d8dde6;border-radius:4px;padding:24px 32px;width:360px}
label{display:block;margin-top:12px;font-size:14px}input{width:100%;padding:8px;margin-top:4px;box-sizing:border-box}
button{margin-top:16px;padding:10px 16px;font-size:14px;border-radius:4px;border:1px solid #0070d2;background:#0070d2;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#0070d2}.error{color:#c23934;font-size:14px}</style></head>
<body><main>${body}</main></body></html>`;
}

/** The login form; `action` is where it posts, `pending` identifies the authorization attempt. */
export function loginPage(opts: { action: string; pending: string; orgName: string; error?: string; username?: string }): string {
  const error = opts.error ? `<p class="error" role="alert">${escape(opts.error)}</p>` : '';
  return page('Login | Salesforce', `<h1>Log in to ${escape(opts.orgName)}</h1>${error}
<form method="post" action="${escape(opts.action)}">
<input type="hidden" name="pending" value="${escape(opts.pending)}">
<label for="username">Username</label>
<input id="username" name="username" type="text" autocomplete="username" value="${escape(opts.username ?? '')}" required>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit" id="Login">Log In</button>
</form>`);
}

/** The "Allow Access?" page shown after a successful login. */
export function consentPage(opts: { action: string; pending: string; appName: string; username: string }): string {
  return page('Allow Access? | Salesforce', `<h1>Allow Access?</h1>
<p>Signed in as ${escape(opts.username)}.</p>
<p><strong>${escape(opts.appName)}</strong> is asking to:</p>
<ul><li>Access the identity URL service</li><li>Manage user data via APIs</li><li>Perform requests at any time</li></ul>
<form method="post" action="${escape(opts.action)}">
<input type="hidden" name="pending" value="${escape(opts.pending)}">
<button type="submit" name="decision" value="allow">Allow</button>
<button type="submit" name="decision" value="deny" class="secondary">Deny</button>
</form>`);
}

/** An error page for problems Salesforce does not redirect back for (unknown app, bad callback). */
export function errorPage(error: string, description: string): string {
  return page('Error | Salesforce', `<h1>Remote Access Error</h1>
<p class="error" role="alert">error=${escape(error)}</p><p>error_description=${escape(description)}</p>`);
}
