/**
 * Command line entry: `npm run emulator:qualtrics -- --port 8788 [--calls-per-minute 3000]`.
 * Prints the demo user, its Basic header and the demo JSON event URL.
 */
import { parseArgs } from 'node:util';
import { DEMO_QUALTRICS_USER, startQualtricsEmulator } from './index';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8788' },
    host: { type: 'string', default: '127.0.0.1' },
    'calls-per-minute': { type: 'string', default: '3000' },
  },
});

const emulator = await startQualtricsEmulator({ port: Number(values.port), host: values.host, callsPerMinute: Number(values['calls-per-minute']) });
const basic = Buffer.from(`${DEMO_QUALTRICS_USER.username}:${DEMO_QUALTRICS_USER.apiToken}`).toString('base64');
process.stdout.write([
  `Qualtrics emulator listening on ${emulator.baseUrl}`,
  `  user: ${DEMO_QUALTRICS_USER.username}  API token: ${DEMO_QUALTRICS_USER.apiToken}`,
  `  Authorization: Basic ${basic}`,
  `  JSON event URL: ${emulator.eventUrl()}`,
  `  control API: ${emulator.baseUrl}/__emulator/events`,
  '',
].join('\n'));

const stop = () => { void emulator.close().then(() => process.exit(0)); };
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
