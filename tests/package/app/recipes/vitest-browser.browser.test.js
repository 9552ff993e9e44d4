// Recipe: Vitest browser mode (Chromium through Playwright), the app's own code on the mock in
// a real page. vitest.browser.config.js runs it; docs/testing.md points to both files.
import { expect, test } from "vitest";
import { SessionClient } from "session-client";
import { SessionApiMock } from "session-client/mock";

test("a page's code on the mock, in a real browser", async () => {
  expect(typeof document).toBe("object");
  const mock = new SessionApiMock({ clock: "virtual", seed: 1 });
  const client = new SessionClient({ baseUrl: "/api" });
  client.useMock(mock);
  const session = await client.createSession({ userUuid: "00000000-0000-4000-8000-000000000001" });
  document.body.textContent = `session ${session.state}`;
  expect(document.body.textContent).toBe("session ENABLED");
  mock.advance(24 * 60 * 60_000);
  expect((await client.getSession(session.sessionId)).state).toBe("EXPIRED");
});
