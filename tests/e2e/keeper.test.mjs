// The session keeper and its warning in Chromium: on the mock's virtual clock (deterministic),
// across real tabs over HTTP (the real clock, short intervals: one leader, one keep-alive per
// interval for all, the leader closed and another leads, `ended` everywhere), through a
// page's sleep (frozen timers), and the warning dialog by role, keyboard and axe-core.
// Pages load the built package from scripts/serve.mjs; mock-server (the Node one) serves a
// scenario with a short idle timeout. UPDATE_DOCS=1 takes docs/keeper.md's picture anew.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { axeFindings } from "../support/axe.mjs";
import { freePort, launchChromium, repo, start, stop } from "../support/npm.mjs";

const ADMIN = "00000000-0000-4000-8000-000000000001";
const IDLE_MS = 8000;
const shots = join(repo, "test-results");

let site, api, browser, url;

before(async () => {
  site = await start("node", [`${repo}scripts/serve.mjs`, "--port", String(await freePort())], { ready: /^demo on (http:\S+)$/ });
  url = site.match[1];
  const scenario = join(mkdtempSync(join(tmpdir(), "keeper-")), "scenario.json");
  writeFileSync(scenario, JSON.stringify({ policy: { idleTimeoutMs: IDLE_MS } }));
  api = await start("node", [`${repo}pkg/bin/session-client-mock.js`, "--port", "0", "--scenario", scenario], { ready: /^listening on (\S+)$/ });
  api.url = api.match[1];
  browser = await launchChromium();
  mkdirSync(shots, { recursive: true });
});

after(async () => {
  await browser?.close();
  if (site) await stop(site);
  if (api) await stop(api);
});

/** A page of `context` with the package's client (and keeper) loaded as globals. */
async function page(context) {
  const p = await context.newPage();
  p.on("pageerror", (err) => assert.fail(`page error: ${err.message}`));
  await p.goto(`${url}blank`);
  await p.evaluate(async () => {
    window.SessionClient = (await import("/pkg/index.js")).SessionClient;
    window.SessionApiMock = (await import("/pkg/mock.js")).SessionApiMock;
    window.SessionKeeper = (await import("/pkg/keeper.js")).SessionKeeper;
    window.mountSessionWarning = (await import("/pkg/keeper-warning.js")).mountSessionWarning;
  });
  return p;
}

/** Starts a keeper over HTTP in page `p` for session `id`; its events collected in `window.events`. */
const keepOverHttp = (p, id, options) =>
  p.evaluate(
    async ({ base, id, options }) => {
      window.client = new SessionClient({ baseUrl: base });
      window.keeper = new SessionKeeper(window.client, id, options);
      window.events = [];
      for (const type of ["warning", "ended", "error"]) window.keeper.addEventListener(type, (e) => window.events.push(type === "ended" ? `ended ${e.detail.state}` : type));
      await window.keeper.ready;
    },
    { base: api.url, id, options },
  );

