// Playwright against the Next.js app's production server (APP_URL) and the HTTP mock server
// it calls (MOCK_URL): two tests at once, each in its own namespace.
import { defineConfig } from "@playwright/test";

export default defineConfig({
  testDir: ".",
  fullyParallel: true,
  workers: 2,
  reporter: [["list"]],
  use: {
    baseURL: process.env.APP_URL,
    // The system Chromium, as tests/support/npm.mjs launches it (CHROMIUM_LAUNCH).
    launchOptions: JSON.parse(process.env.CHROMIUM_LAUNCH),
  },
});
