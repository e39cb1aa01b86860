/**
 * Command line entry: `npm run emulator:salesforce -- --port 8787 [--state-file f.json]
 * [--client-id X --client-secret Y] [--callback-url URL ...] [--rotate-refresh-tokens]
 * [--seed-sandbox seed.json] [--seed-production seed.json]`, or `--dump-seed sandbox|production` to print
 * the demo seed as JSON.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEMO_USERS, demoOrgSeed, startSalesforceEmulator } from './index';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8787' },
    host: { type: 'string', default: '127.0.0.1' },
    'client-id': { type: 'string' },
    'client-secret': { type: 'string' },
    'callback-url': { type: 'string', multiple: true },
    'state-file': { type: 'string' },
    'rotate-refresh-tokens': { type: 'boolean', default: false },
    'seed-sandbox': { type: 'string' },
    'seed-production': { type: 'string' },
    'dump-seed': { type: 'string' },
  },
});

if (values['dump-seed']) {
  const key = values['dump-seed'] === 'production' ? 'production' : 'sandbox';
  process.stdout.write(`${JSON.stringify(demoOrgSeed(key), null, 2)}\n`);
  process.exit(0);
}

const readSeed = (file?: string) => (file ? JSON.parse(readFileSync(file, 'utf8')) : undefined);

const emulator = await startSalesforceEmulator({
  port: Number(values.port),
  host: values.host,
  clientId: values['client-id'],
  clientSecret: values['client-secret'],
  callbackUrls: values['callback-url'],
  stateFile: values['state-file'],
  rotateRefreshTokens: values['rotate-refresh-tokens'],
  seeds: { sandbox: readSeed(values['seed-sandbox']), production: readSeed(values['seed-production']) },
});

const info = emulator.control.info();
const lines = [`Salesforce emulator listening on ${emulator.baseUrl}`, `  client id: ${info.clientId}`, `  callbacks: ${info.callbackUrls.join(', ')}`];
for (const key of ['sandbox', 'production'] as const) {
  lines.push(`  ${key}: login ${emulator.orgs[key].loginUrl}  instance ${emulator.orgs[key].instanceUrl}  org ${emulator.orgs[key].orgId}`);
  for (const u of DEMO_USERS[key]) lines.push(`    ${u.username} / ${u.password}${u.modifyAllData ? '  (Modify All Data)' : ''}`);
}
lines.push(`  control API: ${emulator.baseUrl}/__emulator/info`);
process.stdout.write(`${lines.join('\n')}\n`);

const stop = () => { void emulator.close().then(() => process.exit(0)); };
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
