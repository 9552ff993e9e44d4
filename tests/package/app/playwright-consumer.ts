// A Playwright test's use of session-client/playwright, type-checked as consumer.ts is.
import { test, expect, type SessionMockFixture, type SessionMockServerFixture } from "session-client/playwright";

test.use({ sessionMockOptions: { baseUrl: "http://localhost:5173/api", clock: "virtual", now: "2026-12-01T09:00:00Z", seed: 1 } });
test.use({ sessionMockServerOptions: { url: "http://127.0.0.1:8081" } });
// @ts-expect-error: the clock is "system" or "virtual"
test.use({ sessionMockOptions: { clock: "fast" } });

test("typed fixtures", async ({ page, sessionMock, sessionMockServer }) => {
  const mock: SessionMockFixture = sessionMock;
  const session = await mock.client.createSession({ userUuid: "00000000-0000-4000-8000-000000000001" });
  const now: string = mock.advance(31 * 60_000);
  mock.failNext({ operation: "getSession", status: 503 });
  expect(mock.requests().map((r) => r.operation)).toContain("createSession");
  const server: SessionMockServerFixture = sessionMockServer;
  const namespace: string = server.namespace;
  const moved: string = await server.mock.advance(60_000);
  const sessions = await server.mock.sessions();
  await server.mock.client.getSession(session.sessionId);
  // @ts-expect-error: the server's controls are async
  const sync: string = server.mock.now();
  await page.goto("/");
  console.log(now, namespace, moved, sessions.length, sync);
});
