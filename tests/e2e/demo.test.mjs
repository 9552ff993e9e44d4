// End to end: scripts/demo in a real browser (Playwright with Debian's Chromium). Drives
// every action of the console in Mock mode and create/get/delete in Real mode against
// mock-server, asserting what the page shows. Screenshots go to test-results/; with
// UPDATE_DOCS=1 the README's picture, docs/console.png, is taken anew.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { axeFindings } from "../support/axe.mjs";
import { freePort, launchChromium } from "../support/npm.mjs";

const root = new URL("../../", import.meta.url).pathname;
const shots = `${root}test-results`;
mkdirSync(shots, { recursive: true });

let demo, browser, context, page, url, apiUrl;

before(async () => {
  const [port, apiPort] = [await freePort(), await freePort()];
  url = `http://127.0.0.1:${port}/`;
  apiUrl = `http://127.0.0.1:${apiPort}`;
  demo = spawn(`${root}scripts/demo`, ["--no-build", "--port", String(port), "--api-port", String(apiPort)], { stdio: ["ignore", "pipe", "inherit"], detached: true });
  await new Promise((resolve, reject) => {
    let seen = "";
    demo.stdout.on("data", (chunk) => {
      seen += chunk;
      if (seen.includes("open http://")) resolve();
    });
    demo.on("exit", (code) => reject(new Error(`scripts/demo exited with ${code}: ${seen}`)));
  });
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  page = await context.newPage();
  page.on("pageerror", (err) => assert.fail(`page error: ${err.message}`));
  await page.goto(`${url}?keeper=off`); // the console's keeper: keeper.test.mjs
  await page.waitForSelector("body[data-ready=true]");
});

after(async () => {
  await browser?.close();
  if (demo?.pid) process.kill(-demo.pid, "SIGTERM");
});

const ADMIN = "00000000-0000-4000-8000-000000000001";
const ADVISOR = "00000000-0000-4000-8000-000000000002";
const DISABLED = "00000000-0000-4000-8000-000000000003";
const PLANNER = "00000000-0000-4000-8000-000000000005";

const rows = () => page.locator("#sessions tbody tr");
const cell = (row, name) => rows().nth(row).locator(`td.${name}`);
const error = () => page.locator("#error");
const details = () => page.locator("#details-json");

async function createSession(user, options = {}) {
  await page.selectOption("#create-user", user);
  await page.setChecked("#create-form input[name=enable]", options.enable ?? true);
  await page.click("#create-form button[type=submit]");
}

// The mock's controls are the package's mock panel, inline in the console.
const panel = () => page.locator("session-mock-panel");
const journalRows = () => panel().getByRole("region", { name: "Requests" }).locator("tbody tr");
const newestRow = () => journalRows().first();

