// axe-core in a Playwright page, for the accessibility checks of the mock panel
// (tests/package) and the session console (tests/e2e).
import { createRequire } from "node:module";

const source = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

/** axe-core's serious and critical findings in `page` (within `selector`, shadow roots
 *  included), each as "rule (impact): targets". */
export async function axeFindings(page, selector) {
  if (!(await page.evaluate(() => "axe" in globalThis))) await page.addScriptTag({ path: source });
  return page.evaluate(async (selector) => {
    const { violations } = await globalThis.axe.run(selector ? { include: [[selector]] } : document);
    return violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => JSON.stringify(n.target)).join(", ")}`);
  }, selector);
}
