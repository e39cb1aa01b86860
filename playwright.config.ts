import { defineConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 3100);
/** Where the app starts its demo Salesforce org during the end-to-end run. */
export const demoSalesforceUrl = `http://127.0.0.1:${port + 1}`;
/** Where the app starts its demo Qualtrics and Gainsight emulators during the end-to-end run. */
export const demoQualtricsUrl = `http://127.0.0.1:${port + 2}`;
export const demoGainsightUrl = `http://127.0.0.1:${port + 3}`;

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    // localhost, not 127.0.0.1: the app's OAuth callback URL is on localhost and the session cookie must reach it.
    baseURL: `http://localhost:${port}`,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
    },
  },
  projects: [
    { name: 'setup', testMatch: /.*\.setup\.ts/ },
    { name: 'app', testMatch: /.*\.spec\.ts/, dependencies: ['setup'] },
  ],
  webServer: {
    // A fresh embedded data folder every run, so first-run setup is really the first run.
    command: `rm -rf .data/e2e-${port} && npm start`,
    url: `http://127.0.0.1:${port}/api/health`,
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    env: { PORT: String(port), DIC_DATA_DIR: `.data/e2e-${port}`, LOG_LEVEL: 'warn', DIC_DEMO_SALESFORCE_PORT: String(port + 1),
      DIC_DEMO_QUALTRICS_PORT: String(port + 2), DIC_DEMO_GAINSIGHT_PORT: String(port + 3) },
  },
});
