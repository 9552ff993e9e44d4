// Vitest browser mode with the system Chromium (no browser download): the recipe of docs/testing.md
// "Testing". `vitest run -c vitest.browser.config.js`.
import { defineConfig } from "vitest/config";
import { playwright } from "@vitest/browser-playwright";

export default defineConfig({
  test: {
    include: ["**/*.browser.test.js"],
    browser: {
      enabled: true,
      headless: true,
      provider: playwright({ launchOptions: { executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] } }),
      instances: [{ browser: "chromium" }],
    },
  },
});
