// Vitest in Node (the node and jsdom environments): every test file but the browser mode
// recipe (vitest.browser.config.js) and the Playwright project.
import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig({
  test: { exclude: [...configDefaults.exclude, "**/*.browser.test.js", "playwright/**"] },
});
