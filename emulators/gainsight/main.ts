/** Command line entry: `npm run emulator:gainsight -- --port 8789 [--per-minute 100] [--per-day 50000]`. */
import { parseArgs } from 'node:util';
import { DEMO_ACCESS_KEY, startGainsightEmulator } from './index';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8789' },
    host: { type: 'string', default: '127.0.0.1' },
    'per-minute': { type: 'string', default: '100' },
    'per-day': { type: 'string', default: '50000' },
  },
});

const emulator = await startGainsightEmulator({
  port: Number(values.port), host: values.host, limits: { perMinute: Number(values['per-minute']), perDay: Number(values['per-day']) },
});
process.stdout.write([
  `Gainsight emulator listening on ${emulator.baseUrl}`,
  `  accesskey: ${DEMO_ACCESS_KEY}`,
  `  external-action receiver: ${emulator.baseUrl}/v1/hooks/{name}`,
  `  Company: POST/PUT ${emulator.baseUrl}/v1/data/objects/Company, query POST ${emulator.baseUrl}/v1/data/objects/query/Company`,
  `  People upsert: PUT ${emulator.baseUrl}/v1/peoplemgmt/v1.0/people`,
  `  control API: ${emulator.baseUrl}/__emulator/calls`,
  '',
].join('\n'));

const stop = () => { void emulator.close().then(() => process.exit(0)); };
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