const journal = async () => (await (await fetch(`${api.url}/__mock/requests`)).json()).filter((r) => r.path.includes("keepAlive=true"));
const until = async (what, check, ms = 15_000) => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) assert.fail(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

test("on the mock's virtual clock in Chromium: the throttle, the warning at its exact time, extend, ended", async () => {
  const context = await browser.newContext();
  const p = await page(context);
  const result = await p.evaluate(async () => {
    const mock = new SessionApiMock({ clock: "virtual", now: "2026-12-01T09:00:00Z", seed: 1 });
    const client = new SessionClient({ mock });
    const { sessionId } = await client.createSession({ userUuid: "00000000-0000-4000-8000-000000000001" });
    const keeper = new SessionKeeper(client, sessionId, { activity: "manual", tabs: "alone", warnBeforeMs: 120_000 });
    const seen = [];
    for (const type of ["warning", "ended"]) keeper.addEventListener(type, (e) => seen.push(`${type} ${e.detail.state ?? e.detail.msLeft}`));
    await keeper.ready;
    const settle = () => new Promise((r) => setTimeout(r, 20));
    const sent = () => mock.requests().filter((r) => r.path.includes("keepAlive=true")).length;
    for (let i = 0; i < 5; i++) keeper.activity();
    await settle();
    const afterFive = sent();
    // The activity after the first keep-alive is owed one more, a minute later.
    mock.advance(60_000);
    await settle();
    const afterMinute = sent();
    mock.advance(30 * 60_000 - 120_001);
    await settle();
    const beforeWarning = [...seen];
    mock.advance(1);
    await settle();
    const atWarning = keeper.status.phase;
    await keeper.extend();
    await settle();
    const afterExtend = keeper.status.phase;
    mock.advance(31 * 60_000);
    await settle();
    return { afterFive, afterMinute, beforeWarning, atWarning, afterExtend, seen, ended: keeper.status.ended };
  });
  assert.equal(result.afterFive, 1, "five activities, one keep-alive");
  assert.equal(result.afterMinute, 2, "and the one owed, when the interval is over");
  assert.deepEqual(result.beforeWarning, []);
  assert.equal(result.atWarning, "warning");
  assert.equal(result.afterExtend, "active");
  assert.equal(result.seen[0], "warning 120000", "the warning exactly 2 minutes before");
  assert.equal(result.ended, "SUSPENDED");
  await context.close();
});

test("tabs over HTTP: one leader, one keep-alive per interval for all, the leader closed and another leads, ended reaches all", async () => {
  const { sessionId } = await (await fetch(`${api.url}/sessions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ userUuid: ADMIN }) })).json();
  const context = await browser.newContext();
  const tabs = [await page(context), await page(context), await page(context)];
  const options = { keepAliveEveryMs: 1000, warnBeforeMs: 3000 };
  for (const t of tabs) await keepOverHttp(t, sessionId, options);
  const leaders = async (pages) => (await Promise.all(pages.map((t) => t.evaluate(() => window.keeper.status.leader)))).filter(Boolean).length;
  await until("a leader", async () => (await leaders(tabs)) === 1);
  await fetch(`${api.url}/__mock/requests`, { method: "DELETE" });

  // Real clicks in each tab, in turn, for about 4 s: one keep-alive a second for them all.
  const started = Date.now();
  for (let i = 0; Date.now() - started < 4000; i++) {
    await tabs[i % 3].mouse.click(5, 5);
    await new Promise((r) => setTimeout(r, 150));
  }
  await new Promise((r) => setTimeout(r, 300));
  const sent = (await journal()).length;
  const seconds = (Date.now() - started) / 1000;
  assert.ok(sent >= 3 && sent <= Math.ceil(seconds) + 1, `${sent} keep-alives in ${seconds} s from three tabs`);
  assert.equal(await leaders(tabs), 1, "exactly one leader");

  // The leader closes: another takes over.
  const leaderIndex = (await Promise.all(tabs.map((t) => t.evaluate(() => window.keeper.status.leader)))).indexOf(true);
  await tabs[leaderIndex].close();
  const rest = tabs.filter((_, i) => i !== leaderIndex);
  await until("a new leader", async () => (await leaders(rest)) === 1);

  // No activity: the warning, then the end, in every tab left.
  await until("ended in every tab", async () => (await Promise.all(rest.map((t) => t.evaluate(() => window.keeper.status.phase)))).every((phase) => phase === "ended"), IDLE_MS + 10_000);
  for (const t of rest) {
    const events = await t.evaluate(() => window.events);
    assert.ok(events.includes("warning"), `${events}`);
    assert.ok(events.includes("ended SUSPENDED"), `${events}`);
  }
  await context.close();
});

test("sleep: a page whose timers were frozen past the warning shows it at wake-up, or ended when the server says so", async () => {
  const context = await browser.newContext();
  for (const [sleepMs, expected] of [
    [IDLE_MS - 2000, "warning"],
    [IDLE_MS + 1500, "ended"],
  ]) {
    const { sessionId } = await (await fetch(`${api.url}/sessions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ userUuid: ADMIN }) })).json();
    const p = await page(context);
    await keepOverHttp(p, sessionId, { activity: "manual", tabs: "alone", warnBeforeMs: 3000 });
    const cdp = await context.newCDPSession(p);
    await cdp.send("Page.setWebLifecycleState", { state: "frozen" });
    await new Promise((r) => setTimeout(r, sleepMs));
    await cdp.send("Page.setWebLifecycleState", { state: "active" });
    await until(`${expected} after waking`, async () => (await p.evaluate(() => window.keeper.status.phase)) === expected, 5000);
    if (expected === "ended") assert.deepEqual(await p.evaluate(() => window.events.filter((e) => e.startsWith("ended"))), ["ended SUSPENDED"]);
    await p.close();
  }
  await context.close();
});

