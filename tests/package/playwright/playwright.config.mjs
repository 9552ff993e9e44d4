// The Playwright project of the package tests (tests/package/package.test.mjs runs it from
// the scratch project, with the packed package installed): the sample app's production
// build, served at APP_URL, tested with session-client/playwright's fixtures in the system
// Chromium, several workers at once.
import { defineConfig } from "@playwright/test";

export default defineConfig({
  testDir: process.env.SPECS ?? "specs",
  fullyParallel: true,
  workers: 3,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: process.env.APP_URL,
    // The system Chromium, as tests/support/npm.mjs launches it (CHROMIUM_LAUNCH).
    launchOptions: JSON.parse(process.env.CHROMIUM_LAUNCH),
  },
});
