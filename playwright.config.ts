// End-to-end tests: the built renderer served by the preview bridge (dist/preview/server.cjs),
// driven in Debian's Chromium. Each test starts its own server on a fresh database
// (tests/e2e/fixtures.ts). Run `npm run build` first; never `npx playwright install`.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results/e2e',
  workers: 2,
  fullyParallel: false,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: [['list'], ['./tests/support/playwright-summary-reporter.ts']],
  use: {
    viewport: { width: 1366, height: 800 },
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    screenshot: 'only-on-failure',
    serviceWorkers: 'block',
  },
});