/** Waits until the journal's newest row is a call of `operation`. */
async function newestCall(operation) {
  for (let i = 0; i < 100 && (await newestRow().locator("td").nth(1).textContent().catch(() => "")) !== operation; i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.equal(await newestRow().locator("td").nth(1).textContent(), operation);
}

/** Fails the next call from the panel: `status`, or a network failure. */
async function failNext(status) {
  await panel().getByLabel("Network failure").setChecked(status === "network");
  if (status !== "network") await panel().getByLabel("Status").fill(String(status));
  await panel().getByRole("button", { name: "Fail next call" }).click();
  await panel().getByRole("status").filter({ hasText: "Fail next call: done" }).waitFor();
}

const mockNow = async () => (await panel().locator(".now").textContent()).trim();

/** Whether mock-server's journal holds a call of `operation` whose path has `part` (polled
 *  for up to 5 s). */
async function serverSaw(operation, part) {
  for (let i = 0; i < 50; i++) {
    const journal = await (await fetch(`${apiUrl}/__mock/requests`)).json();
    if (journal.some((entry) => entry.operation === operation && entry.path.includes(part))) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

async function expectError(code) {
  await page.waitForFunction((c) => document.querySelector("#error").dataset.code === c && !document.querySelector("#error").hidden, code);
}

test("mock mode: every action and every mock control", async () => {
  await createSession(ADMIN);
  await page.waitForFunction(() => document.querySelectorAll("#sessions tbody tr").length === 1);
  assert.equal(await cell(0, "state").innerText(), "ENABLED");
  assert.match(await cell(0, "suspend").innerText(), /^30m 00s$/);
  await newestCall("createSession");

  // Read, keep alive, enable, Equisoft/Connect.
  // Each button's call is read off the journal's newest row (creating the session already
  // filled the details box, so its text proves nothing about Get).
  await page.check("#keep-alive");
  await page.click("#act-get");
  await newestCall("getSession");
  assert.match(await newestRow().locator("td").nth(2).innerText(), /\?keepAlive=true$/, "Get sends the keepAlive box");
  assert.match(await details().innerText(), /"state": "ENABLED"/);
  await page.click("#act-enable");
  await newestCall("enableSession");
  assert.equal(await newestRow().locator("td").nth(3).getAttribute("class"), "ok");
  await page.check("#disable-oldest");
  await page.click("#act-connect");
  await page.waitForFunction(() => document.querySelector("#sessions td.connect").textContent === "✓");

  // Impersonation and its revert.
  await page.selectOption("#impersonate-user", ADVISOR);
  await page.click("#act-impersonate");
  await page.waitForFunction(() => document.querySelector("#sessions tbody tr td:nth-child(3)").textContent === "Alice Admin");
  assert.equal(await rows().nth(0).locator("td").nth(1).innerText(), "Adam Advisor");
  await page.click("#act-impersonate");
  await expectError("SESSION_ALREADY_IMPERSONATED");
  assert.match(await error().innerText(), /400 SESSION_ALREADY_IMPERSONATED/);
  await page.click("#act-revert");
  await page.waitForFunction(() => document.querySelector("#sessions tbody tr td:nth-child(3)").textContent === "—");

  // SSO tokens.
  await page.fill("#token-id", "okta/1");
  await page.fill("#token-value", "t0ken");
  await page.click("#act-token-set");
  await page.click("#act-token-get");
  await page.waitForFunction(() => document.querySelector("#details-json").textContent.includes("t0ken"));
  await page.click("#act-token-delete");
  await page.click("#act-token-get");
  await expectError("NOT_FOUND");

  // Faults: an error status, then a network failure, each shown to the user.
  await failNext(503);
  await page.click("#act-get");
  await expectError("SERVER_ERROR");
  assert.match(await error().innerText(), /503 SERVER_ERROR/);
  await failNext("network");
  await page.click("#act-get");
  await expectError("NETWORK");
  await panel().getByLabel("Network failure").uncheck();
  // The panel's journal follows each answer (after a short debounce).
  let journal = [];
  for (let i = 0; i < 40 && !journal.some((row) => row.includes("network")); i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    journal = await journalRows().allInnerTexts();
  }
  assert.ok(journal.some((row) => row.includes("503")) && journal.some((row) => row.includes("network")), journal.join("\n"));

  // Refusals from the rules are displayed too.
  await createSession(DISABLED);
  await expectError("USER_NOT_ENABLED");
  await createSession(PLANNER, { enable: false });
  await page.waitForFunction(() => document.querySelectorAll("#sessions tbody tr").length === 2);
  assert.equal(await page.locator("#sessions tbody tr", { hasText: "Paula Planner" }).locator("td.state").innerText(), "NEW");
  await page.click("#act-connect");
  await expectError("SESSION_NOT_ENABLED");
  await page.screenshot({ path: `${shots}/mock-mode.png`, fullPage: true });
  await page.screenshot({ path: `${shots}/console.png` });
  if (process.env.UPDATE_DOCS === "1") await page.screenshot({ path: `${root}docs/console.png` });

  // The virtual clock moves the countdowns and the states.
  const before = await cell(0, "expire").innerText();
  await panel().getByRole("button", { name: "Advance 5 minutes" }).click();
  await page.waitForFunction((b) => document.querySelector("#sessions td.expire").textContent !== b, before);
  await panel().getByRole("button", { name: "Advance 1 hour" }).click();
  await page.waitForFunction(() => document.querySelector("#sessions td.state").textContent === "SUSPENDED");
  assert.equal(await cell(0, "suspend").innerText(), "—");
  await panel().getByRole("button", { name: "Advance 1 day" }).click();
  await page.waitForFunction(() => document.querySelector("#sessions td.state").textContent === "EXPIRED");
  await page.screenshot({ path: `${shots}/expired.png`, fullPage: true });
  await page.click("#delete-expired");
  await page.waitForFunction(() => document.querySelectorAll("#sessions tbody tr").length === 0);

  // Delete one, delete all; the mock's state survives a page reload.
  await createSession(ADMIN);
  await createSession(ADVISOR);
  await page.waitForFunction(() => document.querySelectorAll("#sessions tbody tr").length === 2);
  const ids = await page.locator("#sessions tbody tr").evaluateAll((trs) => trs.map((tr) => tr.dataset.id).sort());
  const time = await mockNow();
  await page.reload();
  await page.waitForSelector("body[data-ready=true]");
  const again = await page.locator("#sessions tbody tr").evaluateAll((trs) => trs.map((tr) => tr.dataset.id).sort());
  assert.deepEqual(again, ids, "the sessions survive a reload");
  assert.equal(await mockNow(), time, "and so does the mock's clock");
  await rows().nth(0).locator("[data-delete]").click();
  await page.waitForFunction(() => document.querySelectorAll("#sessions tbody tr").length === 1);
  await page.click("#delete-all");
  await page.waitForFunction(() => document.querySelectorAll("#sessions tbody tr").length === 0);
  await panel().getByRole("button", { name: "Reset mock" }).click();
  await panel().getByRole("status").filter({ hasText: "Reset mock: done" }).waitFor();
});

test("the console has no serious accessibility finding (axe-core), at desktop and phone widths", async () => {
  await createSession(ADMIN);
  await page.waitForFunction(() => document.querySelectorAll("#sessions tbody tr").length === 1);
  await page.locator("[data-open]").first().click();
  for (const [width, height] of [[1280, 800], [390, 844]]) {
    await page.setViewportSize({ width, height });
    assert.deepEqual(await axeFindings(page), [], `at ${width} px`);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.click("#delete-all");
  await page.waitForFunction(() => document.querySelectorAll("#sessions tbody tr").length === 0);
});

test("real mode: create, get and delete against mock-server; the mode is remembered", async () => {
  await page.fill("#base-url", apiUrl);
  await page.check("#mode-real");
  await page.waitForFunction(() => document.body.classList.contains("real"));
  assert.equal(await page.locator("#mock-card").isVisible(), false, "mock controls are for Mock mode");
  await createSession(ADMIN);
  await page.waitForFunction(() => document.querySelectorAll("#sessions tbody tr").length === 1);
  await page.waitForFunction(() => !document.querySelector("#details-card").hidden);
  const id = await page.locator("#details-id").innerText();
  // The list's own refresh reads the session too, without keepAlive: the Get button's call
  // is the one that carries the box's value.
  await page.check("#keep-alive");
  await page.click("#act-get");
  assert.ok(await serverSaw("getSession", `${id}?keepAlive=true`), "Get reached mock-server");
  await page.waitForFunction(() => document.querySelector("#details-json").textContent.includes('"state": "ENABLED"'));
  const onServer = await (await fetch(`${apiUrl}/sessions/${id}`)).json();
  assert.equal(onServer.sessionId, id, "the session exists on mock-server");
  await page.reload();
  await page.waitForSelector("body[data-ready=true]");
  await page.waitForFunction((sid) => document.querySelector(`#sessions tr[data-id="${sid}"]`) !== null, id);
  await page.locator(`[data-open="${id}"]`).click();
  await page.screenshot({ path: `${shots}/real-mode.png`, fullPage: true });
  await page.click("#act-delete");
  await page.waitForFunction(() => document.querySelectorAll("#sessions tbody tr").length === 0);
  assert.equal((await fetch(`${apiUrl}/sessions/${id}`)).status, 404);

  await page.reload();
  await page.waitForSelector("body[data-ready=true]");
  assert.equal(await page.isChecked("#mode-real"), true);
  assert.equal(await page.inputValue("#base-url"), apiUrl);
  await page.check("#mode-mock");
});

test("real mode: a server's answers are shown as text, never run as markup", async () => {
  await page.fill("#base-url", apiUrl);
  await page.check("#mode-real");
  await page.waitForFunction(() => document.body.classList.contains("real"));
  const user = await (await fetch(`${apiUrl}/__mock/users`)).json();
  const hostile = '<img id="pwned" src="x" onerror="window.pwned=1">';
  const session = {
    sessionId: `${hostile}"><b id="pwned-attr">`, state: `<b id="pwned-state">X</b>`,
    created: "2026-11-28T12:00:00.000Z", suspend: "2099-01-01T00:00:00.000Z", expire: "2099-01-01T00:00:00.000Z",
    user: { ...user[0], displayName: `<i id="pwned-name">n</i>` }, actor: { ...user[0], displayName: hostile },
    enabledForEquisoftConnect: false, mobile: false,
  };
  // The next answers (the create, then the refresh's read) are this session.
  const canned = { status: 201, contentType: "application/json", body: JSON.stringify(session), times: 2 };
  assert.equal((await fetch(`${apiUrl}/__mock/respond`, { method: "POST", body: JSON.stringify(canned) })).status, 204);
  await createSession(ADMIN);
  await page.waitForFunction(() => document.querySelectorAll("#sessions tbody tr").length === 1);
  const injected = await page.evaluate(() => ["#pwned", "#pwned-attr", "#pwned-state", "#pwned-name"].filter((s) => document.querySelector(s)));
  assert.deepEqual(injected, [], "no markup from the server became an element");
  assert.equal(await page.evaluate(() => window.pwned), undefined, "no handler from the server ran");
  const row = await page.locator("#sessions tbody tr").innerText();
  assert.ok(row.includes('<i id="pwned-name">n</i>') && row.includes("<b id=\"pwned-state\">X</b>"), row);
  await fetch(`${apiUrl}/__mock/reset`, { method: "POST" });
  await page.click("#refresh");
  await page.waitForFunction(() => document.querySelectorAll("#sessions tbody tr").length === 0);
  await page.check("#mode-mock");
});

test("usable on a phone-width screen", async () => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await page.waitForSelector("body[data-ready=true]");
  await page.screenshot({ path: `${shots}/phone.png`, fullPage: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
});

test("the mock service worker answers a plain fetch; other requests pass through", async () => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const seen = await page.evaluate(async (admin) => {
    const { registerMockServiceWorker } = await import("/pkg/mock.js");
    await registerMockServiceWorker({ baseUrl: "/mock-api", seed: 3 });
    const created = await fetch("/mock-api/sessions", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ userUuid: admin }),
    });
    const session = await created.json();
    const read = await fetch(`/mock-api/sessions/${session.sessionId}?keepAlive=true`);
    const missing = await fetch("/mock-api/sessions/nope");
    const faulted = await fetch("/mock-api/__mock/faults", { method: "POST", body: JSON.stringify({ network: true }) });
    const dropped = await fetch("/mock-api/sessions").then(() => "answered", () => "network error");
    const page = await fetch("/index.html");
    return {
      created: created.status, type: created.headers.get("content-type"), state: session.state,
      read: read.status, missing: [missing.status, (await missing.json()).message],
      faulted: faulted.status, dropped, passthrough: [page.status, (await page.text()).includes("Session console")],
      controlled: Boolean(navigator.serviceWorker.controller),
    };
  }, ADMIN);
  assert.deepEqual(seen, {
    created: 201, type: "application/json", state: "ENABLED", read: 200, missing: [404, "NOT_FOUND"],
    faulted: 204, dropped: "network error", passthrough: [200, true], controlled: true,
  });

  // The mock panel steers the worker's mock through /__mock/ under its base URL.
  await page.evaluate(async () => {
    const { mountMockPanel } = await import("/pkg/mock-panel.js");
    window.workerPanel = mountMockPanel({ baseUrl: "/mock-api" }, { open: true, storageKey: null, pollMs: 200 });
    window.workerPanel.element.id = "worker-panel";
  });
  const workerPanel = page.locator("#worker-panel");
  const listed = workerPanel.getByRole("region", { name: "Sessions" }).locator("tbody tr");
  await listed.first().waitFor();
  assert.equal(await listed.count(), 1, "the session made by a plain fetch");
  // Another tab of the origin reaches the same worker's mock.
  const other = await context.newPage();
  await other.goto(url);
  const listedBy = (p) => p.evaluate(async () => (await (await fetch("/mock-api/__mock/sessions")).json()).map((s) => s.sessionId));
  const [here, there] = [await listedBy(page), await listedBy(other)];
  assert.equal(there.length, 1);
  assert.deepEqual(there, here);
  await other.close();
  await workerPanel.getByLabel("Status").fill("503");
  await workerPanel.getByRole("button", { name: "Fail next call" }).click();
  await workerPanel.getByRole("status").filter({ hasText: "Fail next call: done" }).waitFor();
  assert.equal(await page.evaluate(async () => (await fetch("/mock-api/sessions/nope")).status), 503);
  await workerPanel.getByRole("button", { name: "Reset mock" }).click();
  await workerPanel.getByRole("status").filter({ hasText: "Reset mock: done" }).waitFor();
  await page.waitForFunction(() => document.querySelector("#worker-panel").shadowRoot.querySelectorAll("[aria-labelledby$=sessions] tbody tr").length === 0);
  await page.evaluate(() => window.workerPanel.unmount());
  assert.equal(await workerPanel.count(), 0, "unmount removes it");
  // What it cannot use is refused by name, and nothing is added to the page.
  const refused = await page.evaluate(async () => {
    const { mountMockPanel } = await import("/pkg/mock-panel.js");
    const bad = [[{ url: "/api" }], [{ baseUrl: "/mock-api" }, { corner: "middle" }], [{ baseUrl: "/mock-api" }, { pollMs: 0 }],
      [{ baseUrl: "/mock-api" }, { parent: "#app" }], [{ baseUrl: "/mock-api" }, { storageKey: 7 }]];
    return bad.map((args) => {
      try {
        mountMockPanel(...args);
        return "mounted";
      } catch (err) {
        return `${err.name}: ${err.message}`;
      }
    }).concat(String(document.querySelectorAll("session-mock-panel").length - 1));
  });
  assert.deepEqual(refused.map((r) => r.split(":").slice(0, 2).join(":")), [
    "TypeError: mountMockPanel(target)", "TypeError: mountMockPanel", "TypeError: mountMockPanel",
    "TypeError: mountMockPanel", "TypeError: mountMockPanel", "0",
  ]);
  assert.match(refused[1], /options\.corner must be one of bottom-right/);
  assert.match(refused[2], /options\.pollMs/);
  assert.match(refused[3], /options\.parent must be an element, got "#app"/);
});

test("two console tabs show the same sessions, live", async () => {
  const other = await context.newPage();
  other.on("pageerror", (err) => assert.fail(`page error: ${err.message}`));
  await other.goto(url);
  await other.waitForSelector("body[data-ready=true]");
  const idsIn = (p) => p.locator("#sessions tbody tr").evaluateAll((rows) => rows.map((row) => row.dataset.id));
  const before = await idsIn(other);
  await createSession(ADMIN);
  await other.waitForFunction((count) => document.querySelectorAll("#sessions tbody tr").length === count, before.length + 1);
  assert.deepEqual((await idsIn(other)).sort(), (await idsIn(page)).sort(), "the other tab lists the new session");
  // A control in the other tab's panel (Reset mock) empties this tab's list too.
  const otherPanel = other.locator("session-mock-panel");
  if (!(await otherPanel.getByRole("button", { name: "Reset mock" }).isVisible())) {
    await otherPanel.getByRole("button", { name: "Session mock" }).click();
  }
  await otherPanel.getByRole("button", { name: "Reset mock" }).click();
  await page.waitForFunction(() => document.querySelectorAll("#sessions tbody tr").length === 0);
  await other.close();
});
