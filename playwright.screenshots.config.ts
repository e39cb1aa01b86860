import { defineConfig } from '@playwright/test';
import base from './playwright.config';

/**
 * `npx playwright test -c playwright.screenshots.config.ts`: a full-page PNG of every screen, in
 * `.data/screenshots/` (SHOTS_DIR to change), to look at a change as a user sees it. Not part of `npm test`.
 */
export default defineConfig({
  ...base,
  testDir: 'e2e/screenshots',
  projects: [{ name: 'screenshots', testMatch: /.*\.shots\.ts/ }],
  timeout: 600_000,
});
