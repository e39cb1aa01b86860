/**
 * `npm run admin:reset-password -- --email admin@example.com`: sets a new password for an admin, on the
 * server. The password is read from the terminal (not echoed, asked twice) or, when piped, from the first
 * line of standard input; never from the command line, where shell history and `ps` would keep it.
 */
import readline from 'node:readline';
import { Writable } from 'node:stream';
import { openDatabase } from '@/db/client';
import { AdminResetError, resetAdminPassword } from '@/lib/auth/admin-reset';
import { getConfig } from '@/lib/config';

const USAGE = 'Usage: npm run admin:reset-password -- --email admin@example.com (the new password is asked for, or read from standard input)';

function emailArgument(args: string[]): string {
  if (args.some((a) => a.startsWith('--password'))) {
    fail('Do not put the password on the command line (shell history keeps it). Leave it out: the command asks for it.');
  }
  const at = args.findIndex((a) => a === '--email' || a.startsWith('--email='));
  const value = at < 0 ? undefined : args[at].includes('=') ? args[at].slice('--email='.length) : args[at + 1];
  if (!value) fail(USAGE);
  return value;
}

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

/** Asks for a line on the terminal without echoing what is typed. */
function askHidden(question: string): Promise<string> {
  let muted = false;
  const output = new Writable({ write(chunk, _enc, done) { if (!muted) process.stdout.write(chunk); done(); } });
  const rl = readline.createInterface({ input: process.stdin, output, terminal: true });
  return new Promise((resolve) => {
    rl.question(question, (answer) => { rl.close(); process.stdout.write('\n'); resolve(answer); });
    muted = true;
  });
}

async function readPassword(): Promise<string> {
  if (process.stdin.isTTY) {
    const first = await askHidden('New password: ');
    const again = await askHidden('Type it again: ');
    if (first !== again) fail('The two passwords differ. Nothing was changed; run the command again.');
    return first;
  }
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  return text.split(/\r?\n/)[0] ?? '';
}

async function main() {
  const email = emailArgument(process.argv.slice(2));
  const password = await readPassword();
  const config = getConfig();
  const handle = await openDatabase(config.DATABASE_URL ? { kind: 'postgres', url: config.DATABASE_URL } : { kind: 'pglite', dataDir: config.dataDir })
    .catch((error: Error & { code?: string }) => {
      if (error.code === 'DATA_FOLDER_IN_USE') fail(`${error.message}\nStop the server first, reset the password, then start it again.`);
      throw error;
    });
  try {
    const done = await resetAdminPassword(handle.db, { email, password });
    console.log(`The password of ${done.email} is reset and their failed sign-ins are forgotten; their open sessions have ended. Sign in with the new password.`);
  } catch (error) {
    if (error instanceof AdminResetError) {
      console.error(`${error.message} Nothing was changed.`);
      process.exitCode = 2;
    } else {
      throw error;
    }
  } finally {
    await handle.close();
  }
}

main().catch((error) => {
  console.error(`The password was not reset: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
