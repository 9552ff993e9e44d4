// The README and the guides in docs/: every relative link leads to a file that exists and,
// with a #fragment, to a heading of it (GitHub's anchors: lower case, punctuation dropped,
// spaces as hyphens). A guide moved or a heading renamed fails here, not for a reader.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join, normalize } from "node:path";

const root = new URL("../../", import.meta.url).pathname;
const pages = ["README.md", ...readdirSync(join(root, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`)];

/** The anchors of a Markdown file's headings (outside code blocks). */
function anchors(file) {
  let inside = false;
  const found = new Set();
  for (const line of readFileSync(join(root, file), "utf8").split("\n")) {
    if (line.startsWith("```")) inside = !inside;
    const heading = !inside && /^#{1,6} (.*)$/.exec(line);
    if (heading) found.add(heading[1].toLowerCase().replace(/[^\w\- ]/g, "").replace(/ /g, "-"));
  }
  return found;
}

test("every relative link of the README and docs/ leads somewhere", () => {
  const broken = [];
  for (const page of pages) {
    const text = readFileSync(join(root, page), "utf8").replace(/```[\s\S]*?```/g, "");
    for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z]+:/.test(target)) continue; // http(s), mailto
      const [path, fragment] = target.split("#");
      const file = path ? normalize(join(dirname(page), path)) : page;
      if (!existsSync(join(root, file))) broken.push(`${page}: ${target} (no ${file})`);
      else if (fragment && file.endsWith(".md") && !anchors(file).has(fragment)) broken.push(`${page}: ${target} (no heading #${fragment} in ${file})`);
    }
  }
  assert.deepEqual(broken, []);
});

test("the README stays an introduction: under 300 lines", () => {
  const lines = readFileSync(join(root, "README.md"), "utf8").split("\n").length;
  assert.ok(lines < 300, `${lines} lines`);
});
