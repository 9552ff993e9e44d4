// The sample app's production build (no mock bundled, no window hook) against the test's
// own mock: arrange, clock, faults, the journal, two tabs. Every test also checks that its
// mock holds only the sessions it and its pages made, whatever runs at once.
import { test, expect } from "session-client/playwright";

const ADMIN = "00000000-0000-4000-8000-000000000001";
const ADVISOR = "00000000-0000-4000-8000-000000000002";

test.use({
  sessionMockOptions: { baseUrl: `${process.env.APP_URL}/api`, clock: "virtual", now: "2026-12-01T09:00:00Z", seed: 1 },
});

/** Opens the app and waits for its first calls (create a session, read a missing one). */
async function openApp(page) {
  await page.goto("/");
  await expect(page).toHaveTitle("http ENABLED");
}

test("arrange: a session the test made is in the mock beside the app's own, and nothing else", async ({ page, sessionMock }) => {
  const mine = await sessionMock.client.createSession({ userUuid: ADVISOR });
  await openApp(page);
  const sessions = sessionMock.sessions();
  expect(sessions.map((s) => s.user.uuid).sort()).toEqual([ADMIN, ADVISOR]);
  expect(sessions.map((s) => s.sessionId)).toContain(mine.sessionId);
  expect(sessionMock.now()).toBe("2026-12-01T09:00:00.000Z");
});

test("the clock is the test's: 31 idle minutes suspend the app's session", async ({ page, sessionMock }) => {
  await openApp(page);
  sessionMock.advance(31 * 60_000);
  await page.getByRole("button", { name: "Check session" }).click();
  await expect(page.locator("#out")).toHaveText("SUSPENDED");
  expect(sessionMock.sessions()).toHaveLength(1);
});

test("faults are the test's: the next call fails as it says", async ({ page, sessionMock }) => {
  await openApp(page);
  sessionMock.failNext({ status: 503 });
  await page.getByRole("button", { name: "Check session" }).click();
  await expect(page.locator("#out")).toHaveText(/ 503$/);
  sessionMock.failNext({ network: true });
  await page.getByRole("button", { name: "Check session" }).click();
  await expect(page.locator("#out")).toHaveText(/^NETWORK/);
  await page.getByRole("button", { name: "Check session" }).click();
  await expect(page.locator("#out")).toHaveText("ENABLED");
  expect(sessionMock.sessions()).toHaveLength(1);
});

test("the journal says what the app sent", async ({ page, sessionMock }) => {
  await openApp(page);
  await page.getByRole("button", { name: "Check session" }).click();
  await expect(page.locator("#out")).toHaveText("ENABLED");
  const journal = sessionMock.requests();
  expect(journal.map((r) => r.operation)).toEqual(["createSession", "getSession", "getSession"]);
  expect(journal.map((r) => r.status)).toEqual([201, 404, 200]);
  expect(sessionMock.sessions()).toHaveLength(1);
});

test("two tabs of the test share its mock", async ({ context, page, sessionMock }) => {
  const second = await context.newPage();
  await openApp(page);
  await openApp(second);
  const sessions = sessionMock.sessions();
  expect(sessions).toHaveLength(2);
  expect(new Set(sessions.map((s) => s.sessionId)).size).toBe(2);
  // Nothing outside baseUrl is routed: the app's own files came from its server.
  expect(sessionMock.requests().every((r) => r.path.startsWith("/sessions"))).toBe(true);
});

test("a dedicated worker's requests reach the test's mock too", async ({ page, sessionMock }) => {
  await openApp(page);
  const [session] = sessionMock.sessions();
  const status = await page.evaluate(async (url) => {
    const code = `fetch(${JSON.stringify(url)}).then((r) => postMessage(r.status), (e) => postMessage(String(e)))`;
    const worker = new Worker(URL.createObjectURL(new Blob([code], { type: "text/javascript" })));
    return new Promise((resolve) => (worker.onmessage = (event) => resolve(event.data)));
  }, `${process.env.APP_URL}/api/sessions/${session.sessionId}`);
  // The app's own server has no /api: a 200 is the mock's answer.
  expect(status).toBe(200);
  expect(sessionMock.requests().at(-1)).toMatchObject({ operation: "getSession", status: 200 });
});