test("the warning dialog: by role and name, keyboard only, focus in and back, axe-core; then the end", async () => {
  const context = await browser.newContext({ viewport: { width: 900, height: 500 } });
  const p = await page(context);
  await p.evaluate(async () => {
    document.body.innerHTML = `<main><h1>An app</h1><button id="work">Work</button></main>`;
    document.getElementById("work").focus();
    window.mock = new SessionApiMock({ clock: "virtual", now: "2026-12-01T09:00:00Z", seed: 1 });
    const client = new SessionClient({ mock: window.mock });
    const { sessionId } = await client.createSession({ userUuid: "00000000-0000-4000-8000-000000000001" });
    window.keeper = new SessionKeeper(client, sessionId, { warnBeforeMs: 120_000 });
    window.signedOut = 0;
    mountSessionWarning(window.keeper, { onSignOut: () => window.signedOut++, onSignIn: () => (window.signIn = true) });
    await window.keeper.ready;
    window.mock.advance(28 * 60_000 + 30_000); // 1:30 left
  });
  const dialog = p.getByRole("alertdialog", { name: "Your session ends in 1:30" });
  await dialog.waitFor();
  const stay = dialog.getByRole("button", { name: "Stay signed in" });
  assert.ok(await stay.evaluate((b) => b.getRootNode().activeElement === b), "focus is on Stay signed in");
  assert.deepEqual(await axeFindings(p, "session-expiry-warning"), []);
  await p.screenshot({ path: join(shots, "keeper-warning.png") });
  if (process.env.UPDATE_DOCS === "1") await p.screenshot({ path: join(repo, "docs/keeper-warning.png") });
  // Tab stays in the dialog; Enter on Stay signed in keeps the session alive.
  await p.keyboard.press("Tab");
  assert.ok(await dialog.getByRole("button", { name: "Sign out" }).evaluate((b) => b.getRootNode().activeElement === b));
  await p.keyboard.press("Tab");
  await p.keyboard.press("Enter");
  await dialog.waitFor({ state: "detached" });
  assert.equal(await p.evaluate(() => window.keeper.status.phase), "active");
  assert.equal(await p.evaluate(() => document.activeElement.id), "work", "focus is back where it was");
  // Clicks inside the dialog were no activity of the user's: one keep-alive, the extend.
  assert.equal(await p.evaluate(() => window.mock.requests().filter((r) => r.path.includes("keepAlive=true")).length), 1);
  // The end: "Your session has ended", Sign in again.
  await p.evaluate(() => window.mock.advance(31 * 60_000));
  const ended = p.getByRole("alertdialog", { name: "Your session has ended" });
  await ended.waitFor();
  await ended.getByRole("button", { name: "Sign in again" }).press("Enter");
  assert.equal(await p.evaluate(() => window.signIn), true);
  assert.deepEqual(await axeFindings(p, "session-expiry-warning"), []);
  await context.close();
});

test("the console keeps its open session with the keeper: the mock panel's clock brings the warning, then the end", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const p = await context.newPage();
  p.on("pageerror", (err) => assert.fail(`page error: ${err.message}`));
  await p.goto(url);
  await p.waitForSelector("body[data-ready=true]");
  await p.selectOption("#create-user", ADMIN);
  await p.click("#create-form button[type=submit]");
  await p.locator("#keeper-status").filter({ hasText: "active, ends by suspend" }).waitFor();
  const suspend = JSON.parse(await p.locator("#details-json").textContent()).suspend;
  // The panel's clock: 1:30 before the session would suspend.
  const local = await p.evaluate((at) => {
    const d = new Date(Date.parse(at) - 90_000);
    const pad = (n) => String(n).padStart(2, "0");
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  }, suspend);
  const panel = p.locator("session-mock-panel");
  await panel.getByLabel("Time").fill(local);
  await panel.getByRole("button", { name: "Set time" }).click();
  // (The field has whole seconds: 1:30 and the session's milliseconds.)
  const dialog = p.getByRole("alertdialog", { name: /^Your session ends in 1:3\d$/ });
  await dialog.waitFor();
  assert.match(await p.locator("#keeper-status").textContent(), /^warning/);
  await dialog.getByRole("button", { name: "Stay signed in" }).click();
  await dialog.waitFor({ state: "detached" });
  await p.locator("#keeper-status").filter({ hasText: "active" }).waitFor();
  // A day later: the end, said in a dialog.
  await panel.getByRole("button", { name: "Advance 1 day" }).click();
  await p.getByRole("alertdialog", { name: "Your session has ended" }).waitFor();
  assert.match(await p.locator("#keeper-status").textContent(), /^ended \((SUSPENDED|EXPIRED)\)$/);
  await context.close();
});
